"""The shared store and each process's memory: soft purges, the purge log, render locks.

Runs against the store the suite is configured with: a SQLite file under `make test`,
Redis under `make test-services`.
"""

import time

import pytest
from django.conf import settings

from newsdesk.pagecache.cache import KeyedCache, page_cache, remembered
from newsdesk.pagecache.entry import Entry, preferred_encoding
from newsdesk.pagecache.keys import EVERYTHING
from newsdesk.pagecache.shared import store_from_url

BODY = b"<!DOCTYPE html><title>t</title>" + b"<p>news</p>" * 200


def page_entry(keys=("page-1",), fresh_for=60):
    return Entry.page(
        200, [("Content-Type", "text/html")], BODY, keys, time.time(), fresh_for, 30, 600
    )


def other_process():
    """A second KeyedCache on the same shared store, as another app worker has."""
    return KeyedCache(
        store_from_url(settings.NEWSDESK_PAGE_CACHE_STORE, settings.NEWSDESK_PAGE_CACHE_PREFIX),
        memory_bytes=1024 * 1024,
        sync_seconds=0,
        max_entries=1000,
    )


def test_an_entry_survives_the_trip_through_the_shared_store():
    cache = page_cache()
    entry = page_entry(keys=("page-1", "tag-2"))
    assert cache.put("page:a", entry, cache.render_position())
    found = other_process().get("page:a")
    assert found.is_fresh(time.time())
    assert found.keys == {"page-1", "tag-2"}
    assert found.body_for("identity") == BODY
    assert found.body_for("gzip") != BODY and found.body_for("br") != BODY
    assert found.etag == entry.etag


def test_a_purge_marks_stale_only_the_entries_showing_its_keys():
    cache = page_cache()
    seq = cache.render_position()
    cache.put("page:a", page_entry(keys=("page-1",)), seq)
    cache.put("page:b", page_entry(keys=("page-2",)), seq)
    cache.purge({"page-1"})
    assert cache.get("page:a").stale
    assert not cache.get("page:b").stale


def test_a_purge_made_by_one_process_reaches_the_memory_of_another():
    mine, theirs = page_cache(), other_process()
    mine.put("page:a", page_entry(), mine.render_position())
    assert theirs.get("page:a").is_fresh(time.time())  # now in their memory tier
    mine.purge({"page-1"})
    assert theirs.get("page:a").stale


def test_a_page_rendered_before_a_purge_is_stored_stale():
    """The render read the old content; a purge between its start and its store wins."""
    cache = page_cache()
    seq_before_render = cache.render_position()
    cache.purge({"page-1"})
    assert not cache.put("page:a", page_entry(keys=("page-1",)), seq_before_render)
    assert cache.get("page:a").stale


def test_purging_everything_marks_every_entry():
    cache = page_cache()
    seq = cache.render_position()
    cache.put("page:a", page_entry(keys=("page-1",)), seq)
    cache.put("page:b", page_entry(keys=("tag-9",)), seq)
    cache.purge({EVERYTHING})
    assert cache.get("page:a").stale and cache.get("page:b").stale


def test_only_one_process_holds_a_pages_render_lock():
    mine, theirs = page_cache(), other_process()
    assert mine.acquire("page:a")
    assert not theirs.acquire("page:a")
    mine.release("page:a")
    assert theirs.acquire("page:a")
    theirs.release("page:a")


def test_the_purge_log_tells_what_was_purged_since_a_position():
    shared = page_cache().shared
    start = shared.current_seq()
    shared.purge({"page-1", "tag-2"})
    latest, keys = shared.purges_since(start)
    assert latest > start
    assert set(keys) == {"page-1", "tag-2"}
    assert shared.purges_since(latest) == (latest, [])


def test_remembered_values_are_dropped_when_their_keys_are_purged():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert remembered("counter", compute, keys=["edition-en"], seconds=60) == 1
    assert remembered("counter", compute, keys=["edition-en"], seconds=60) == 1
    page_cache().purge({"edition-en"})
    assert remembered("counter", compute, keys=["edition-en"], seconds=60) == 2


def test_stats_count_across_processes():
    mine, theirs = page_cache(), other_process()
    mine.count("render")
    theirs.count("render")
    theirs.flush_stats()
    assert mine.stats()["render"] == 2


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [
        ("", "identity"),
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br"),
        ("gzip;q=0, *;q=0", "identity"),
        ("identity", "identity"),
        ("gzip;q=nonsense", "identity"),
    ],
)
def test_the_best_encoding_the_client_accepts_is_chosen(accept_encoding, expected):
    assert preferred_encoding(accept_encoding) == expected


def test_the_command_purges_by_key_and_reports_counters(capsys):
    import json

    from django.core.management import CommandError, call_command

    cache = page_cache()
    cache.put("page:a", page_entry(keys=("page-1",)), cache.render_position())
    call_command("pagecache", "purge", "page-1")
    assert cache.get("page:a").stale
    cache.count("render")
    call_command("pagecache", "stats", "--json")
    stats = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert stats["render"] >= 1 and stats["entries"] >= 1
    with pytest.raises(CommandError):
        call_command("pagecache", "purge")
