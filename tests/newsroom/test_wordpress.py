"""manage.py import_wordpress: a WordPress export becomes articles, sections, people, pictures."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.people.models import Person

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "wordpress"
WXR_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Test site</title><link>https://test-blog.example</link>
<wp:base_site_url>https://test-blog.example</wp:base_site_url>
<wp:author><wp:author_login>ann</wp:author_login>
<wp:author_display_name>Ann Editor</wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>world</wp:category_nicename>
<wp:cat_name>World</wp:cat_name></wp:category>
"""


def wxr_post(post_id, title, content="<p>Text.</p>", status="publish", slug=None):
    return f"""<item><title>{title}</title>
<link>https://test-blog.example/{slug or f"post-{post_id}"}/</link>
<dc:creator>ann</dc:creator><content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{post_id}</wp:post_id>
<wp:post_date_gmt>2024-02-0{post_id % 9 + 1} 10:00:00</wp:post_date_gmt>
<wp:post_name>{slug or f"post-{post_id}"}</wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="world"><![CDATA[World]]></category>
<category domain="post_tag" nicename="trade"><![CDATA[Trade]]></category></item>
"""


def wxr(*items, tail="</channel></rss>"):
    return WXR_HEAD + "".join(items) + tail


def run(path, *options):
    out, err = StringIO(), StringIO()
    call_command(
        "import_wordpress", str(path), "--edition", "en", "--no-progress", *options,
        stdout=out, stderr=err,
    )  # fmt: skip
    return out.getvalue(), err.getvalue()


@pytest.fixture
def export_file(tmp_path):
    def write(text, name="export.xml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def imported(title):
    return ArticlePage.objects.get(title=title, locale__language_code="en")


def test_posts_become_published_articles_in_their_section(newsroom, export_file):
    out, _err = run(export_file(wxr(wxr_post(1, "Ports reopen"), wxr_post(2, "Tariffs cut"))))
    assert "Imported 2 posts into en" in out
    story = imported("Ports reopen")
    assert story.live and story.slug == "post-1"
    assert story.get_parent().specific.title == "World"
    assert [tag.name for tag in story.tags.all()] == ["Trade"]
    assert [person.name for person in story.byline] == ["Ann Editor"]
    assert story.published_at.isoformat() == "2024-02-02T10:00:00+00:00"


def test_a_second_run_creates_nothing_new(newsroom, export_file):
    path = export_file(wxr(wxr_post(1, "Ports reopen")))
    run(path)
    counts = (ArticlePage.objects.count(), SectionPage.objects.count(), Person.objects.count())
    out, _err = run(path)
    assert "Imported 0 posts" in out and "1 imported before" in out
    assert (ArticlePage.objects.count(), SectionPage.objects.count(), Person.objects.count()) == (
        counts
    )
    assert Redirect.objects.filter(old_path="/post-1").count() == 1


def test_old_addresses_redirect_to_the_new_page(newsroom, export_file, client):
    run(export_file(wxr(wxr_post(7, "Moved story", slug="moved-story"))))
    story = imported("Moved story")
    for old in ("/moved-story/", "/?p=7"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(story.url), old


def test_malformed_xml_keeps_the_valid_posts_and_says_where(newsroom, export_file):
    broken = wxr(wxr_post(1, "Before the break"), "<item><title>Broken & bad</title></item>")
    with pytest.raises(CommandError, match=r"malformed at line \d+, column \d+"):
        run(export_file(broken))
    assert imported("Before the break").live


def test_a_file_that_is_no_export_at_all_is_refused_clearly(newsroom, export_file):
    with pytest.raises(CommandError, match="malformed at line 1"):
        run(export_file("this is not XML"))
    with pytest.raises(CommandError, match="no such file"):
        run(export_file("x").with_name("missing.xml"))
    with pytest.raises(CommandError, match="not an edition"):
        call_command("import_wordpress", str(export_file(wxr())), "--edition", "fr")


def test_the_real_world_sample(newsroom):
    out, err = run(SAMPLE / "highland-herald.xml", "--media", str(SAMPLE / "uploads"))
    assert "Imported 5 posts into en" in out
    assert "1 skipped, 2 pages and other items left out" in out
    market = imported("Prices at the covered market fall for the second week")
    assert market.live and market.get_parent().title == "Economy"
    assert market.lead == "Apricots and cherries are cheaper as the early harvest arrives."
    assert market.hero_image.title == "Apricot stall at the covered market"
    kinds = [block.block_type for block in market.body]
    assert kinds == ["paragraph", "image", "paragraph", "paragraph"]
    # The caption shortcode's picture is the featured one: one image for one file.
    assert market.body[1].value["image"].pk == market.hero_image_id
    assert market.body[1].value["caption"] == "The apricot stall on Saturday morning."
    assert (
        '<a href="https://council.example/markets">market office</a>' in market.body[3].value.source
    )
    assert "<b>twenty years</b>" in market.body[2].value.source

    bridge = imported("River bridge reopens after repairs")
    assert [block.block_type for block in bridge.body] == [
        "paragraph", "image", "heading", "paragraph", "quote",
    ]  # fmt: skip
    assert bridge.body[1].value["caption"] == "Lorries may cross again from Monday."
    assert "<ul><li>Lorries up to 12 tonnes" in bridge.body[3].value.source
    assert bridge.hero_image is None
    assert "attachment 103" not in err  # it is in the export; its file is not
    assert "night-works.jpg is not in the media folder" in err

    draft = imported("School choir to sing at the festival")
    assert not draft.live and draft.slug == "school-choir-to-sing-at-the-festival"
    letter = imported("Letter: keep the library open on Sundays")
    assert letter.byline == [] and "author 'guest.writer' is not among the export's authors" in err
    assert letter.get_parent().slug == "general"
    bus = imported("Новый автобусный маршрут до вокзала")
    assert bus.slug == "novyy-marshrut"
    assert "status 'trash' is not imported" in err
    titles = ["Apricot stall at the covered market", "Bridge over the river"]
    assert get_image_model().objects.filter(title__in=titles).count() == 2
    assert Redirect.objects.filter(old_path="/2024/05/13/market-prices-fall").exists()
    again, _err = run(SAMPLE / "highland-herald.xml", "--media", str(SAMPLE / "uploads"))
    assert "Imported 0 posts" in again and "5 imported before" in again


def test_a_broken_or_missing_picture_is_reported_and_the_post_kept(newsroom, export_file, tmp_path):
    media = tmp_path / "uploads"
    media.mkdir()
    (media / "broken.jpg").write_text("not a picture")
    content = (
        '<p>First.</p><img src="https://test-blog.example/wp-content/uploads/broken.jpg">'
        '<img src="https://test-blog.example/wp-content/uploads/gone.png"><p>Last.</p>'
    )
    _out, err = run(export_file(wxr(wxr_post(3, "Pictures lost", content))), "--media", str(media))
    story = imported("Pictures lost")
    assert [block.block_type for block in story.body] == ["paragraph", "paragraph"]
    assert "broken.jpg cannot be read" in err
    assert "gone.png is not in the media folder" in err
