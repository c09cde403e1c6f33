"""A client counting views faster than any reader is refused with 429, in both layers."""

import io
import json

import pytest
from django.test import override_settings

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.flush import views_flush

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def wsgi_post(path, address):
    """POST straight to the WSGI application, as granian calls it (the counter's fast path)."""
    from newsdesk.wsgi import application

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": address,
        "HTTP_USER_AGENT": BROWSER,
        "CONTENT_LENGTH": "0",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], json.loads(body)


def stored(article):
    views_flush()
    return ArticlePage.objects.get(pk=article.pk).view_count


@pytest.fixture
def three_a_minute():
    with override_settings(NEWSDESK_RATE_LIMITS_BY_SCOPE={"views": "3/m"}):
        yield


def test_the_fast_path_refuses_views_past_the_limit_and_counts_none_of_them(
    newsroom, three_a_minute
):
    path = f"/views/{newsroom.story.pk}/"
    answers = [wsgi_post(path, "198.51.100.20") for _ in range(5)]
    assert [status for status, _, _ in answers] == [200, 200, 200, 429, 429]
    status, headers, problem = answers[-1]
    assert headers["Content-Type"] == "application/problem+json"
    assert int(headers["Retry-After"]) >= 1 and problem["status"] == 429
    assert stored(newsroom.story) == 3


def test_other_readers_are_still_counted(newsroom, three_a_minute):
    path = f"/views/{newsroom.story.pk}/"
    for _ in range(4):
        wsgi_post(path, "198.51.100.20")
    assert wsgi_post(path, "198.51.100.21")[0] == 200
    assert stored(newsroom.story) == 4


def test_the_django_view_has_the_same_limit(client, newsroom, three_a_minute):
    statuses = [
        client.post(f"/views/{newsroom.story.pk}/", HTTP_USER_AGENT=BROWSER).status_code
        for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
