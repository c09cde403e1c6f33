"""The view counter endpoint: one view per POST, bots answered but not counted, 4xx for the rest."""

import factories
import pytest

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.bots import is_bot
from newsdesk.metrics.counting import ArticleNotFound, article_view_count, article_view_record
from newsdesk.metrics.flush import views_flush

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def record(client, article_id, user_agent=BROWSER):
    return client.post(f"/views/{article_id}/", HTTP_USER_AGENT=user_agent)


def stored_count(page):
    """The count the database holds once the buffered views are written."""
    views_flush()
    return ArticlePage.objects.get(pk=page.pk).view_count


def test_each_view_adds_one_and_answers_the_new_count(client, newsroom):
    first = record(client, newsroom.story.pk)
    second = record(client, newsroom.story.pk)
    assert first.status_code == 200
    assert first.json() == {"id": newsroom.story.pk, "views": 1, "counted": True}
    assert second.json()["views"] == 2
    assert stored_count(newsroom.story) == 2


def test_views_of_a_translation_are_its_own(client, newsroom):
    record(client, newsroom.story_ru.pk)
    assert stored_count(newsroom.story_ru) == 1
    assert stored_count(newsroom.story) == 0


@pytest.mark.parametrize("user_agent", [GOOGLEBOT, "", "curl/8.5.0", "python-requests/2.32"])
def test_bots_get_the_count_without_adding_to_it(client, newsroom, user_agent):
    ArticlePage.objects.filter(pk=newsroom.story.pk).update(view_count=41)
    response = record(client, newsroom.story.pk, user_agent)
    assert response.status_code == 200
    assert response.json() == {"id": newsroom.story.pk, "views": 41, "counted": False}
    assert stored_count(newsroom.story) == 41


def test_request_without_user_agent_is_not_counted(client, newsroom):
    response = client.post(f"/views/{newsroom.story.pk}/")
    assert response.json()["counted"] is False
    assert stored_count(newsroom.story) == 0


@pytest.mark.parametrize("user_agent", [BROWSER, GOOGLEBOT])
def test_unknown_article_is_a_json_problem(client, newsroom, user_agent):
    response = record(client, 999999, user_agent)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    assert response.json()["title"] == "Article not found"


@pytest.mark.parametrize("article_id", [0, 2**31, 10**23])
def test_id_no_article_can_have_is_a_json_problem(client, newsroom, article_id):
    response = record(client, article_id)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_draft_article_is_not_counted(client, newsroom):
    draft = factories.article(newsroom.politics, live=False)
    response = record(client, draft.pk)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert stored_count(draft) == 0


def test_article_scheduled_for_later_is_not_counted(client, newsroom):
    from datetime import timedelta

    from django.utils import timezone

    later = factories.article(newsroom.politics, published_at=timezone.now() + timedelta(days=1))
    assert record(client, later.pk).status_code == 404
    assert stored_count(later) == 0


def test_a_section_is_not_an_article(client, newsroom):
    assert record(client, newsroom.politics.pk).status_code == 404


def test_get_is_not_allowed(client, newsroom):
    response = client.get(f"/views/{newsroom.story.pk}/", HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 405
    assert stored_count(newsroom.story) == 0


def test_non_numeric_id_is_not_found(client, newsroom):
    response = client.post("/views/abc/", HTTP_USER_AGENT=BROWSER, follow=True)
    assert response.status_code == 404


def test_counting_needs_no_csrf_token(newsroom):
    from django.test import Client

    response = record(Client(enforce_csrf_checks=True), newsroom.story.pk)
    assert response.status_code == 200


def test_count_answer_is_never_cached(client, newsroom):
    response = record(client, newsroom.story.pk)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_publishing_a_new_revision_keeps_the_view_count(client, newsroom):
    for _ in range(3):
        record(client, newsroom.story.pk)
    story = ArticlePage.objects.get(pk=newsroom.story.pk)
    story.title = "Parliament passes amended budget"
    factories.publish(story)
    # The revision was saved before the views arrived; publishing it must not roll them back.
    old_revision = story.latest_revision
    record(client, story.pk)
    old_revision.publish()
    assert stored_count(story) == 4
    assert ArticlePage.objects.get(pk=story.pk).title == "Parliament passes amended budget"


def test_publishing_an_older_revision_keeps_the_view_count(newsroom):
    story = newsroom.story
    revision = story.save_revision()
    ArticlePage.objects.filter(pk=story.pk).update(view_count=10)
    revision.publish()
    assert stored_count(story) == 10


def test_a_translation_starts_counting_from_zero(newsroom):
    ArticlePage.objects.filter(pk=newsroom.story.pk).update(view_count=250)
    story = ArticlePage.objects.get(pk=newsroom.story.pk)
    translated = factories.translation(story, "hy")
    assert translated.view_count == 0
    assert stored_count(story) == 250


def test_counting_functions_refuse_unpublished_articles(newsroom):
    draft = factories.article(newsroom.politics, live=False)
    with pytest.raises(ArticleNotFound):
        article_view_record(draft.pk)
    with pytest.raises(ArticleNotFound):
        article_view_count(draft.pk)
    assert article_view_record(newsroom.story.pk) == 1
    assert article_view_count(newsroom.story.pk) == 1


@pytest.mark.parametrize(
    "user_agent",
    [
        GOOGLEBOT,
        "Mozilla/5.0 (compatible; bingbot/2.0)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "Wget/1.21",
        "",
        None,
        "Mozilla/5.0 (X11; Linux x86_64) Chrome-Lighthouse",
    ],
)
def test_is_bot_recognises_crawlers_and_scripts(user_agent):
    assert is_bot(user_agent)


@pytest.mark.parametrize(
    "user_agent",
    [
        BROWSER,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
    ],
)
def test_is_bot_lets_readers_through(user_agent):
    assert not is_bot(user_agent)


def test_article_page_tells_its_script_where_to_count(client, newsroom):
    text = client.get(newsroom.story.url).text
    assert f'data-view-url="/views/{newsroom.story.pk}/"' in text


def test_article_page_stays_cacheable_for_anonymous_readers(client, newsroom):
    response = client.get(newsroom.story.url)
    assert not response.cookies
    cache_control = response.get("Cache-Control", "")
    assert "private" not in cache_control and "no-store" not in cache_control


def test_viewing_the_page_itself_counts_nothing(client, newsroom):
    client.get(newsroom.story.url, HTTP_USER_AGENT=BROWSER)
    assert stored_count(newsroom.story) == 0


def test_published_page_loads_the_counting_script(client, newsroom):
    response = client.get(newsroom.story.url)
    assert b"js/view-count" in response.content


def test_admin_preview_loads_no_counting_script(newsroom):
    preview = newsroom.story.make_preview_request()
    assert preview.status_code == 200
    assert b"js/view-count" not in preview.content
