"""Fixtures shared by the whole suite: an outlet with its editions, and a real running server."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Enough stories for "load more" to have several pages in every section of every edition.
SERVER_DEMO_ARTICLES = int(os.environ.get("TEST_SERVER_ARTICLES", "150"))


@pytest.fixture
def outlet(db):
    """The configured editions with their home pages, as `make run` leaves them."""
    from newsdesk.newsroom.setup import outlet_setup

    outlet_setup()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url} within {timeout}s")


@pytest.fixture(scope="session")
def running_site(tmp_path_factory):
    """The production server (granian, DEBUG off) on a fresh SQLite database with demo content.

    Yields the base URL, e.g. http://127.0.0.1:40123. Shared by the browser tests, the
    page checkers and the concurrency tests so the content is generated once per run.
    """
    var_dir = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "NEWSDESK_VAR_DIR": str(var_dir),
        "DEBUG": "false",
        "CACHE_URL": "locmem://test",
    }
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["setup_outlet"],
        ["seed_demo", "--articles", str(SERVER_DEMO_ARTICLES), "--seed", "7", "--no-progress"],
    ):
        subprocess.run(manage + command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen(
        manage + ["serve", "--port", str(port), "--workers", "2", "--publish-every", "0"],
        env=env,
        cwd=ROOT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base_url + "/en/", server)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)
