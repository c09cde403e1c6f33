"""Readiness, the branded 503, JSON logs with request ids, production settings, and the
parts that step aside when Redis is away (a real client against a port nobody serves)."""

import json
import logging
import os
import subprocess
import sys

import pytest
from demo_site import ROOT, free_port
from django.db import OperationalError
from django.test import RequestFactory, override_settings

from newsdesk.operations.logs import JsonFormatter, request_id_var
from newsdesk.operations.wsgi import RequestContext


def test_readyz_names_every_check_and_is_ready_on_the_embedded_default(client, db):
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ready", body
    assert set(body["checks"]) == {"database", "cache", "page_cache_store", "view_buffer", "queue"}
    assert body["unreachable"] == []
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_database_that_is_away_gets_the_branded_503_in_the_editions_language():
    from newsdesk.editions.views import server_error

    request = RequestFactory().get("/ru/politics/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "5" and response["Cache-Control"] == "no-store"
    assert '<html lang="ru">' in body and "Скоро вернёмся" in body


def wsgi_call(application, environ):
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered.update(status=status, headers=dict(headers))

    body = b"".join(application(environ, start_response))
    return answered["status"], answered["headers"], body


def test_every_request_gets_an_id_kept_from_the_proxy_and_sent_back():
    seen = []

    def app(environ, start_response):
        seen.append(request_id_var.get())
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    wrapped = RequestContext(app)
    environ = {"PATH_INFO": "/", "REQUEST_METHOD": "GET"}
    _, headers, _ = wsgi_call(wrapped, {**environ, "HTTP_X_REQUEST_ID": "nginx-0123456789abcdef"})
    assert headers["X-Request-ID"] == "nginx-0123456789abcdef" == seen[0]
    _, headers, _ = wsgi_call(wrapped, {**environ, "HTTP_X_REQUEST_ID": "<script>"})
    assert headers["X-Request-ID"] == seen[1] and len(seen[1]) == 24 and seen[1] != "<script>"
    assert request_id_var.get() is None


def test_a_database_error_no_layer_answered_is_a_503_problem():
    def app(environ, start_response):
        raise OperationalError("the database system is shutting down")

    status, headers, body = wsgi_call(RequestContext(app), {"PATH_INFO": "/views/3/",
                                                            "REQUEST_METHOD": "POST"})  # fmt: skip
    assert status.startswith("503") and headers["Retry-After"] == "5"
    assert json.loads(body)["status"] == 503


def test_log_lines_are_json_with_the_request_id():
    record = logging.LogRecord("newsdesk.test", logging.WARNING, __file__, 1, "hello %s",
                               ("world",), None)  # fmt: skip
    record.status = 503
    token = request_id_var.set("abc123def456")
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["message"] == "hello world" and line["level"] == "WARNING"
    assert line["request_id"] == "abc123def456" and line["status"] == 503


def test_manage_check_deploy_passes_with_the_production_environment(tmp_path):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DATABASE", "CACHE", "REDIS", "NEWSDESK", "SECRET"))}  # fmt: skip
    for line in (ROOT / "deploy" / "newsdesk.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    import secrets

    env.update(SECRET_KEY=secrets.token_urlsafe(64), NEWSDESK_VAR_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="newsdesk.settings")  # fmt: skip
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy",
                             "--fail-level", "WARNING"], cwd=ROOT, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    # Without a secret key the production settings refuse to start.
    env["SECRET_KEY"] = ""
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def nobody_listens():
    return f"redis://127.0.0.1:{free_port()}/0"


def test_the_cache_answers_as_empty_while_redis_is_away():
    from newsdesk.settings import cache_from_url

    caches = {"default": cache_from_url(nobody_listens())}
    with override_settings(CACHES=caches):
        from django.core.cache import caches as django_caches

        cache = django_caches["default"]
        cache.set("a", 1)
        assert cache.get("a", "missing") == "missing"
        assert cache.add("b", 2) is False and cache.get_many(["a", "b"]) == {}


def test_the_page_cache_steps_aside_while_its_store_is_away():
    from newsdesk.pagecache.cache import KeyedCache
    from newsdesk.pagecache.entry import Entry
    from newsdesk.pagecache.shared import store_from_url

    cache = KeyedCache(store_from_url(nobody_listens()), 1 << 20, 0.1, 100)
    entry = Entry.fragment("<p>x</p>", {"page-1"}, 1e10, 60)
    assert cache.get("page:x") is None
    assert cache.acquire("page:x") is True
    assert cache.put("page:x", entry, 0) is False and entry.stale
    cache.purge({"page-1"})
    assert cache.purges_lost and not cache.available()


@pytest.mark.django_db
def test_views_are_written_to_the_database_while_the_buffer_is_away(newsroom):
    from newsdesk.articles.models import ArticlePage
    from newsdesk.metrics import counting
    from newsdesk.metrics.buffer import view_buffer
    from newsdesk.metrics.models import ViewTally

    story = newsroom.story
    before = ArticlePage.objects.get(pk=story.pk).view_count
    with override_settings(NEWSDESK_VIEW_BUFFER=nobody_listens()):
        view_buffer.cache_clear()
        try:
            totals = [counting.article_view_record(story.pk) for _ in range(3)]
        finally:
            view_buffer.cache_clear()
            counting.direct_views.down_until = 0.0
            counting.direct_views.missed.clear()
    assert totals == [before + 1, before + 2, before + 3]
    assert ArticlePage.objects.get(pk=story.pk).view_count == before + 3
    assert sum(ViewTally.objects.filter(article_id=story.pk).values_list("views", flat=True)) == 3
