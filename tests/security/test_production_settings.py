"""Production settings refuse to start without a real secret key, and forms need CSRF tokens."""

import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))


def settings_load(tmp_path, **env):
    """Import the settings in a fresh interpreter; (exit code, stderr)."""
    environment = {
        key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}
    }
    environment.update(NEWSDESK_VAR_DIR=str(tmp_path), **env)
    done = subprocess.run(
        [sys.executable, "-c", "import newsdesk.settings"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stderr


def test_production_without_a_key_does_not_start(tmp_path):
    code, error = settings_load(tmp_path, NEWSDESK_ALLOW_GENERATED_SECRET="false")
    assert code != 0 and "SECRET_KEY must be set" in error
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("key", ["short", "a" * 60, "django-insecure-" + "x1y2z3" * 10])
def test_production_with_a_weak_key_does_not_start(tmp_path, key):
    code, error = settings_load(tmp_path, NEWSDESK_ALLOW_GENERATED_SECRET="false", SECRET_KEY=key)
    assert code != 0 and "SECRET_KEY is too weak" in error


def test_production_with_a_strong_key_starts(tmp_path):
    key = secrets.token_urlsafe(50)
    code, error = settings_load(tmp_path, NEWSDESK_ALLOW_GENERATED_SECRET="false", SECRET_KEY=key)
    assert code == 0, error


def test_debug_is_off_unless_asked_for(tmp_path):
    code, error = settings_load(tmp_path)
    assert code == 0, error
    done = subprocess.run(
        [sys.executable, "-c", "import newsdesk.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env={**os.environ, "NEWSDESK_VAR_DIR": str(tmp_path), "DEBUG": ""},
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "False"


def test_the_admin_login_form_needs_its_csrf_token(outlet):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_the_two_step_form_needs_its_csrf_token(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    assert client.post("/admin/two-step/", {"code": "123456"}).status_code == 403
