"""RSS feeds: valid for feedparser, stable GUIDs, full text when asked, found from pages."""

from datetime import timedelta

import factories
import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsdesk.articles.blocks import ArticleBodyBlock

pytestmark = pytest.mark.django_db


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    return feed


def test_the_edition_feed_lists_its_stories_newest_first(client, newsroom):
    feed = parsed(client, "/en/feeds/")
    titles = [entry.title for entry in feed.entries]
    assert "Parliament passes budget" in titles
    assert "Парламент принял бюджет" not in titles  # the Russian edition's
    times = [entry.published_parsed for entry in feed.entries]
    assert times == sorted(times, reverse=True)
    # lastBuildDate: the latest publish of a listed story (an edit counts), never older.
    assert feed.feed.updated_parsed >= times[0]
    assert feed.feed.language == "en"


def test_an_item_has_a_stable_guid_its_byline_category_and_enclosure(client, newsroom):
    feed = parsed(client, "/en/feeds/")
    entry = next(e for e in feed.entries if e.title == "Parliament passes budget")
    assert entry.id == f"http://testserver/news/{newsroom.story.pk}/"
    guid = f'<guid isPermaLink="true">http://testserver/news/{newsroom.story.pk}/</guid>'
    assert guid in client.get("/en/feeds/").content.decode()
    assert entry.link == "http://testserver/en/politics/parliament-passes-budget/"
    assert entry.author == "Anna Writer"
    assert [tag.term for tag in entry.tags] == ["Politics"]
    (enclosure,) = entry.enclosures
    assert enclosure.type == "image/webp"
    assert enclosure.href.startswith("http://testserver/media/")
    assert int(enclosure.length) > 0
    # The GUID outlives an edit of the title and the address.
    newsroom.story.title = "Parliament passes the budget at last"
    factories.publish(newsroom.story)
    again = parsed(client, "/en/feeds/")
    assert entry.id in [e.id for e in again.entries]


def test_the_full_text_feed_carries_the_body_with_absolute_links(client, newsroom):
    story = factories.article(
        newsroom.politics,
        title="A story with a body",
        lead="What happened.",
        body=ArticleBodyBlock().to_python(
            [
                {"type": "paragraph", "value": '<p>See <a href="/en/politics/">politics</a>.</p>'},
                {"type": "heading", "value": "Then"},
            ]
        ),
    )
    summary_feed = parsed(client, "/en/feeds/")
    entry = next(e for e in summary_feed.entries if e.title == story.title)
    assert "content" not in entry
    full = parsed(client, "/en/feeds/full/")
    entry = next(e for e in full.entries if e.title == story.title)
    html = entry.content[0].value
    assert "What happened." in html and "Then" in html
    assert 'href="http://testserver/en/politics/"' in html


def test_section_and_tag_feeds_list_only_their_stories(client, newsroom):
    other = factories.section("en", title="Sport feed")
    factories.article(other, title="A match", tags=["football"])
    section = parsed(client, "/en/feeds/sections/politics/")
    assert "A match" not in [e.title for e in section.entries]
    assert "Parliament passes budget" in [e.title for e in section.entries]
    assert section.feed.link == "http://testserver/en/politics/"
    tag = parsed(client, "/en/feeds/tags/football/full/")
    assert [e.title for e in tag.entries] == ["A match"]


def test_unknown_sections_and_tags_have_no_feed(client, newsroom):
    assert client.get("/en/feeds/sections/no-such-section/").status_code == 404
    assert client.get("/en/feeds/tags/no-such-tag/").status_code == 404


def test_a_story_due_later_stays_out_of_the_feed(client, newsroom):
    factories.article(
        newsroom.politics,
        title="Embargoed story",
        published_at=timezone.now() + timedelta(hours=2),
    )
    feed = parsed(client, "/en/feeds/")
    assert "Embargoed story" not in [e.title for e in feed.entries]


def test_pages_announce_their_feeds(client, newsroom):
    def feeds_on(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [
            link["href"] for link in soup.select('link[rel=alternate][type="application/rss+xml"]')
        ]

    assert feeds_on("/en/") == ["http://testserver/en/feeds/"]
    assert feeds_on("/en/politics/") == [
        "http://testserver/en/feeds/",
        "http://testserver/en/feeds/sections/politics/",
    ]
    assert "http://testserver/en/feeds/tags/budget/" in feeds_on("/en/tags/budget/")
    assert "http://testserver/ru/feeds/" in feeds_on("/ru/")


def test_a_feed_is_cached_and_purged_with_its_section(client, newsroom):
    first = client.get("/en/feeds/sections/politics/")
    assert "s-maxage" in first["Cache-Control"]
    keys = first["xkey"].split()
    assert f"list-section-{newsroom.politics.pk}" in keys
    assert f"page-{newsroom.story.pk}" in keys
    again = client.get("/en/feeds/sections/politics/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
