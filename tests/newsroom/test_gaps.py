"""The dashboard's translation gaps, kept per day and counted again where a story changes."""

from datetime import UTC, timedelta

import factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage
from newsdesk.editions.keys import EVERYTHING
from newsdesk.newsroom.gaps import KEPT_DAYS, translation_gaps
from newsdesk.newsroom.models import TranslationGapDay
from newsdesk.pagecache.keys import announce_change


def gaps_by_code():
    """{(source code, target code): stories missing} over the dashboard's days."""
    codes = {locale.pk: locale.language_code for locale in Locale.objects.all()}
    return {
        (codes[source], codes[target]): missing for source, target, missing in translation_gaps()
    }


def missing_on(story):
    """{target code: count} kept for the story's own edition and day."""
    rows = TranslationGapDay.objects.filter(
        source_id=story.locale_id, day=story.published_at.astimezone(UTC).date()
    )
    return dict(rows.values_list("target__language_code", "missing"))


def test_a_new_story_is_missing_in_the_other_editions_until_translated(newsroom):
    before = gaps_by_code()
    story = factories.article(newsroom.politics, title="Harbour reopens")
    after = gaps_by_code()
    assert after[("en", "ru")] == before.get(("en", "ru"), 0) + 1
    assert after[("en", "hy")] == before.get(("en", "hy"), 0) + 1
    # A draft in the other edition closes the gap: the desk lists stories with no version.
    draft = story.copy_for_translation(factories.locale_of("ru"))
    assert gaps_by_code().get(("en", "ru"), 0) == before.get(("en", "ru"), 0)
    draft.delete()
    assert gaps_by_code()[("en", "ru")] == before.get(("en", "ru"), 0) + 1


def test_unpublishing_and_deleting_take_a_story_out_of_its_days_count(newsroom):
    story = factories.article(newsroom.politics, title="Storm warning")
    counted = missing_on(story)["hy"]
    story.unpublish()
    assert missing_on(story).get("hy", 0) == counted - 1
    factories.publish(story)
    assert missing_on(story)["hy"] == counted
    ArticlePage.objects.get(pk=story.pk).delete()
    assert missing_on(story).get("hy", 0) == counted - 1


def test_a_story_moved_to_another_day_leaves_the_first(newsroom):
    story = factories.article(newsroom.politics, title="Court ruling")
    first_day = missing_on(story)["ru"]
    moved = ArticlePage.objects.get(pk=story.pk)
    moved.published_at = story.published_at - timedelta(days=2)
    factories.publish(moved)
    assert missing_on(story).get("ru", 0) == first_day - 1
    assert missing_on(moved)["ru"] >= 1


def test_stories_older_than_the_kept_days_count_nowhere(newsroom):
    old = timezone.now() - timedelta(days=KEPT_DAYS + 3)
    story = factories.article(newsroom.politics, title="Old news", published_at=old)
    assert missing_on(story) == {}
    assert not TranslationGapDay.objects.filter(
        day__lt=timezone.now().date() - timedelta(days=KEPT_DAYS)
    ).exists()


def test_a_bulk_load_is_counted_once_it_announces_everything(newsroom):
    story = factories.article(newsroom.politics, title="Written in bulk")
    counted = missing_on(story)["ru"]
    # A bulk loader writes without signals: the counts only move when it announces.
    ArticlePage.objects.filter(pk=story.pk).update(live_copy=False)
    assert missing_on(story)["ru"] == counted
    announce_change(EVERYTHING)
    assert missing_on(story).get("ru", 0) == counted - 1


def test_saving_a_draft_revision_counts_nothing_again(newsroom):
    story = ArticlePage.objects.get(pk=newsroom.story.pk)
    story.title = "A draft headline"
    with CaptureQueriesContext(connection) as captured:
        story.save_revision()
    assert not [query for query in captured if "translationgapday" in query["sql"].lower()]


def test_the_dashboard_reads_the_kept_counts(staff, login, newsroom):
    factories.article(newsroom.politics, title="Counted for the panel")
    with CaptureQueriesContext(connection) as captured:
        page = login(staff.editor).get("/admin/").text
    panel = page[page.index("newsroom-translations") :]
    missing = gaps_by_code()[("en", "hy")]
    assert f"{missing} in English, missing in" in panel
    # No story is looked up for the panel: it sums the kept rows.
    gap_queries = [
        query["sql"] for query in captured if "translationgapday" in query["sql"].lower()
    ]
    assert len(gap_queries) == 1
