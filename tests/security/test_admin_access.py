"""The admin is closed to everyone without admin access, and its login resists guessing."""

import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

# The only admin addresses meant for people who are not signed in: the login and password
# reset pages, and the interface text and icons the login page itself loads.
PUBLIC_ADMIN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/jsi18n/",
    "/admin/sprite",
)
CONVERTERS = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.uuid4())}


def route_sample(route):
    """A concrete address matching a path() route or a simple regex route, or None."""
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: CONVERTERS.get(m.group(1) or "str", "x"), route)
    if route.startswith("^") or route.endswith("$") or "(" in route:
        route = route.lstrip("^").rstrip("$")
        route = re.sub(r"\(\?P<\w+>\\d\+\)|\(\\d\+\)", "1", route)
        route = re.sub(r"\(\?P<\w+>[^)]*\)|\([^)]*\)", "x", route)
        route = route.replace("\\.", ".").replace("\\", "")
        if re.search(r"[\[\]*+?{}|^$]", route):
            return None
    return route


def admin_addresses(patterns=None, prefix="/"):
    """Every address under /admin/ the URL configuration defines, with sample arguments."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        part = route_sample(str(pattern.pattern))
        if part is None:
            continue
        address = prefix + part
        if isinstance(pattern, URLResolver):
            yield from admin_addresses(pattern.url_patterns, address)
        elif isinstance(pattern, URLPattern) and address.startswith("/admin/"):
            yield address


@pytest.fixture
def ordinary_user(db):
    return get_user_model().objects.create_user("reader", "reader@example.com", "pw-123456789")


def test_the_walk_finds_the_admin(newsroom):
    addresses = set(admin_addresses())
    assert len(addresses) > 200
    assert "/admin/pages/1/edit/" in addresses and "/admin/users/" in addresses


@pytest.mark.parametrize("who", ["anonymous", "ordinary user"])
def test_every_admin_page_sends_outsiders_to_the_login(client, newsroom, ordinary_user, who):
    if who == "ordinary user":
        client.force_login(ordinary_user)
    shown = []
    for address in sorted(set(admin_addresses())):
        if address.startswith(PUBLIC_ADMIN_PATHS):
            continue
        response = client.get(address)
        refused = response.status_code in (403, 404, 405) or (
            response.status_code == 302 and "/admin/login/" in response["Location"]
        )
        if not refused:
            shown.append((address, response.status_code))
    assert shown == []


def login(client, username, password):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR="203.0.113.5"
    )


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", "right-pw-42")


def test_a_name_is_locked_out_after_five_wrong_passwords(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong").status_code == 200  # the form again
    assert login(client, "editor", "wrong").status_code == 429  # the last try allowed
    refused = login(client, "editor", "right-pw-42")
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_for_that_name_from_that_address(client, editor, settings):
    other = get_user_model().objects.create_superuser("other", "other@example.com", "other-pw-42")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "editor", "wrong")
    response = login(client, other.username, "other-pw-42")
    assert response.status_code == 302


def test_a_right_password_before_the_limit_forgives_earlier_mistakes(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "editor", "wrong")
    assert login(client, "editor", "right-pw-42").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "editor", "wrong")
    assert login(client, "editor", "right-pw-42").status_code == 302
