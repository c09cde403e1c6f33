"""Readers read the streaming replica, editors the primary; a lagging or stopped replica
never shows a reader an old page. A real primary and replica (tests/clusters.py)."""

import contextlib
import json
import time

import pytest
from clusters import replica_caught_up
from stack import send, stack_site

pytestmark = pytest.mark.stack

EDIT = """
from newsdesk.articles.models import ArticlePage
article = ArticlePage.objects.get(pk={id})
article.title = {title!r}
article.save_revision().publish()
print("STACK-JSON 1")
"""


@contextlib.contextmanager
def replay_paused(primary, replica, database):
    """The replica stops applying what it receives: it falls behind, as under load."""
    # Something replayed just now, so the replica's lag is counted from here.
    primary.sql("SELECT txid_current()", database)
    replica_caught_up(primary, replica, database)
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        yield
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")


def title_in(html, title):
    return f">{title}<" in html or title in html


def test_readers_read_the_replica_and_editors_the_primary(clusters):
    primary, replica, template = clusters
    article = template.articles[0]
    # No page cache, so every request is rendered; a patient lag limit, so the paused
    # replica stays in use and the difference shows.
    with stack_site(template, replica=replica, NEWSDESK_PAGE_CACHE="false",
                    NEWSDESK_REPLICA_MAX_LAG_SECONDS="60") as site:  # fmt: skip
        status, _, html = send(site.base_url, "GET", article["url"])
        assert status == 200 and title_in(html, article["title"])
        with replay_paused(primary, replica, site.database):
            # Written on the primary only, with no purge: only the router decides who sees it.
            primary.sql(
                f"UPDATE wagtailcore_page SET title = 'Only on the primary' "
                f"WHERE id = {article['id']}",
                site.database,
            )
            _, _, reader_html = send(site.base_url, "GET", article["url"])
            _, _, editor_html = send(
                site.base_url, "GET", article["url"], headers={"Cookie": "sessionid=editor"}
            )
        assert title_in(reader_html, article["title"]), "the reader's page came from the replica"
        assert "Only on the primary" not in reader_html
        assert "Only on the primary" in editor_html, "an editor's request reads the primary"


def test_a_page_published_while_the_replica_lags_is_served_new(clusters):
    primary, replica, template = clusters
    article = template.articles[1]
    new_title = "Published while the replica lags"
    with stack_site(template, replica=replica, NEWSDESK_REPLICA_MAX_LAG_SECONDS="30") as site:
        status, headers, html = send(site.base_url, "GET", article["url"])
        assert status == 200 and title_in(html, article["title"])
        # The replica is trusted (its lag is under 30 s) but has not applied the publish.
        with replay_paused(primary, replica, site.database):
            site.shell_json(EDIT.format(id=article["id"], title=new_title))
            on_replica = replica.sql(
                f"SELECT title FROM wagtailcore_page WHERE id = {article['id']}", site.database
            )
            answers = [send(site.base_url, "GET", article["url"]) for _ in range(20)]
        assert on_replica == article["title"], "the replica had not applied the publish"
        for status, headers, html in answers:
            assert status == 200
            assert title_in(html, new_title), f"an old page was served ({headers.get('x-cache')})"
        # The page rendered from the primary was kept, fresh: the cache serves the new one.
        assert answers[-1][1].get("x-cache") == "HIT", answers[-1][1]


def test_readers_fall_back_to_the_primary_when_the_replica_stops(clusters):
    primary, replica, template = clusters
    articles = template.articles[:4]
    with stack_site(template, replica=replica, NEWSDESK_PAGE_CACHE="false") as site:
        for article in articles:
            assert send(site.base_url, "GET", article["url"])[0] == 200
        replica.stop("immediate")
        try:
            statuses = [
                send(site.base_url, "GET", article["url"])[0]
                for _ in range(5)
                for article in articles
            ]
            ready_status, _, ready = send(site.base_url, "GET", "/readyz")
        finally:
            replica.start()
        assert statuses == [200] * len(statuses)
        body = json.loads(ready)
        assert ready_status == 200 and body["status"] == "degraded"
        assert body["unreachable"] == ["replica"]
        # Back in use by itself once it answers again.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            body = json.loads(send(site.base_url, "GET", "/readyz")[2])
            if body["status"] == "ready":
                break
            time.sleep(0.5)
        assert body["status"] == "ready", body
