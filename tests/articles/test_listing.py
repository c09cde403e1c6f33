"""Listing pages read from where a page starts: the same stories as counting from the top."""

import random
from datetime import timedelta

import factories
import pytest
from django.test import RequestFactory
from django.utils import timezone

from newsdesk.articles.keys import section_list_key
from newsdesk.articles.listing import paginate
from newsdesk.articles.models import ArticlePage
from newsdesk.pagecache.keys import announce_change

PER_PAGE = 4


@pytest.fixture
def desk(outlet):
    """A section of 30 stories, some published at the very same moment (ties on the time)."""
    section = factories.section("en", title="Desk")
    moment = timezone.now() - timedelta(days=1)
    for index in range(30):
        published_at = moment - timedelta(minutes=index // 3)  # three stories per minute
        factories.article(section, revision=False, published_at=published_at)
    return section


def page_of(section, number):
    stories = ArticlePage.objects.published().filter(section=section).newest_first()
    request = RequestFactory().get("/", {"page": number})
    return paginate(request, stories, per_page=PER_PAGE, list_key=section_list_key(section.pk))


def expected_pages(section):
    ids = list(
        ArticlePage.objects.published()
        .filter(section=section)
        .newest_first()
        .values_list("pk", flat=True)
    )
    return [ids[start : start + PER_PAGE] for start in range(0, len(ids), PER_PAGE)]


def test_pages_read_in_any_order_hold_the_stories_counted_from_the_top(desk):
    expected = expected_pages(desk)
    numbers = list(range(1, len(expected) + 1)) * 2
    random.Random(3).shuffle(numbers)
    for number in numbers:
        page = page_of(desk, number)
        assert page.object_list == expected[number - 1], number
        assert page.has_next() == (number < len(expected))


def test_a_story_joining_the_list_moves_every_page_along(desk):
    first_two = [page_of(desk, number).object_list for number in (1, 2)]
    newest = factories.article(desk, revision=False)
    announce_change(section_list_key(desk.pk))
    assert page_of(desk, 1).object_list == [newest.pk, *first_two[0][:3]]
    assert page_of(desk, 2).object_list == [first_two[0][3], *first_two[1][:3]]


def test_a_deep_page_is_read_from_its_start_through_the_section_index(desk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page_of(desk, 5)  # learns where pages 5 and 6 start
    with CaptureQueriesContext(connection) as queries:
        page_of(desk, 6)
    (query,) = queries.captured_queries
    assert "OFFSET" not in query["sql"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plan = " ".join(row[-1] for row in cursor.fetchall())
        assert "article_section_newest" in plan and "published_at<?" in plan, plan
