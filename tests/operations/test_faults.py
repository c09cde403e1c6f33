"""Faults under load, each on servers of the test's own: Redis killed, PostgreSQL restarted,
an app worker killed mid-request. Pages keep being served or fail fast and recover; no
acknowledged view is lost; nothing is half-written."""

import json
import os
import signal
import threading
import time

import pytest
from demo_site import ui_text
from stack import Load, consistency_problems, send, stack_site, stored_views

pytestmark = pytest.mark.stack

EDITS = """
import json, time
from django.db import OperationalError, InterfaceError
from newsdesk.articles.models import ArticlePage
done, failed = 0, 0
deadline = time.monotonic() + {seconds}
while time.monotonic() < deadline:
    try:
        article = ArticlePage.objects.get(pk={id})
        article.title = f"Edition {{done}} of the story"
        article.save_revision().publish()
        done += 1
    except (OperationalError, InterfaceError):
        failed += 1
        from django.db import connections
        connections.close_all()
        time.sleep(0.2)
print("STACK-JSON", json.dumps({{"done": done, "failed": failed}}))
"""


def views_lost(load, before, after):
    """{article id: (acknowledged, written)} where fewer were written than acknowledged."""
    lost = {}
    for article_id, acknowledged in load.acknowledged.items():
        written = after.get(article_id, 0) - before.get(article_id, 0)
        if written < acknowledged:
            lost[article_id] = (acknowledged, written)
    return lost


def views_invented(load, before, after):
    """Articles with more views written than were ever sent."""
    return {
        article_id: (sent, after.get(article_id, 0) - before.get(article_id, 0))
        for article_id, sent in load.sent.items()
        if after.get(article_id, 0) - before.get(article_id, 0) > sent
    }


def test_pages_and_views_survive_redis_being_killed(clusters, redis):
    _primary, _replica, template = clusters
    with stack_site(template, redis=redis) as site:
        before = stored_views(site)
        load = Load(site.base_url, site.articles, readers=4, searches=False).start()
        try:
            time.sleep(2)
            redis.kill()
            time.sleep(3)
            down_status, _, down_body = send(site.base_url, "GET", "/readyz")
            redis.start()
            time.sleep(3)
        finally:
            load.stop()
        after = stored_views(site)
        pages, views = load.outcomes["page"], load.outcomes["view"]
        assert pages.server_errors == 0, pages.statuses
        assert views.server_errors == 0, views.statuses
        assert sum(load.acknowledged.values()) > 0
        assert views_lost(load, before, after) == {}
        assert views_invented(load, before, after) == {}
        ready = json.loads(down_body)
        assert down_status == 200 and ready["status"] == "degraded"
        assert {"cache", "page_cache_store", "view_buffer"} <= set(ready["unreachable"])
        # The page cache is used again once Redis is back.
        assert send(site.base_url, "GET", site.articles[0]["url"])[0] == 200
        assert send(site.base_url, "GET", site.articles[0]["url"])[1].get("x-cache") == "HIT"


def test_postgres_restart_fails_fast_with_a_branded_503_and_recovers(clusters):
    primary, _replica, template = clusters
    article = next(a for a in template.articles if a["language"] == "ru")
    # Every request reaches the database: nothing answers from the page cache.
    with stack_site(template, NEWSDESK_PAGE_CACHE="false") as site:
        answers = []
        stop = threading.Event()

        def reader():
            while not stop.is_set():
                started = time.monotonic()
                status, headers, body = send(site.base_url, "GET", article["url"])
                answers.append(
                    (time.monotonic(), time.monotonic() - started, status, headers, body)
                )
                time.sleep(0.05)

        editor_result = {}

        def editor():
            editor_result.update(site.shell_json(EDITS.format(id=article["id"], seconds=8)))

        threads = [threading.Thread(target=reader), threading.Thread(target=editor)]
        for thread in threads:
            thread.start()
        time.sleep(2)
        primary.stop("fast")
        time.sleep(2)
        down_status, _, down_body = send(site.base_url, "GET", "/readyz")
        primary.start()
        restarted = time.monotonic()
        threads[1].join(60)
        time.sleep(3)
        stop.set()
        threads[0].join(30)

        unavailable = [answer for answer in answers if answer[2] == 503]
        assert unavailable, "no request came while PostgreSQL was down"
        assert {answer[2] for answer in answers} <= {200, 503}
        # Fail fast: no reader was held longer than the connection timeout (3 s) and a bit.
        assert max(answer[1] for answer in unavailable) < 5
        brand = unavailable[0]
        assert brand[3].get("retry-after") == "5"
        assert ui_text("ru", "Back in a moment") in brand[4]
        assert '<html lang="ru">' in brand[4]
        # Recovered by itself within seconds of the restart.
        first_ok_after = min(a[0] for a in answers if a[2] == 200 and a[0] > restarted)
        assert first_ok_after - restarted < 10
        assert answers[-1][2] == 200
        ready = json.loads(down_body)
        assert down_status == 503 and "database" in ready["unreachable"]
        assert editor_result["done"] > 0
        assert consistency_problems(site) == []


def granian_workers(serve_pid):
    from workers import worker_pids  # bench/workers.py

    return worker_pids(serve_pid)


def test_an_app_worker_killed_mid_request_keeps_acknowledged_views(clusters, redis):
    _primary, _replica, template = clusters
    with stack_site(template, redis=redis) as site:
        before = stored_views(site)
        load = Load(site.base_url, site.articles, readers=6, pause=0.0).start()
        try:
            time.sleep(2)
            workers = granian_workers(site.server.pid)
            assert len(workers) == 2, workers
            os.kill(workers[0], signal.SIGKILL)
            time.sleep(4)
        finally:
            load.stop()
        after = stored_views(site)
        assert granian_workers(site.server.pid) != workers, "granian started a new worker"
        assert views_lost(load, before, after) == {}
        assert views_invented(load, before, after) == {}
        # Requests in flight in the killed worker failed; every other one was answered.
        failed = load.outcomes["page"].server_errors + load.outcomes["view"].server_errors
        assert failed <= 6 * 2, load.outcomes
        assert consistency_problems(site) == []
        assert send(site.base_url, "GET", site.articles[0]["url"])[0] == 200
