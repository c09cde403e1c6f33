"""Every listing is read through an index, so its cost does not grow with the archive.

SQLite's plan is asked for each listing query (EXPLAIN QUERY PLAN) and must search the
index meant for it rather than scan a table. PostgreSQL chooses its plans from table
statistics, so on a test database of a few rows it rightly scans; its plans at a million
articles are recorded in docs/benchmarks.md.
"""

import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.articles.models import ArticlePage, newest_per_tag
from newsdesk.editions.editions import live_children
from newsdesk.metrics.models import ViewTally
from newsdesk.metrics.most_read import PERIODS

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="plans on a tiny PostgreSQL database are scans"
)


def plan(queryset):
    """The lines of SQLite's query plan for a queryset."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def assert_searches(lines, index):
    assert any(line.startswith("SEARCH") and index in line for line in lines), lines
    big_tables = ("wagtailcore_page", "articles_articlepage", "articles_articletag")
    scans = [line for line in lines if line.startswith("SCAN") and line.split()[1] in big_tables]
    assert not scans, lines


def test_a_section_page_reads_its_section_index(newsroom):
    stories = ArticlePage.objects.published().filter(section=newsroom.politics).newest_first()
    assert_searches(plan(stories.values_list("pk")[24:37]), "article_section_newest")


def test_a_tag_page_reads_the_tags_own_index(newsroom):
    tag = newsroom.story.tags.first()
    stories = ArticlePage.objects.tagged(tag).in_edition(newsroom.story.locale_id)
    assert_searches(plan(stories.values_list("pk")[24:37]), "article_tag_newest")


def test_related_stories_read_each_tags_index(newsroom):
    published = ArticlePage.objects.published().in_edition(newsroom.story.locale_id)
    related = published.filter(pk__in=newest_per_tag([1, 2, 3], 12)).newest_first()
    lines = plan(related.values_list("pk")[:4])
    assert sum("article_tag_newest" in line for line in lines) == 3, lines


def test_an_article_is_found_by_its_address_through_an_index(newsroom):
    found = ArticlePage.objects.live().filter(url_path=newsroom.story.url_path)
    assert_searches(plan(found), "newsdesk_page_url_path")


def test_a_persons_stories_are_found_from_the_link_tables(newsroom):
    stories = ArticlePage.objects.published().with_person(newsroom.author.translation_key)
    lines = plan(stories.newest_first().values_list("pk")[:13])
    assert not [line for line in lines if line.startswith("SCAN")], lines


def test_most_read_sums_only_the_recent_tallies(newsroom):
    since = timezone.now() - PERIODS["day"]
    tallies = ViewTally.objects.filter(locale_id=newsroom.story.locale_id, hour__gte=since)
    assert_searches(plan(tallies.values("article_id")), "view_tally_edition_hour")


def test_the_section_menu_reads_only_the_home_pages_children(newsroom):
    # The path index alone would also step over every article below the home page.
    home = newsroom.politics.get_parent()
    lines = plan(live_children(home))
    assert_searches(lines, "newsdesk_page_depth_path (depth=? AND path>? AND path<?)")


def test_an_editions_sections_are_read_from_the_tree_index(newsroom):
    home = newsroom.politics.get_parent().specific
    lines = plan(home.sections())
    assert any("newsdesk_page_depth_path" in line for line in lines), lines
