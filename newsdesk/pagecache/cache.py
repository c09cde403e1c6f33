"""The cache one app process talks to: its own memory in front of the shared store.

A hit on a popular page is served from this process's memory without touching the shared
store. Purges made by other processes reach that memory through the shared purge log,
which each process reads at most every `sync_seconds` (and always before it trusts an
entry it found stale).

When the shared store fails (Redis is down, the disk is full) the cache steps aside rather
than take the site down with it: every request is rendered, nothing is kept, and this
process's memory is not trusted, since purges made meanwhile cannot reach it. The store is
tried again a second later; a process whose purges could not be written purges everything
(softly) once the store is back, so nothing it changed stays cached.
"""

import logging
import threading
import time
from collections import Counter, OrderedDict, defaultdict
from functools import cache

from django.conf import settings

from newsdesk.pagecache.entry import Entry
from newsdesk.pagecache.keys import EVERYTHING
from newsdesk.pagecache.shared import store_from_url

# How long one render may hold a page's lock before another request may try.
RENDER_LOCK_SECONDS = 10
STATS_FLUSH_SECONDS = 2
TRIM_SECONDS = 60
# How long a failed store is left alone before it is tried again.
STORE_RETRY_SECONDS = 1.0

logger = logging.getLogger(__name__)


class MemoryTier:
    """Entries this process served recently, least recently used dropped first."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.entries = OrderedDict()
        self.by_key = defaultdict(set)
        self.size = 0
        self.lock = threading.Lock()
        # Moves on every purge seen here: a value computed across a move may be outdated.
        self.generation = 0

    def get(self, cache_key):
        with self.lock:
            entry = self.entries.get(cache_key)
            if entry is not None:
                self.entries.move_to_end(cache_key)
            return entry

    def put(self, cache_key, entry):
        if entry.size > self.max_bytes // 4:
            return
        with self.lock:
            self._remove(cache_key)
            self.entries[cache_key] = entry
            self.size += entry.size
            for key in entry.keys:
                self.by_key[key].add(cache_key)
            while self.size > self.max_bytes and self.entries:
                self._remove(next(iter(self.entries)))

    def _remove(self, cache_key):
        entry = self.entries.pop(cache_key, None)
        if entry is None:
            return
        self.size -= entry.size
        for key in entry.keys:
            holders = self.by_key.get(key)
            if holders is not None:
                holders.discard(cache_key)
                if not holders:
                    del self.by_key[key]

    def mark_stale(self, keys):
        """A purge reached this process: entries showing any of `keys` must be revalidated."""
        with self.lock:
            self.generation += 1
            if EVERYTHING in keys:
                for entry in self.entries.values():
                    entry.stale = True
                return
            for key in keys:
                for cache_key in self.by_key.get(key, ()):
                    self.entries[cache_key].stale = True

    def clear(self):
        with self.lock:
            self.generation += 1
            self.entries.clear()
            self.by_key.clear()
            self.size = 0


class KeyedCache:
    """Get, store and purge entries by cache key and surrogate key, in memory and shared."""

    def __init__(self, shared, memory_bytes, sync_seconds, max_entries):
        self.shared = shared
        self.memory = MemoryTier(memory_bytes)
        self.sync_seconds = sync_seconds
        self.max_entries = max_entries
        self.next_sync = 0.0
        self.sync_lock = threading.Lock()
        self.counts = Counter()
        self.next_stats_flush = time.monotonic() + STATS_FLUSH_SECONDS
        self.next_trim = time.monotonic() + TRIM_SECONDS
        # While the store fails: when to try it again, and whether a purge of ours was lost.
        self.down_until = 0.0
        self.purges_lost = False
        self.seen_seq = self.guarded(shared.current_seq, 0)

    def available(self):
        """False while the shared store is failing: then nothing is cached or trusted."""
        if self.down_until == 0.0:
            return True
        if time.monotonic() < self.down_until:
            return False
        self.down_until = 0.0
        if self.purges_lost:
            # Purges made while the store was away reached no other process: drop everything.
            self.purges_lost = False
            if self.guarded(lambda: self.shared.purge([EVERYTHING]), None) is None:
                self.purges_lost = True
                return False
        return True

    def guarded(self, call, fallback):
        """`call()`, or `fallback` when the store fails (which is then left alone a while)."""
        try:
            return call()
        except self.shared.errors as error:
            if self.down_until == 0.0:
                logger.warning("page cache store unavailable, serving uncached: %s", error)
            self.down_until = time.monotonic() + STORE_RETRY_SECONDS
            # Purges of other processes cannot reach this memory now: forget what it holds.
            self.memory.clear()
            return fallback

    def sync(self, force=False):
        """Apply the purges other processes made since the last look at the log."""
        now = time.monotonic()
        if not force and now < self.next_sync:
            return
        if not self.available():
            return
        with self.sync_lock:
            # A thread that came while another read the log waits for it and trusts its
            # reading: skipping ahead would serve memory the log is about to mark stale, and
            # hand Varnish an old page right after its purge (make soak found it under load).
            if not force and time.monotonic() < self.next_sync:
                return
            self.guarded(lambda: self.sync_from_log(now), None)
            # Counted from when this reading began: nothing purged since is known here.
            self.next_sync = now + self.sync_seconds

    def sync_from_log(self, now):
        latest = self.shared.current_seq()
        if latest < self.seen_seq:
            # The store was emptied or replaced (a Redis restart without its data).
            self.memory.clear()
            self.seen_seq = latest
        elif latest != self.seen_seq:
            latest, keys = self.shared.purges_since(self.seen_seq)
            if keys is None:
                self.memory.clear()
            elif keys:
                self.memory.mark_stale(set(keys))
            self.seen_seq = latest
        if now >= self.next_stats_flush:
            self.flush_stats(now)
        if now >= self.next_trim:
            self.next_trim = now + TRIM_SECONDS
            self.shared.trim(self.max_entries)

    def get(self, cache_key):
        """The best entry known for `cache_key` (fresh if there is one), or None."""
        self.sync()
        if not self.available():
            return None
        entry = self.memory.get(cache_key)
        if entry is not None and not entry.stale:
            return entry
        found = self.guarded(lambda: self.shared.get(cache_key), None)
        if found is None:
            return entry if self.available() else None
        shared_entry = Entry.loads(found[0], stale=found[1])
        if not shared_entry.stale:
            self.memory.put(cache_key, shared_entry)
        return shared_entry

    def render_position(self):
        """Where the purge log stands before a render: stored with what the render made."""
        return self.guarded(self.shared.current_seq, 0) if self.available() else 0

    def last_purge_at(self):
        """When the latest purge anywhere was made (Unix time); now when the store is away,
        since a purge may then have been made without this process hearing of it."""
        at = self.guarded(self.shared.last_purge_at, None) if self.available() else None
        return time.time() if at is None else at

    def put(self, cache_key, entry, seq):
        """Store a rendered entry; it is kept stale if a purge of its keys came after `seq`.

        Returns False, and keeps nothing, when the store is unavailable.
        """
        if not self.available():
            entry.stale = True
            return False
        fresh = self.guarded(
            lambda: self.shared.put(cache_key, entry.dumps(), entry.keys, seq, entry.error_until),
            False,
        )
        entry.stale = not fresh
        if fresh:
            self.memory.put(cache_key, entry)
        return fresh

    def purge(self, keys):
        """Mark stale every entry, here and in every process, that shows one of `keys`."""
        keys = set(keys)
        self.memory.mark_stale(keys)
        if not self.available() or self.guarded(lambda: self.shared.purge(keys), None) is None:
            self.purges_lost = True

    def acquire(self, cache_key):
        """Take the render lock; with the store away every request renders for itself."""
        if not self.available():
            return True
        return self.guarded(lambda: self.shared.acquire(cache_key, RENDER_LOCK_SECONDS), True)

    def release(self, cache_key):
        if self.available():
            self.guarded(lambda: self.shared.release(cache_key), None)

    def count(self, name):
        self.counts[name] += 1

    def flush_stats(self, now=None):
        counts, self.counts = self.counts, Counter()
        self.next_stats_flush = (now or time.monotonic()) + STATS_FLUSH_SECONDS
        if counts:
            self.shared.add_stats(counts)

    def stats(self):
        self.flush_stats()
        return self.shared.stats()

    def clear(self):
        self.memory.clear()
        self.counts.clear()
        self.shared.clear()
        self.seen_seq = self.shared.current_seq()
        self.down_until = 0.0
        self.purges_lost = False


class Remembered:
    """A value computed in this process, kept like a cache entry (see `remembered`)."""

    __slots__ = ("value", "keys", "fresh_until", "stale")
    size = 1024

    def __init__(self, value, keys, fresh_until):
        self.value = value
        self.keys = frozenset(keys)
        self.fresh_until = fresh_until
        self.stale = False


def remembered(name, compute, keys, seconds):
    """`compute()`, kept in this process for `seconds` or until a purge names one of `keys`.

    For small values every page needs (an edition's settings, its home page, its sections):
    each costs a query otherwise. Values are shared between threads: treat them as read-only.
    """
    cache = page_cache()
    cache.sync()
    if not cache.available():
        # Purges cannot reach this process while the store is away: keep nothing.
        return compute()
    entry = cache.memory.get("memo:" + name)
    now = time.monotonic()
    if entry is not None and not entry.stale and now < entry.fresh_until:
        return entry.value
    generation = cache.memory.generation
    value = compute()
    # A purge seen while computing may concern what was read: don't keep that value.
    if cache.memory.generation == generation:
        cache.memory.put("memo:" + name, Remembered(value, keys, now + seconds))
    return value


def remembered_many(prefix, ids, compute, keys_of, seconds):
    """{id: value} for `ids`, each kept like `remembered` under "prefix:id".

    `compute(missing_ids)` returns {id: value} for the ids not remembered (one query for
    all of them); ids it leaves out are not found, and nothing is kept for them.
    `keys_of(value)` names the surrogate keys that drop a value.
    """
    cache = page_cache()
    cache.sync()
    now = time.monotonic()
    found, missing = {}, []
    for value_id in dict.fromkeys(ids):
        entry = cache.memory.get(f"memo:{prefix}:{value_id}")
        if entry is not None and not entry.stale and now < entry.fresh_until:
            found[value_id] = entry.value
        else:
            missing.append(value_id)
    if missing:
        generation = cache.memory.generation
        computed = compute(missing)
        if cache.memory.generation == generation:
            for value_id, value in computed.items():
                cache.memory.put(
                    f"memo:{prefix}:{value_id}", Remembered(value, keys_of(value), now + seconds)
                )
        found.update(computed)
    return found


@cache
def page_cache():
    """This process's cache, made on first use from the NEWSDESK_PAGE_CACHE_* settings."""
    return KeyedCache(
        store_from_url(settings.NEWSDESK_PAGE_CACHE_STORE, settings.NEWSDESK_PAGE_CACHE_PREFIX),
        memory_bytes=settings.NEWSDESK_PAGE_CACHE_MEMORY_MB * 1024 * 1024,
        sync_seconds=settings.NEWSDESK_PAGE_CACHE_SYNC_SECONDS,
        max_entries=settings.NEWSDESK_PAGE_CACHE_MAX_ENTRIES,
    )
