"""Sitemaps: an index of every edition's pages, months and news; robots.txt points at it."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import factories
import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.syndication import sitemaps
from newsdesk.syndication.archive import section_ids
from newsdesk.syndication.models import ArchiveDay
from newsdesk.syndication.sitemaps import Span, archive_spans, published_between

pytestmark = pytest.mark.django_db
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content), response


def month_name(moment):
    moment = moment.astimezone(UTC)
    return f"{moment.year:04d}-{moment.month:02d}"


def test_the_index_lists_each_editions_pages_news_and_months(client, newsroom):
    root, response = xml(client, "/sitemap.xml")
    locations = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    month = month_name(newsroom.story.published_at)
    for code in ("en", "ru", "hy"):
        assert f"http://testserver/sitemaps/{code}/pages.xml" in locations
        assert f"http://testserver/sitemaps/{code}/news.xml" in locations
        assert f"http://testserver/sitemaps/{code}/{month}.xml" in locations
    for location in locations:
        assert client.get(location.removeprefix("http://testserver")).status_code == 200
    assert "Accept-Language" not in response.get("Vary", "")
    assert "s-maxage" in response["Cache-Control"]


def test_a_month_lists_its_stories_with_their_translations(client, newsroom):
    month = month_name(newsroom.story.published_at)
    root, _response = xml(client, f"/sitemaps/en/{month}.xml")
    entries = {url.find("sm:loc", NS).text: url for url in root.findall("sm:url", NS)}
    story_url = "http://testserver/en/politics/parliament-passes-budget/"
    assert story_url in entries
    assert not [url for url in entries if "/ru/" in url or "/hy/" in url]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in entries[story_url].findall("xhtml:link", NS)
    }
    assert alternates == {
        "en": story_url,
        "ru": "http://testserver/ru/politics/parliament-passes-budget/",
    }
    assert entries[story_url].find("sm:lastmod", NS).text.endswith("+00:00")
    # A story with no translation has no alternates at all.
    root, _response = xml(client, f"/sitemaps/hy/{month_name(newsroom.story_hy.published_at)}.xml")
    (lonely,) = [url for url in root.findall("sm:url", NS) if "hy-only" in url[0].text]
    assert lonely.findall("xhtml:link", NS) == []


def test_the_news_sitemap_holds_the_last_two_days(client, newsroom):
    fresh = factories.article(
        newsroom.politics, title="Fresh & new", slug="fresh-new", published_at=timezone.now()
    )
    factories.article(
        newsroom.politics, title="Old news", published_at=timezone.now() - timedelta(days=3)
    )
    root, response = xml(client, "/sitemaps/en/news.xml")
    titles = [title.text for title in root.findall("sm:url/news:news/news:title", NS)]
    assert "Fresh & new" in titles
    assert "Old news" not in titles
    assert root.find("sm:url/news:news/news:publication/news:language", NS).text == "en"
    assert f"page-{fresh.pk}" not in response["xkey"]  # a list's key covers its stories
    assert "list-edition-en" in response["xkey"].split()


def test_the_pages_sitemap_lists_home_and_sections_with_translations(client, newsroom):
    root, _response = xml(client, "/sitemaps/en/pages.xml")
    entries = {url.find("sm:loc", NS).text: url for url in root.findall("sm:url", NS)}
    assert "http://testserver/en/" in entries
    politics = entries["http://testserver/en/politics/"]
    assert {link.get("hreflang") for link in politics.findall("xhtml:link", NS)} == {
        "en",
        "ru",
        "hy",
    }


@pytest.mark.parametrize(
    "url",
    [
        "/sitemaps/xx/pages.xml",
        "/sitemaps/en/2026-13.xml",
        "/sitemaps/en/banana.xml",
        "/sitemaps/en/2026-01-3-of-2.xml",
        "/sitemaps/en/2026-01-20-10.xml",
        "/sitemaps/en/2026-02-10-30.xml",
        "/sitemaps/en/2026-01-00-10.xml",
        "/sitemaps/en/2026-01-01-31.xml",
        "/sitemaps/en/99999999999999999999-01.xml",
    ],
)
def test_a_sitemap_name_that_means_nothing_is_a_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_a_month_over_the_limit_is_cut_in_runs_of_days_each_under_it(client, newsroom, monkeypatch):
    month_start = datetime(2025, 3, 1, tzinfo=UTC)
    for day in (2, 5, 20, 28):
        factories.article(
            newsroom.politics, published_at=month_start + timedelta(days=day), revision=False
        )
    monkeypatch.setattr(sitemaps, "MAX_URLS", 2)
    march = [span for span in archive_spans() if (span.year, span.month) == (2025, 3)]
    assert [span.name for span in march] == ["2025-03-21-31", "2025-03-01-20"]
    for span in march:
        assert published_between(span.start, span.end, section_ids("en")).count() == 2
        root, _response = xml(client, f"/sitemaps/en/{span.name}.xml")
        assert len(root.findall("sm:url", NS)) == 2


def days_kept(language_code="en"):
    rows = ArchiveDay.objects.filter(language_code=language_code)
    return {str(day): stories for day, stories in rows.values_list("day", "stories")}


def test_the_counts_per_day_follow_publishing_editing_and_withdrawing(newsroom):
    published_at = datetime(2024, 5, 10, 12, tzinfo=UTC)
    story = factories.article(newsroom.politics, published_at=published_at)
    assert days_kept()["2024-05-10"] == 1
    story = ArticlePage.objects.get(pk=story.pk)
    story.published_at = datetime(2024, 6, 2, 8, tzinfo=UTC)
    story.save_revision().publish()
    kept = days_kept()
    assert "2024-05-10" not in kept and kept["2024-06-02"] == 1
    story.unpublish()
    assert "2024-06-02" not in days_kept()
    story.save_revision().publish()
    assert days_kept()["2024-06-02"] == 1
    ArticlePage.objects.get(pk=story.pk).delete()
    assert "2024-06-02" not in days_kept()


def test_a_story_moved_to_another_edition_changes_both_editions_counts(newsroom):
    published_at = datetime(2024, 7, 3, 9, tzinfo=UTC)
    story = factories.article(newsroom.politics, published_at=published_at)
    ArticlePage.objects.get(pk=story.pk).move(newsroom.politics_hy, pos="last-child")
    assert "2024-07-03" not in days_kept("en")
    assert days_kept("hy")["2024-07-03"] == 1


def test_a_bulk_load_is_counted_when_it_announces_everything(newsroom):
    from newsdesk.pagecache.keys import EVERYTHING, announce_change, announcements_held

    with announcements_held():
        factories.article(newsroom.politics, published_at=datetime(2023, 1, 4, tzinfo=UTC))
    assert "2023-01-04" not in days_kept()
    announce_change(EVERYTHING)
    assert days_kept()["2023-01-04"] == 1


def test_days_to_come_stay_out_of_the_index(newsroom):
    factories.article(newsroom.politics, published_at=timezone.now() + timedelta(days=40))
    later = timezone.now() + timedelta(days=40)
    assert month_name(later) not in {span.name for span in archive_spans()}


def test_every_sitemap_query_reads_the_section_index(newsroom):
    if connection.vendor != "sqlite":
        pytest.skip("plans on a tiny PostgreSQL database are scans")
    span = Span("en", 2026, 11)
    query = published_between(span.start, span.end, section_ids()).values_list("url_path")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        lines = [row[-1] for row in cursor.fetchall()]
    assert any("article_section_newest" in line for line in lines), lines
    assert not [line for line in lines if line.startswith("SCAN")], lines


def test_robots_txt_keeps_crawlers_out_of_search_and_names_the_sitemap(client, settings):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/\n" in text
    assert "Disallow: /en/search/\n" in text and "Disallow: /hy/search/\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
    settings.NEWSDESK_ROBOTS_ALLOW = False
    assert client.get("/robots.txt").content.decode() == "User-agent: *\nDisallow: /\n"
