"""The apps' API: shapes, keyset pages, caching like pages, and problem details for bad input."""

from datetime import timedelta

import factories
import pytest
from django.db import connection
from django.utils import timezone

from newsdesk.api.cursors import cursor_encode
from newsdesk.articles.blocks import ArticleBodyBlock
from newsdesk.articles.models import ArticlePage

pytestmark = pytest.mark.django_db


def ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def problem(client, url, status, method="get"):
    response = getattr(client, method)(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_editions_list_every_configured_edition(client, newsroom):
    editions = ok(client, "/api/v1/editions")
    assert [edition["code"] for edition in editions] == ["en", "ru", "hy"]
    assert editions[1]["url"] == "http://testserver/ru/"
    assert editions[1]["feed"] == "http://testserver/ru/feeds/"


def test_sections_come_in_editorial_order(client, newsroom):
    sections = ok(client, "/api/v1/editions/en/sections")
    politics = next(section for section in sections if section["title"] == "Politics")
    assert politics["id"] == newsroom.politics.pk
    assert politics["feed"] == "http://testserver/en/feeds/sections/politics/"


def test_the_home_layout_is_the_edition_front_page(client, newsroom):
    home = ok(client, "/api/v1/editions/en/home")
    assert home["edition"] == "en"
    shown = [home["top_story"]["id"]] + [story["id"] for story in home["latest"]]
    assert newsroom.story.pk in shown + [
        story["id"] for block in home["sections"] for story in block["stories"]
    ]


def test_a_section_list_pages_through_keyset_cursors(client, newsroom):
    section = factories.section("en", title="Cursor section")
    made = [factories.article(section, revision=False) for _ in range(5)]
    newest_first = [story.pk for story in reversed(made)]
    seen, url = [], f"/api/v1/editions/en/sections/{section.pk}/articles?limit=2"
    while url:
        page = ok(client, url.removeprefix("http://testserver"))
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
        assert (page["next_cursor"] is None) == (url is None)
    assert seen == newest_first


def test_stories_sharing_a_time_are_neither_lost_nor_repeated_across_pages(client, newsroom):
    section = factories.section("en", title="Same time")
    moment = timezone.now() - timedelta(hours=3)
    made = [factories.article(section, published_at=moment, revision=False) for _ in range(4)]
    first = ok(client, f"/api/v1/editions/en/sections/{section.pk}/articles?limit=3")
    second = ok(client, first["next"].removeprefix("http://testserver"))
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert sorted(ids) == sorted(story.pk for story in made) and len(set(ids)) == 4


def test_tag_and_author_lists(client, newsroom):
    tagged = ok(client, "/api/v1/editions/en/tags/budget/articles")
    assert [item["id"] for item in tagged["items"]] == [newsroom.story.pk]
    by_author = ok(client, "/api/v1/editions/en/people/anna-writer/articles")
    assert newsroom.story.pk in [item["id"] for item in by_author["items"]]
    assert ok(client, "/api/v1/editions/ru/tags/budget/articles")["items"][0]["edition"] == "ru"


def test_a_tag_list_walks_its_own_index_from_the_cursor(newsroom):
    if connection.vendor != "sqlite":
        pytest.skip("plans on a tiny PostgreSQL database are scans")
    tag = newsroom.story.tags.first()
    stories = ArticlePage.objects.tagged(tag, until=timezone.now()).values_list("pk")[:21]
    sql, params = stories.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        lines = [row[-1] for row in cursor.fetchall()]
    assert any("article_tag_newest" in line and "published_at<?" in line for line in lines), lines


def test_the_article_detail_has_blocks_html_and_renditions(client, newsroom):
    story = factories.article(
        newsroom.politics,
        title="Detailed",
        hero_image=factories.image(width=1600, height=900),
        authors=[newsroom.author],
        body=ArticleBodyBlock().to_python(
            [
                {"type": "paragraph", "value": '<p>One <a href="/en/">home</a>.</p>'},
                {"type": "heading", "value": "Two"},
                {
                    "type": "quote",
                    "value": {"text": "Three", "speaker": newsroom.expert.pk, "speaker_name": ""},
                },
                {
                    "type": "question_answer",
                    "value": {"question": "Why?", "answer": "<p>Because.</p>"},
                },
            ]
        ),
    )
    found = ok(client, f"/api/v1/articles/{story.pk}")
    assert [block["type"] for block in found["body"]] == [
        "paragraph",
        "heading",
        "quote",
        "question_answer",
    ]
    assert (
        found["body"][0]["html"]
        == '<p>One <a href="http://testserver/en/" rel="noopener">home</a>.</p>'
    )
    assert found["body"][2]["speaker_person"]["slug"] == "ruben-expert"
    assert "<script" not in found["body_html"] and "Because." in found["body_html"]
    widths = [rendition["width"] for rendition in found["picture"]["renditions"]]
    assert widths == [480, 960, 1440]
    assert found["authors"][0]["name"] == "Anna Writer"
    assert found["sharing_card"].startswith(f"http://testserver/cards/{story.pk}-")


def test_the_detail_names_the_translations(client, newsroom):
    found = ok(client, f"/api/v1/articles/{newsroom.story.pk}")
    assert found["translations"] == [
        {
            "edition": "ru",
            "id": newsroom.story_ru.pk,
            "url": "http://testserver/ru/politics/parliament-passes-budget/",
        }
    ]


def test_body_html_is_sanitised(client, newsroom):
    story = factories.article(
        newsroom.politics,
        body=ArticleBodyBlock().to_python(
            [
                {
                    "type": "paragraph",
                    "value": '<p onclick="steal()">Hi<script>alert(1)</script>'
                    '<a href="javascript:alert(1)">x</a></p>',
                }
            ]
        ),
    )
    found = ok(client, f"/api/v1/articles/{story.pk}")
    for html in (found["body_html"], found["body"][0]["html"]):
        assert "onclick" not in html and "<script" not in html and "javascript:" not in html


def test_answers_are_cached_like_pages_and_purged_with_them(client, newsroom):
    url = f"/api/v1/editions/en/sections/{newsroom.politics.pk}/articles"
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    assert "Accept-Language" not in first.get("Vary", "")
    assert f"list-section-{newsroom.politics.pk}" in first["xkey"].split()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    detail = client.get(f"/api/v1/articles/{newsroom.story.pk}")
    assert f"page-{newsroom.story.pk}" in detail["xkey"].split()


def test_the_view_count_call_counts_through_metrics(client, newsroom):
    url = f"/api/v1/articles/{newsroom.story.pk}/views"
    first = client.post(url, HTTP_USER_AGENT="Mozilla/5.0 NewsdeskApp/1.0")
    second = client.post(url, HTTP_USER_AGENT="Mozilla/5.0 NewsdeskApp/1.0")
    assert first.status_code == 200 and first.json()["counted"] is True
    assert second.json()["views"] == first.json()["views"] + 1
    bot = client.post(url, HTTP_USER_AGENT="Googlebot/2.1").json()
    assert bot == {"id": newsroom.story.pk, "views": second.json()["views"], "counted": False}
    problem(client, "/api/v1/articles/999999/views", 404, method="post")


def test_most_read_and_search(client, newsroom):
    client.post(f"/api/v1/articles/{newsroom.story.pk}/views", HTTP_USER_AGENT="Mozilla/5.0")
    assert isinstance(ok(client, "/api/v1/editions/en/most-read?period=week"), list)
    results = ok(client, "/api/v1/editions/en/search?q=budget")
    assert newsroom.story.pk in [item["id"] for item in results["items"]]
    assert results["total"] >= 1
    assert ok(client, "/api/v1/editions/en/search?q=qzxjvwq")["items"] == []


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/editions/en/articles?colour=red", 400),
        ("/api/v1/editions/en/articles?cursor=not-a-cursor", 400),
        ("/api/v1/editions/en/articles?limit=0", 400),
        ("/api/v1/editions/en/articles?limit=many", 400),
        ("/api/v1/editions/xx/articles", 400),
        ("/api/v1/articles", 404),
        ("/api/v1/editions/en/sections/999999/articles", 404),
        ("/api/v1/editions/en/sections/abc/articles", 400),
        ("/api/v1/editions/en/tags/no-such-tag/articles", 404),
        ("/api/v1/editions/en/people/nobody/articles", 404),
        ("/api/v1/articles/999999", 404),
        ("/api/v1/articles/99999999999999", 404),
        ("/api/v1/editions/xx/home", 400),
        ("/api/v1/editions/en/most-read?period=year", 400),
        ("/api/v1/editions/en/search", 400),
        ("/api/v1/editions/en/search?q=" + "a" * 201, 400),
        ("/api/v1/editions/en/search?q=a%01b", 400),
        ("/api/v1/editions/en/search?q=budget&page=99", 404),
        ("/api/v1/no-such-thing", 404),
    ],
)
def test_bad_requests_get_problem_details(client, newsroom, url, status):
    problem(client, url, status)


def test_a_forged_cursor_is_refused_but_a_far_one_is_just_the_end(client, newsroom):
    far = cursor_encode(timezone.now() - timedelta(days=365 * 50), 1)
    assert ok(client, f"/api/v1/editions/en/articles?cursor={far}")["items"] == []
    problem(client, "/api/v1/editions/en/articles?cursor=12.34.56", 400)


def test_the_openapi_document_and_docs_are_served(client, newsroom):
    schema = ok(client, "/api/v1/openapi.json")
    assert schema["info"]["version"] == "1"
    errors = schema["paths"]["/api/v1/editions/{edition}/articles"]["get"]["responses"]["400"][
        "content"
    ]
    assert list(errors) == ["application/problem+json"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"cdn." not in docs.content


def test_a_client_over_its_rate_gets_429_with_retry_after(client, newsroom, settings):
    settings.NEWSDESK_RATE_LIMITS_BY_SCOPE = {
        **settings.NEWSDESK_RATE_LIMITS_BY_SCOPE,
        "api": "2/m",
    }
    for _ in range(2):
        assert client.get("/api/v1/editions", REMOTE_ADDR="198.51.100.20").status_code == 200
    refused = client.get("/api/v1/editions", REMOTE_ADDR="198.51.100.20")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) >= 1
    assert "public" not in refused["Cache-Control"]
    assert client.get("/api/v1/editions", REMOTE_ADDR="198.51.100.21").status_code == 200
