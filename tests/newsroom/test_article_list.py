"""The admin's article list: newest first, filtered, searched and counted without reading the
whole archive."""

import re
from datetime import timedelta

import factories
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom import article_list
from newsdesk.newsroom.article_list import ArticlePaginator


def listed(response):
    """Titles of the articles a page of the list shows, in order."""
    assert response.status_code == 200
    return [article.title for article in response.context["page_obj"].object_list]


@pytest.fixture
def flagged(newsroom):
    """A breaking, a featured and a draft story, published an hour apart, newest first."""
    now = timezone.now()
    factories.article(newsroom.politics, title="Bridge closed", is_breaking=True, published_at=now)
    factories.article(
        newsroom.politics,
        title="Weekend long read",
        is_featured=True,
        published_at=now - timedelta(hours=1),
    )
    factories.article(
        newsroom.politics,
        title="Unfinished draft",
        live=False,
        published_at=now - timedelta(hours=2),
    )


def test_the_list_shows_the_newest_first(staff, login, newsroom, flagged):
    titles = listed(login(staff.editor).get("/admin/articles/"))
    assert titles[:3] == ["Bridge closed", "Weekend long read", "Unfinished draft"]


def test_only_the_publication_time_sorts_the_list(staff, login, newsroom, flagged):
    response = login(staff.editor).get("/admin/articles/?ordering=title")
    assert listed(response)[:3] == ["Bridge closed", "Weekend long read", "Unfinished draft"]
    sort_links = re.findall(
        r'href="/admin/articles/\?ordering=(\w+)" title="Sort by', response.text
    )
    assert sort_links == ["published_at"]
    oldest_first = listed(login(staff.editor).get("/admin/articles/?ordering=published_at"))
    assert oldest_first[-3:] == ["Unfinished draft", "Weekend long read", "Bridge closed"]


@pytest.mark.parametrize(
    ("query", "shown", "left_out"),
    [
        ("is_breaking=true", {"Bridge closed"}, {"Weekend long read", "Unfinished draft"}),
        ("is_featured=true", {"Weekend long read"}, {"Bridge closed", "Unfinished draft"}),
        ("live=false", {"Unfinished draft"}, {"Bridge closed", "Parliament passes budget"}),
        ("live=true", {"Bridge closed", "Parliament passes budget"}, {"Unfinished draft"}),
        ("locale=hy", {"Armenian only story"}, {"Bridge closed", "Parliament passes budget"}),
    ],
)
def test_the_filters_narrow_the_list(staff, login, newsroom, flagged, query, shown, left_out):
    titles = set(listed(login(staff.editor).get(f"/admin/articles/?{query}")))
    assert shown <= titles
    assert not titles & left_out


def test_a_search_finds_an_article_by_its_title(staff, login, newsroom):
    titles = listed(login(staff.editor).get("/admin/articles/?q=Parliament"))
    assert titles == ["Parliament passes budget"]


def test_a_translator_lists_only_the_edition_they_translate_into(staff, login, newsroom):
    titles = set(listed(login(staff.translator).get("/admin/articles/")))
    assert titles == {"Парламент принял бюджет"}


def test_the_count_stops_at_its_limit(newsroom, monkeypatch):
    monkeypatch.setattr(article_list, "COUNT_PAGES", 2)
    articles = ArticlePage.objects.order_by("-published_at")
    paginator = ArticlePaginator(articles, per_page=1)
    with CaptureQueriesContext(connection) as captured:
        assert paginator.count == 2
    assert "LIMIT 3" in captured[0]["sql"]
    assert paginator.num_pages == 2
    assert paginator.items_count_label == "More than 2 articles"
    assert ArticlePaginator(articles, per_page=2).items_count_label == "3 articles"


def test_the_list_costs_the_same_with_more_articles(staff, login, queries_stay_the_same):
    queries_stay_the_same(login(staff.editor), "/admin/articles/")


def test_the_list_does_not_ask_for_every_page_the_user_may_explore(staff, login, newsroom):
    with CaptureQueriesContext(connection) as captured:
        assert login(staff.editor).get("/admin/articles/").status_code == 200
    whole_tree = [
        query["sql"]
        for query in captured
        if 'IN (SELECT U0."id" AS "pk" FROM "wagtailcore_page" U0' in query["sql"]
        or '"wagtailcore_page"."depth" > 1' in query["sql"]
    ]
    assert whole_tree == []
