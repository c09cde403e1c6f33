"""PostgreSQL's choice between reading the newest entries and the GIN index (engines.py).

Small windows stand in for a million articles: the same paths are taken, on a few stories.
"""

import factories
import pytest
from django.db import connection

from newsdesk.search import engines
from newsdesk.search.analysis import parse_query
from newsdesk.search.results import Filters, restriction_of, search

from .entries import stories

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the newest-first scan is PostgreSQL's"
)


@pytest.fixture
def small_windows(monkeypatch):
    monkeypatch.setattr(engines, "SCAN_FIRST_ROWS", 2)
    monkeypatch.setattr(engines, "SCAN_MAX_ROWS", 6)


def candidates(query, locale, limit, **options):
    parsed = parse_query(query, locale.language_code)
    return engines.engine().candidates(parsed, restriction_of(locale, Filters()), limit, **options)


def test_a_common_word_is_read_from_the_newest_entries(newsroom, indexed, small_windows):
    made = stories(newsroom.politics, indexed, [f"Harbour report {n}" for n in range(5)])
    found = candidates("harbour", factories.locale_of("en"), 3)
    assert [candidate.article_id for candidate in found] == [story.pk for story in made[:3]]
    assert not found.bounded
    assert all(candidate.score > 0 for candidate in found)


def test_matches_past_the_scanned_entries_come_from_the_index(newsroom, indexed, small_windows):
    # Two rare matches, older than every entry the scan reads.
    titles = [f"Weather note {n}" for n in range(8)] + ["Lighthouse keeper", "Lighthouse lamp"]
    made = stories(newsroom.politics, indexed, titles)
    found = candidates("lighthouse", factories.locale_of("en"), 5)
    assert [candidate.article_id for candidate in found] == [made[8].pk, made[9].pk]
    assert not found.bounded


def test_a_word_too_common_for_the_index_stops_bounded(
    newsroom, indexed, small_windows, monkeypatch
):
    monkeypatch.setattr(engines, "INDEX_MAX_MATCHES", 1)
    titles = ["Ferry news", "Other note", "Other item", "Other line"] * 3
    stories(newsroom.politics, indexed, titles)
    found = candidates("ferry", factories.locale_of("en"), 5)
    # The six newest entries hold two ferries; the index would be left too many to take.
    assert len(found) == 2
    assert found.bounded


def test_a_bounded_search_says_more_than_it_found(
    client, newsroom, indexed, small_windows, monkeypatch
):
    monkeypatch.setattr(engines, "INDEX_MAX_MATCHES", 1)
    stories(newsroom.politics, indexed, ["Ferry news", "Other note", "Other item"] * 4)
    results = search("ferry", factories.locale_of("en"))
    assert results.capped
    assert client.get("/en/search/", {"q": "ferry"}).context["results"].capped


def test_a_phrase_is_checked_where_its_words_are(newsroom, indexed, small_windows):
    titles = ["Talks in Istanbul", "Istanbul talks begin", "Weather"] + ["Weather"] * 6
    titles.append("Istanbul talks ended")
    made = stories(newsroom.politics, indexed, titles)
    found = candidates('"Istanbul talks"', factories.locale_of("en"), 5)
    # The newest phrase match from the scan, the oldest one from the index.
    assert [candidate.article_id for candidate in found] == [made[1].pk, made[-1].pk]


def test_dates_sort_takes_the_same_paths_unscored(newsroom, indexed, small_windows):
    made = stories(newsroom.politics, indexed, [f"Harbour report {n}" for n in range(4)])
    found = candidates("harbour", factories.locale_of("en"), 10, scored=False)
    assert [candidate.article_id for candidate in found] == [story.pk for story in made]
    assert {candidate.score for candidate in found} == {0.0}


def test_a_scan_that_cannot_fill_the_pool_leaves_the_rest_to_the_index_at_once(
    newsroom, indexed, small_windows, monkeypatch
):
    # One lantern among the two newest entries, two more far back: the budget (6 entries)
    # could not find nine more, and the index is left few enough to take them now.
    titles = ["Lantern fair", "Quiet day"] + [f"Weather note {n}" for n in range(8)]
    titles += ["Old lantern", "Lantern lit"]
    made = stories(newsroom.politics, indexed, titles)
    read = []
    scan = engines.PostgresEngine.newest_scan

    def counted(self, *arguments):
        result = scan(self, *arguments)
        read.append(result[1])
        return result

    monkeypatch.setattr(engines.PostgresEngine, "newest_scan", counted)
    found = candidates("lantern", factories.locale_of("en"), 10)
    assert [candidate.article_id for candidate in found] == [made[0].pk, made[-2].pk, made[-1].pk]
    assert read == [2]
    assert not found.bounded
