"""The content model: sections, the one "published" query, most read and related stories."""

from datetime import timedelta

import factories
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsdesk.articles.models import (
    RESERVED_SLUGS,
    ArticlePage,
    FrontPagePin,
    HomeStories,
    SectionPage,
)


def test_article_takes_its_section_from_its_parent(newsroom):
    story = factories.article(newsroom.politics)
    assert story.section_id == newsroom.politics.pk


def test_moved_article_follows_its_new_section(newsroom):
    economy = factories.section("en", title="Economy")
    story = factories.article(newsroom.politics)
    story.move(economy, pos="last-child")
    story = ArticlePage.objects.get(pk=story.pk)
    story.save()
    assert story.section_id == economy.pk


def test_translated_article_belongs_to_the_translated_section(newsroom):
    assert newsroom.story_ru.section_id == newsroom.politics_ru.pk


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_section_cannot_take_a_reserved_slug(outlet, slug):
    home = factories.edition_home("en")
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=SectionPage(title="Reserved", slug=slug))
    assert "slug" in error.value.message_dict
    assert not SectionPage.objects.filter(slug=slug).exists()


def test_section_with_an_ordinary_slug_is_accepted(newsroom):
    section = factories.section("en", title="Culture", slug="culture")
    section.full_clean()
    assert section.live


def test_published_leaves_out_drafts_and_future_stories(newsroom):
    draft = factories.article(newsroom.politics, live=False)
    future = factories.article(newsroom.politics, published_at=timezone.now() + timedelta(hours=1))
    published = set(ArticlePage.objects.published())
    assert newsroom.story in published
    assert draft not in published
    assert future not in published


def test_unpublished_article_leaves_the_published_query(newsroom):
    story = ArticlePage.objects.get(pk=newsroom.story.pk)
    story.unpublish()
    assert not ArticlePage.objects.published().filter(pk=story.pk).exists()


def test_latest_in_section_is_newest_first(newsroom):
    older = factories.article(newsroom.politics, published_at=timezone.now() - timedelta(days=3))
    newer = factories.article(newsroom.politics)
    stories = list(ArticlePage.objects.latest_in(newsroom.politics))
    assert stories.index(newer) < stories.index(newsroom.story) < stories.index(older)


def test_related_stories_prefer_shared_tags(newsroom):
    tagged = factories.article(
        newsroom.politics, tags=["budget"], published_at=timezone.now() - timedelta(days=5)
    )
    untagged_newer = factories.article(newsroom.politics)
    related = newsroom.story.related_stories(limit=2)
    assert related == [tagged, untagged_newer]


def test_related_stories_top_up_from_the_section_and_skip_the_story_itself(newsroom):
    neighbour = factories.article(newsroom.politics)
    elsewhere = factories.article(factories.section("en", title="Sport"))
    related = newsroom.story.related_stories()
    assert neighbour in related
    assert elsewhere not in related
    assert newsroom.story not in related


def test_related_stories_come_from_the_same_edition_only(newsroom):
    factories.article(newsroom.politics_hy, tags=["budget"])
    related = newsroom.story.related_stories()
    assert all(story.locale_id == newsroom.story.locale_id for story in related)


def test_byline_keeps_the_editors_order(newsroom):
    first = factories.PersonFactory(name="Zara First", is_author=True)
    second = factories.PersonFactory(name="Aram Second", is_author=True)
    story = factories.article(newsroom.politics, authors=[first, second])
    assert ArticlePage.objects.get(pk=story.pk).byline == [first, second]


def test_home_lead_is_the_newest_featured_story_when_none_is_chosen(newsroom):
    featured = factories.article(
        newsroom.politics, is_featured=True, published_at=timezone.now() - timedelta(days=2)
    )
    factories.article(newsroom.politics)
    home = factories.edition_home("en")
    articles = ArticlePage.objects.published().in_edition(home.locale).newest_first()
    assert home.lead_story(articles) == featured


def test_home_ignores_a_pin_of_a_story_from_another_edition(newsroom):
    FrontPagePin.objects.create(locale=newsroom.story.locale, slot=1, article=newsroom.story_hy)
    assert HomeStories(factories.edition_home("en")).top_story != newsroom.story_hy


def test_breaking_banner_shows_a_recent_breaking_story(client, newsroom):
    breaking = factories.article(newsroom.politics, title="Breaking now", is_breaking=True)
    response = client.get("/en/")
    assert response.context["home"].breaking == breaking
    assert "Breaking now" in response.text


def test_old_breaking_story_is_no_longer_a_banner(client, newsroom):
    factories.article(
        newsroom.politics, is_breaking=True, published_at=timezone.now() - timedelta(days=2)
    )
    assert client.get("/en/").context["home"].breaking is None


def test_each_edition_shows_its_own_newest_breaking_story(newsroom):
    now = timezone.now()
    earlier = factories.article(
        newsroom.politics, is_breaking=True, published_at=now - timedelta(hours=2)
    )
    armenian = factories.article(newsroom.politics_hy, is_breaking=True, published_at=now)
    factories.article(newsroom.politics, is_breaking=True, live=False, published_at=now)
    assert ArticlePage.objects.breaking_in(newsroom.story.locale) == earlier
    assert ArticlePage.objects.breaking_in(newsroom.story_hy.locale) == armenian
    assert ArticlePage.objects.breaking_in(newsroom.story_ru.locale) is None


def test_summary_prefers_the_search_description_then_subtitle_then_lead(newsroom):
    story = newsroom.story
    story.search_description, story.subtitle, story.lead = "", "", "L" * 300
    assert story.summary == "L" * 199 + "…"
    story.subtitle = "The subtitle"
    assert story.summary == "The subtitle"
    story.search_description = "For search engines"
    assert story.summary == "For search engines"


def test_the_articles_copy_of_live_follows_publishing_and_unpublishing(newsroom):
    story = factories.article(newsroom.politics)
    assert ArticlePage.objects.get(pk=story.pk).live_copy
    ArticlePage.objects.get(pk=story.pk).unpublish()
    assert not ArticlePage.objects.get(pk=story.pk).live_copy
    factories.publish(ArticlePage.objects.get(pk=story.pk))
    assert ArticlePage.objects.get(pk=story.pk).live_copy
    draft = factories.article(newsroom.politics, live=False)
    assert not ArticlePage.objects.get(pk=draft.pk).live_copy


def test_an_article_unpublished_when_its_time_runs_out_leaves_the_lists(newsroom):
    from django.core.management import call_command

    story = factories.article(newsroom.politics)
    story = ArticlePage.objects.get(pk=story.pk)
    story.expire_at = timezone.now() - timedelta(minutes=1)
    story.save()
    call_command("publish_scheduled", verbosity=0)
    assert not ArticlePage.objects.published().filter(pk=story.pk).exists()
    assert not ArticlePage.objects.get(pk=story.pk).live_copy
