"""manage.py reindex_search: rebuilds the index, resumes where it stopped, refuses bad options."""

import io

import factories
import pytest
from django.core.management import CommandError, call_command

from newsdesk.search.models import ReindexRun, SearchEntry, SpellingWord
from newsdesk.search.results import search


def reindex(*args):
    out = io.StringIO()
    call_command("reindex_search", "--no-progress", "--workers", "0", *args, stdout=out)
    return out.getvalue()


def test_a_rebuild_indexes_live_articles_only(newsroom):
    draft = factories.article(newsroom.politics, title="Draft glacier", live=False)
    SearchEntry.objects.all().delete()
    output = reindex("--batch-size", "2")
    assert "Indexed" in output
    entries = set(SearchEntry.objects.values_list("article_id", flat=True))
    assert {newsroom.story.pk, newsroom.story_ru.pk, newsroom.story_hy.pk} <= entries
    assert draft.pk not in entries
    assert search("parliament", newsroom.story.locale).ids == [newsroom.story.pk]


def test_an_interrupted_run_resumes_after_its_last_batch(newsroom):
    first, second = sorted([newsroom.story.pk, newsroom.story_hy.pk])
    SearchEntry.objects.all().delete()
    ReindexRun.objects.create(last_article_id=first)
    output = reindex()
    assert f"Resuming after article {first:,}" in output
    entries = set(SearchEntry.objects.values_list("article_id", flat=True))
    assert second in entries and first not in entries
    assert ReindexRun.objects.get().finished_at is not None


def test_restart_starts_from_the_first_article(newsroom):
    SearchEntry.objects.all().delete()
    ReindexRun.objects.create(last_article_id=newsroom.story_hy.pk)
    reindex("--restart")
    assert SearchEntry.objects.filter(article_id=newsroom.story.pk).exists()


def test_a_rebuild_in_place_keeps_every_entry_findable(newsroom):
    reindex()
    reindex("--restart", "--batch-size", "1")
    assert search("parliament", newsroom.story.locale).ids == [newsroom.story.pk]


def test_a_rebuild_counts_each_story_in_the_vocabulary_once(newsroom):
    factories.article(newsroom.politics, title="Zorvelite miners strike")
    language = newsroom.story.locale.language_code
    reindex()
    reindex("--restart", "--batch-size", "1")
    assert SpellingWord.objects.get(language=language, word="zorvelite").documents == 1


def test_a_rebuild_forgets_words_no_story_uses(newsroom):
    language = newsroom.story.locale.language_code
    SpellingWord.objects.create(language=language, word="quillanth", documents=3)
    reindex()
    assert not SpellingWord.objects.filter(word="quillanth").exists()
    assert SpellingWord.objects.filter(language=language, word="parliament").exists()


@pytest.mark.parametrize("option", [["--batch-size", "0"], ["--workers", "-1"]])
def test_bad_options_are_refused_with_a_message(newsroom, option):
    with pytest.raises(CommandError, match="must be between"):
        reindex(*option)
