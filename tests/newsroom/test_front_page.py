"""Editors pin stories to numbered slots of the front page and raise a breaking strip."""

from datetime import timedelta

import factories
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsdesk.articles.frontpage import BreakingNews, FrontPagePin
from newsdesk.articles.models import HomeStories


def home_stories(language_code="en", now=None):
    return HomeStories(factories.edition_home(language_code), now=now)


def pin(article, slot, **fields):
    made = FrontPagePin(locale_id=article.locale_id, slot=slot, article=article, **fields)
    made.full_clean()
    made.save()
    return made


def test_a_pinned_story_leads_the_front_page(newsroom, client):
    factories.article(newsroom.politics, title="Newest but not the lead")
    pin(newsroom.story, 1)
    home = client.get("/en/").context["home"]
    assert home.top_story == newsroom.story
    assert newsroom.story not in home.latest


def test_pinned_slots_hold_their_places_and_the_rest_fill_with_the_newest(newsroom):
    newest = [factories.article(newsroom.politics, title=f"Fresh {n}") for n in range(4)]
    held = factories.article(
        newsroom.politics, title="Held story", published_at=timezone.now() - timedelta(days=5)
    )
    pin(held, 3)
    stories = home_stories()
    # Slot 1 is the newest (nothing pinned there); slot 2 the next newest; slot 3 the pin.
    assert stories.top_story == newest[-1]
    assert stories.latest[:3] == [newest[-2], held, newest[-3]]


def test_an_expired_pin_lets_the_slot_fill_again(newsroom):
    soon = timezone.now() + timedelta(minutes=30)
    pin(newsroom.story, 1, expires_at=soon)
    factories.article(newsroom.politics, title="Newer story")
    assert home_stories().top_story == newsroom.story
    assert home_stories(now=soon + timedelta(seconds=1)).top_story.title == "Newer story"


def test_a_pin_is_checked_before_it_is_saved(newsroom):
    pin(newsroom.story, 1)
    other = factories.article(newsroom.politics, title="Another")
    with pytest.raises(ValidationError, match="holds 'Parliament passes budget'"):
        pin(other, 1)
    with pytest.raises(ValidationError, match="pinned already"):
        pin(newsroom.story, 2)
    with pytest.raises(ValidationError, match="another edition"):
        FrontPagePin(
            locale_id=newsroom.story.locale_id, slot=4, article=newsroom.story_hy
        ).full_clean()


def test_an_unpublished_pinned_story_is_not_shown(newsroom):
    story = factories.article(newsroom.politics, title="Withdrawn later")
    pin(story, 1)
    story.unpublish()
    assert home_stories().top_story != story


def test_the_breaking_strip_shows_its_own_title_and_link_until_it_ends(newsroom, client):
    now = timezone.now()
    strip = BreakingNews.objects.create(
        locale=newsroom.story.locale,
        title="Earthquake felt in the capital",
        link_url="https://live.example/quake",
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
    )
    page = client.get("/en/").text
    assert '<a href="https://live.example/quake">Earthquake felt in the capital</a>' in page
    assert home_stories(now=strip.ends_at + timedelta(seconds=1)).breaking is None
    assert "Earthquake" not in client.get("/ru/").text


def test_a_strip_overrides_a_breaking_story_and_leads_to_its_article(newsroom, client):
    factories.article(newsroom.politics, title="Flagged breaking", is_breaking=True)
    BreakingNews.objects.create(
        locale=newsroom.story.locale,
        title="Budget vote: live",
        article=newsroom.story,
        ends_at=timezone.now() + timedelta(hours=1),
    )
    page = client.get("/en/").text
    assert f'<a href="{newsroom.story.url}">Budget vote: live</a>' in page
    assert "Flagged breaking" not in page.split('class="breaking"')[1].split("</p>")[0]


def test_lowering_the_strip_takes_it_down_at_once(staff, login, newsroom, client):
    strip = BreakingNews.objects.create(
        locale=newsroom.story.locale,
        title="Roads closed",
        ends_at=timezone.now() + timedelta(hours=3),
    )
    assert "Roads closed" in client.get("/en/").text
    login(staff.editor).post(f"/admin/newsroom/breaking/{strip.pk}/lower/")
    assert "Roads closed" not in client.get("/en/").text
    assert (
        login(staff.author).post(f"/admin/newsroom/breaking/{strip.pk}/lower/").status_code == 302
    )


def test_editors_pin_from_the_article_and_authors_cannot(staff, login, newsroom):
    editor = login(staff.editor)
    edit_page = editor.get(f"/admin/pages/{newsroom.story.pk}/edit/").text
    add_url = f"/admin/snippets/articles/frontpagepin/add/?article={newsroom.story.pk}"
    assert add_url.replace("&", "&amp;") in edit_page or add_url in edit_page
    form = editor.get(add_url).text
    assert f'value="{newsroom.story.pk}"' in form
    response = editor.post(
        "/admin/snippets/articles/frontpagepin/add/",
        {"locale": newsroom.story.locale_id, "slot": "1", "article": newsroom.story.pk},
    )
    assert response.status_code == 302, response.content[:2000]
    assert FrontPagePin.objects.filter(article=newsroom.story, slot=1).exists()
    assert login(staff.author).get("/admin/snippets/articles/frontpagepin/").status_code == 302
