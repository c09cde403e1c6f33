"""Per-client rate limits: exact under concurrency, shared by processes, never fatal."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from newsdesk.ratelimit import (
    Rate,
    RedisLimits,
    client_address,
    limits,
    rate_limit,
    rate_limited,
    request_client_address,
)


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("30/m", Rate(30, 60)),
        ("5/s", Rate(5, 1)),
        ("100/10s", Rate(100, 10)),
        ("1/d", Rate(1, 86400)),
    ],
)
def test_rates_are_read_as_requests_per_period(text, rate):
    assert Rate.parse(text) == rate


@pytest.mark.parametrize("text", ["", "30", "30/", "x/m", "30/w", "0/m", "30/0s", "-1/m"])
def test_a_malformed_rate_is_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="rate"):
        Rate.parse(text)


def test_a_client_may_spend_its_allowance_at_once_then_waits():
    rate = Rate(3, 60)
    decisions = [rate_limit("search", "198.51.100.7", rate) for _ in range(4)]
    assert [decision.allowed for decision in decisions] == [True, True, True, False]
    assert 1 <= decisions[-1].retry_after <= 20


def test_clients_and_scopes_have_allowances_of_their_own():
    rate = Rate(1, 60)
    assert rate_limit("search", "198.51.100.7", rate).allowed
    assert not rate_limit("search", "198.51.100.7", rate).allowed
    assert rate_limit("search", "198.51.100.8", rate).allowed
    assert rate_limit("api", "198.51.100.7", rate).allowed


def test_the_allowance_comes_back_one_request_per_interval():
    store, rate, start = limits(), Rate(2, 60), 1_000_000.0
    assert store.spend("t:a", rate, start)[0] and store.spend("t:a", rate, start)[0]
    allowed, wait = store.spend("t:a", rate, start)
    assert not allowed and wait == pytest.approx(30)
    assert not store.spend("t:a", rate, start + 29)[0]
    assert store.spend("t:a", rate, start + 30)[0]
    assert not store.spend("t:a", rate, start + 30)[0]


def test_concurrent_requests_get_exactly_the_allowance():
    rate = Rate(50, 3600)
    with ThreadPoolExecutor(max_workers=8) as pool:
        decisions = list(pool.map(lambda _: rate_limit("api", "203.0.113.9", rate), range(200)))
    assert sum(decision.allowed for decision in decisions) == 50


def test_a_store_that_cannot_be_reached_lets_requests_through(monkeypatch):
    unreachable = RedisLimits("redis://127.0.0.1:1/0", "newsdesk-test:")
    monkeypatch.setattr("newsdesk.ratelimit.limits", lambda: unreachable)
    assert all(rate_limit("search", "198.51.100.7", Rate(1, 60)).allowed for _ in range(3))


def test_limits_can_be_switched_off():
    with override_settings(NEWSDESK_RATE_LIMITS=False):
        assert all(rate_limit("search", "198.51.100.7", Rate(1, 60)).allowed for _ in range(3))


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.1", "10.0.0.2"),  # no proxy trusted: the header could be forged
        (1, "203.0.113.1", "203.0.113.1"),
        (1, "198.51.100.66, 203.0.113.1", "203.0.113.1"),  # the first entry is the client's claim
        (2, "198.51.100.66, 203.0.113.1", "198.51.100.66"),
        (2, "203.0.113.1", "10.0.0.2"),  # fewer entries than proxies: not from our proxies
    ],
)
def test_the_client_is_the_address_the_trusted_proxies_saw(proxies, forwarded, expected):
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}
    with override_settings(NEWSDESK_TRUSTED_PROXIES=proxies):
        assert client_address(meta) == expected


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
        ({"REMOTE_ADDR": "2001:DB8::1"}, "2001:db8::1"),
        ({}, None),  # a test client's force_login: no socket at all
        ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "'; drop table --"}, None),
    ],
)
def test_the_sign_in_lockout_gets_a_valid_address_or_none(meta, expected):
    request = RequestFactory().get("/admin/login/")
    request.META = meta
    with override_settings(NEWSDESK_TRUSTED_PROXIES=1):
        assert request_client_address(request) == expected


def test_a_limited_view_answers_429_with_retry_after():
    @rate_limited("api", problem_json=True)
    def view(request):
        return HttpResponse("ok")

    request = RequestFactory().get("/api/v1/x", REMOTE_ADDR="192.0.2.5")
    with override_settings(NEWSDESK_RATE_LIMITS_BY_SCOPE={"api": "2/m"}):
        statuses = [view(request).status_code for _ in range(2)]
        refused = view(request)
    assert statuses == [200, 200]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    assert refused["Content-Type"] == "application/problem+json"
    assert json.loads(refused.content)["status"] == 429
    assert "no-store" in refused["Cache-Control"]
