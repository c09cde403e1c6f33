"""Two-step sign-in: staff who turn it on need a current authenticator code to get in."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "right-pw-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def authenticator(editor):
    return TOTPDevice.objects.create(user=editor, name="Authenticator app", confirmed=True)


def sign_in(client, **fields):
    data = {"username": "editor", "password": PASSWORD, **fields}
    return client.post("/admin/login/", data, REMOTE_ADDR="203.0.113.8")


def signed_in(client):
    return "_auth_user_id" in client.session


def test_without_an_authenticator_the_password_is_enough(client, editor):
    assert sign_in(client).status_code == 302 and signed_in(client)


def test_with_an_authenticator_the_password_alone_is_not_enough(client, authenticator):
    response = sign_in(client)
    assert response.status_code == 200 and not signed_in(client)
    assert "Enter the current code from your authenticator app." in response.content.decode()


def test_a_wrong_code_is_refused_and_counts_towards_the_lockout(client, authenticator, settings):
    response = sign_in(client, otp_token="12")
    assert response.status_code == 200 and not signed_in(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, otp_token="12")
    assert sign_in(client, otp_token=current_code(authenticator)).status_code == 429


def test_the_current_code_lets_the_editor_in_and_verifies_the_session(client, authenticator):
    response = sign_in(client, otp_token=current_code(authenticator))
    assert response.status_code == 302 and signed_in(client)
    assert client.get("/admin/").wsgi_request.user.is_verified()


def new_authenticator(client, editor):
    """Open the setup page, which shows the code to scan and makes an unconfirmed device."""
    client.force_login(editor)
    page = client.get("/admin/two-step/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    return TOTPDevice.objects.get(user=editor, confirmed=False)


def test_a_wrong_code_does_not_turn_it_on(client, editor):
    device = new_authenticator(client, editor)
    assert client.post("/admin/two-step/", {"code": "12"}).status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed


def test_the_new_authenticators_code_turns_it_on(client, editor):
    device = new_authenticator(client, editor)
    assert client.post("/admin/two-step/", {"code": current_code(device)}).status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_a_wrong_code_does_not_turn_it_off(client, editor, authenticator):
    client.force_login(editor)
    client.post("/admin/two-step/", {"code": "12"})
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_the_current_code_turns_it_off(client, editor, authenticator):
    client.force_login(editor)
    client.post("/admin/two-step/", {"code": current_code(authenticator)})
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_after_a_wrong_code_the_next_try_must_wait(client, editor, authenticator):
    # django-otp slows guessing down: each failure makes the next try wait longer.
    client.force_login(editor)
    client.post("/admin/two-step/", {"code": "12"})
    client.post("/admin/two-step/", {"code": current_code(authenticator)})
    assert TOTPDevice.objects.filter(user=editor).exists()


def test_the_account_page_offers_it(client, editor):
    client.force_login(editor)
    assert "/admin/two-step/" in client.get("/admin/account/").content.decode()
