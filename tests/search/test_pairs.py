"""The filter of adjacent stems PostgreSQL's entries keep for phrases (newsdesk.search.pairs).

A filter may say "maybe" of a story without the phrase, never "no" of one with it: the
filters are checked against the phrases they were made from, PostgreSQL's reading of their
bits against Python's, and a phrase search against the same search with every filter gone.
"""

import factories
import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.search import engines, pairs
from newsdesk.search.analysis import parse_query
from newsdesk.search.documents import documents_of
from newsdesk.search.engines import PG_MAX_POSITION, PostgresEngine
from newsdesk.search.models import SearchEntry
from newsdesk.search.pairs import FILTER_BITS, FILTER_BYTES, pair_filter, phrase_bits
from newsdesk.search.results import Filters, restriction_of

from .entries import document, stories

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the filter is PostgreSQL's"
)


def is_set(packed, bit):
    return packed[bit // 8] >> (bit % 8) & 1 == 1


def holds(packed, *phrases):
    return all(is_set(packed, bit) for bit in phrase_bits(list(phrases)))


def test_a_filter_holds_each_adjacent_pair_of_each_zone():
    packed = pair_filter([["istanbul", "talk"], ["peac", "plan", "sign"], ["ferri", "late"]])
    assert len(packed) == FILTER_BYTES
    assert holds(packed, ["istanbul", "talk"])
    assert holds(packed, ["peac", "plan", "sign"])
    assert holds(packed, ["ferri", "late"], ["plan", "sign"])


def test_reversed_words_and_words_across_zones_are_not_pairs():
    packed = pair_filter([["istanbul", "talk"], ["peac", "plan"]])
    assert not holds(packed, ["talk", "istanbul"])
    assert not holds(packed, ["talk", "peac"])  # the title's last word, the standfirst's first


words = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), max_size=30)


@given(st.lists(words, min_size=1, max_size=3))
def test_no_phrase_a_story_holds_is_ever_refused(zones):
    packed = pair_filter(zones)
    for stems in zones:
        for start in range(len(stems) - 1):
            assert holds(packed, stems[start : start + 3])


def test_a_story_too_long_for_postgres_positions_has_no_filter():
    *_, short = PostgresEngine().prepare(document(["t"], ["s"], ["w"] * 100))
    *_, long = PostgresEngine().prepare(document(["t"], ["s"], ["w"] * PG_MAX_POSITION))
    assert short is not None
    assert long is None


def test_the_remembered_stem_hashes_stay_bounded(monkeypatch):
    monkeypatch.setattr(pairs, "HASHES_KEPT", 10)
    before = pair_filter([["istanbul", "talk"]])
    for number in range(50):  # readers' phrases, each of new words
        phrase_bits([[f"word{number}", f"other{number}"]])
    assert len(pairs.stem_hashes) <= 10
    assert pair_filter([["istanbul", "talk"]]) == before


@on_postgres
@pytest.mark.django_db
def test_postgres_reads_each_bit_where_python_set_it():
    packed = pair_filter([["istanbul", "talk"], ["peac", "plan", "sign"]])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_agg(get_bit(%s::bytea, bit) ORDER BY bit) "
            "FROM generate_series(0, %s) AS bit",
            [packed, FILTER_BITS - 1],
        )
        (read,) = cursor.fetchone()
    assert read == [int(is_set(packed, bit)) for bit in range(FILTER_BITS)]
    assert sum(read) > 0


def phrase_stories(section, indexed):
    """Stories with both words of "Istanbul talks", some as the phrase, newest first."""
    titles = ["Talks in Istanbul", "Istanbul talks begin", "Weather"]
    titles += ["Istanbul weather, then talks"] * 6 + ["Istanbul talks ended"]
    return stories(section, indexed, titles)


def found_ids(query, limit=20):
    locale = factories.locale_of("en")
    parsed = parse_query(query, "en")
    found = engines.engine().candidates(parsed, restriction_of(locale, Filters()), limit)
    return sorted(candidate.article_id for candidate in found)


@on_postgres
@pytest.mark.parametrize("windows", ["scan", "index"])
def test_a_phrase_finds_the_same_stories_without_any_filter(
    newsroom, indexed, monkeypatch, windows
):
    if windows == "index":  # the newest two entries are read, the rest left to the index
        monkeypatch.setattr(engines, "SCAN_FIRST_ROWS", 2)
        monkeypatch.setattr(engines, "SCAN_MAX_ROWS", 2)
    made = phrase_stories(newsroom.politics, indexed)
    assert not SearchEntry.objects.filter(pairs=None).exists()
    with_filters = found_ids('"Istanbul talks"')
    SearchEntry.objects.update(pairs=None)
    assert with_filters == found_ids('"Istanbul talks"')
    assert with_filters == sorted(story.pk for story in (made[1], made[-1]))


@on_postgres
def test_a_story_whose_filter_lacks_the_pair_is_not_read(newsroom, indexed):
    phrase_stories(newsroom.politics, indexed)
    parsed = parse_query('"Istanbul talks"', "en")
    restriction = restriction_of(factories.locale_of("en"), Filters())

    def holding_every_word():
        scan = PostgresEngine().newest_scan(
            "document", parsed, restriction, restriction.highest, 100, scored=True
        )
        return scan[2]

    # Two stories hold the phrase; the six "Istanbul weather, then talks" hold only its words.
    assert holding_every_word() == 2
    SearchEntry.objects.update(pairs=None)
    assert holding_every_word() == 9


@on_postgres
@pytest.mark.django_db
def test_a_reindex_batch_writes_the_same_filter_as_a_single_write(newsroom):
    story = factories.article(newsroom.politics, title="Istanbul talks", slug="pairs-bulk")
    (doc,) = documents_of([story])
    engine = PostgresEngine()
    engine.write([doc])
    single = bytes(SearchEntry.objects.get(pk=story.pk).pairs)
    SearchEntry.objects.all().delete()
    engine.write([doc], bulk=True)
    assert bytes(SearchEntry.objects.get(pk=story.pk).pairs) == single
    assert holds(single, ["istanbul", "talk"])
