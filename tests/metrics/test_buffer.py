"""Buffered views: none lost under concurrency, written to the database once and only once."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import factories
import pytest
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.buffer import view_buffer
from newsdesk.metrics.counting import article_view_record
from newsdesk.metrics.flush import views_flush
from newsdesk.metrics.models import ViewFlush, ViewTally
from newsdesk.metrics.most_read import most_read, most_read_ids


def stored(article):
    return ArticlePage.objects.get(pk=article.pk).view_count


def test_concurrent_views_each_get_their_own_number(newsroom):
    article_view_record(newsroom.story.pk)  # the first view reads the stored count once
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda _: article_view_record(newsroom.story.pk), range(400)))
    assert sorted(answers) == list(range(2, 402))
    assert views_flush() == 401
    assert stored(newsroom.story) == 401


def test_a_flush_writes_totals_and_hourly_tallies_once(newsroom):
    for _ in range(3):
        article_view_record(newsroom.story.pk)
    article_view_record(newsroom.story_ru.pk)
    assert views_flush() == 4
    assert views_flush() == 0
    assert stored(newsroom.story) == 3 and stored(newsroom.story_ru) == 1
    tally = ViewTally.objects.get(article_id=newsroom.story.pk)
    assert tally.views == 3 and tally.locale_id == newsroom.story.locale_id
    assert tally.hour <= timezone.now() < tally.hour + timedelta(hours=1)


def test_counting_goes_on_from_the_stored_count(newsroom):
    ArticlePage.objects.filter(pk=newsroom.story.pk).update(view_count=1000)
    assert article_view_record(newsroom.story.pk) == 1001
    views_flush()
    assert stored(newsroom.story) == 1001


def test_a_flush_that_died_after_writing_is_finished_without_counting_twice(newsroom, monkeypatch):
    for _ in range(5):
        article_view_record(newsroom.story.pk)
    buffer = view_buffer()

    def die(batch):
        raise RuntimeError("killed after the commit, before forgetting the batch")

    monkeypatch.setattr(buffer, "forget", die)
    with pytest.raises(RuntimeError):
        views_flush()
    monkeypatch.undo()
    assert stored(newsroom.story) == 5
    assert len(buffer.batches()) == 1
    views_flush()
    assert stored(newsroom.story) == 5
    assert buffer.batches() == []


def test_a_flush_that_died_before_writing_is_written_by_the_next(newsroom, monkeypatch):
    for _ in range(2):
        article_view_record(newsroom.story.pk)
    buffer = view_buffer()
    assert buffer.take("half-done")
    assert not ViewFlush.objects.filter(batch="half-done").exists()
    views_flush()
    assert stored(newsroom.story) == 2


def test_views_of_an_article_deleted_before_the_flush_are_dropped(newsroom):
    doomed = factories.article(newsroom.politics)
    article_view_record(doomed.pk)
    article_view_record(newsroom.story.pk)
    ArticlePage.objects.get(pk=doomed.pk).delete()
    assert views_flush() == 1
    assert stored(newsroom.story) == 1


def test_the_buffer_tells_how_many_views_wait(newsroom):
    for _ in range(3):
        article_view_record(newsroom.story.pk)
    assert view_buffer().pending_views() == 3
    views_flush()
    assert view_buffer().pending_views() == 0


def tally(article, views, hours_ago):
    moment = timezone.now() - timedelta(hours=hours_ago)
    ViewTally.objects.create(
        article_id=article.pk,
        locale_id=article.locale_id,
        hour=moment.replace(minute=0, second=0, microsecond=0),
        views=views,
    )


def test_most_read_ranks_the_last_days_views_in_the_edition(newsroom):
    popular = factories.article(newsroom.politics, title="Popular")
    quiet = factories.article(newsroom.politics, title="Quiet")
    tally(popular, 500, hours_ago=2)
    tally(quiet, 3, hours_ago=1)
    tally(quiet, 4, hours_ago=5)
    tally(newsroom.story_ru, 9000, hours_ago=1)
    ranking = most_read_ids(newsroom.story.locale_id, "day")
    assert ranking == [popular.pk, quiet.pk]


def test_most_read_of_the_week_counts_older_days_too(newsroom):
    steady = factories.article(newsroom.politics)
    burst = factories.article(newsroom.politics)
    tally(steady, 100, hours_ago=30)
    tally(steady, 100, hours_ago=60)
    tally(burst, 150, hours_ago=3)
    assert most_read_ids(steady.locale_id, "day") == [burst.pk]
    assert most_read_ids(steady.locale_id, "week") == [steady.pk, burst.pk]
    old = factories.article(newsroom.politics)
    tally(old, 10_000, hours_ago=24 * 8)
    assert old.pk not in most_read_ids(steady.locale_id, "week")


def test_most_read_leaves_out_unpublished_stories_and_tops_up_from_the_week(newsroom):
    gone = factories.article(newsroom.politics)
    weekly = factories.article(newsroom.politics)
    tally(gone, 50, hours_ago=1)
    tally(weekly, 20, hours_ago=50)
    ArticlePage.objects.get(pk=gone.pk).unpublish()
    assert most_read(newsroom.story.locale_id, limit=5) == [weekly]


def test_home_page_shows_the_most_read(client, newsroom):
    tally(newsroom.story, 42, hours_ago=1)
    text = client.get("/en/").text
    assert 'class="most-read"' in text
    assert text.index("most-read-heading") < text.index(
        newsroom.story.title, text.index("most-read-heading")
    )
