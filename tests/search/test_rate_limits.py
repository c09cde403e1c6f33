"""Search and autocomplete are limited per client: a 429 that says when to come back."""

import pytest

from newsdesk.ratelimit import limits


@pytest.fixture
def limited(settings):
    settings.NEWSDESK_RATE_LIMITS = True
    settings.NEWSDESK_RATE_LIMITS_BY_SCOPE = {"search": "3/m", "autocomplete": "2/m"}
    limits().clear()
    yield
    limits().clear()


def test_a_client_over_its_search_allowance_is_told_when_to_return(client, newsroom, limited):
    statuses = [client.get("/en/search/", {"q": f"budget {n}"}).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/en/search/", {"q": "budget"})
    assert int(refused["Retry-After"]) >= 1
    assert "no-store" in refused["Cache-Control"]
    other_client = client.get("/en/search/", {"q": "budget"}, REMOTE_ADDR="192.0.2.9")
    assert other_client.status_code == 200


def test_autocomplete_answers_problem_details_when_limited(client, newsroom, limited):
    for _ in range(2):
        assert client.get("/en/search/titles/", {"q": "bud"}).status_code == 200
    refused = client.get("/en/search/titles/", {"q": "bud"})
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 429
