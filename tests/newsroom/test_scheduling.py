"""Scheduled publishing and unpublishing happen in the minute they were set for.

The clock is moved by hand (django.utils.timezone.now, which Wagtail and newsdesk read) and
the timer's work is run as `manage.py serve` runs it every minute.
"""

from datetime import timedelta

import factories
import pytest
from admin_forms import article_form
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.operations.jobs import ScheduledPublishing


@pytest.fixture
def clock(monkeypatch):
    """Set the time everything reads: clock(moment)."""

    def set_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to


def minute(moment):
    return moment.replace(second=0, microsecond=0)


def test_a_story_scheduled_by_an_editor_goes_live_in_its_minute(staff, login, newsroom, clock):
    now = minute(timezone.now())
    story = factories.article(newsroom.politics, title="Embargoed report", live=False)
    go_live = now + timedelta(minutes=30)
    login(staff.editor).post(
        f"/admin/pages/{story.pk}/edit/", article_form(story, "publish", go_live_at=go_live)
    )
    assert not ArticlePage.objects.get(pk=story.pk).live
    timer = ScheduledPublishing()
    clock(go_live - timedelta(minutes=1))
    timer()
    assert not ArticlePage.objects.get(pk=story.pk).live
    clock(go_live + timedelta(seconds=1))
    timer()
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live
    # Dated and listed at the moment it went live, not when its draft was begun.
    assert story.published_at == go_live
    assert ArticlePage.objects.published().filter(pk=story.pk).exists()
    assert story.live_revision.as_object().published_at == go_live


def test_a_story_set_to_expire_is_unpublished_in_its_minute(staff, login, newsroom, clock):
    now = minute(timezone.now())
    story = factories.article(newsroom.politics, title="Offer ends")
    expire = now + timedelta(hours=2)
    login(staff.editor).post(
        f"/admin/pages/{story.pk}/edit/", article_form(story, "publish", expire_at=expire)
    )
    timer = ScheduledPublishing()
    clock(expire - timedelta(seconds=30))
    timer()
    assert ArticlePage.objects.get(pk=story.pk).live
    clock(expire + timedelta(seconds=30))
    timer()
    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live and story.expired
    assert not ArticlePage.objects.published().filter(pk=story.pk).exists()


def test_a_publication_time_in_the_future_shows_the_story_from_then(newsroom, clock):
    later = minute(timezone.now()) + timedelta(minutes=10)
    story = factories.article(newsroom.politics, title="Tonight result", published_at=later)
    assert story.live
    assert not ArticlePage.objects.published().filter(pk=story.pk).exists()
    clock(later + timedelta(seconds=1))
    assert ArticlePage.objects.published().filter(pk=story.pk).exists()
