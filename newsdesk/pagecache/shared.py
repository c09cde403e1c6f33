"""The cache every app process shares: a SQLite file on the embedded default, or Redis.

Both keep the same four things: entries by cache key, which entries show which surrogate
key, a numbered log of purges (so each process can bring its own memory tier up to date),
and short render locks (so a burst after a purge causes one render, not one per request).
A purge is soft: entries are marked stale, not deleted, so readers can be answered from
the previous version while one request renders the new one.
"""

import sqlite3
import threading
import time
from pathlib import Path

from newsdesk.pagecache.keys import EVERYTHING


class SQLiteFile:
    """A SQLite file several processes and threads share: one connection per thread, WAL.

    WAL lets readers go on while one writer commits; NORMAL synchronisation survives a
    killed process (not a power cut), which is what a cache and a view buffer need.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.local = threading.local()

    def connection(self):
        """This thread's connection (sqlite3 connections are not shared between threads)."""
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self.local.connection = connection
        return connection


# Purges older than this are dropped from the log; a process that has not synced for longer
# empties its memory tier instead of replaying them.
PURGE_LOG_SECONDS = 3600


class SQLiteStore(SQLiteFile):
    """The shared cache as a SQLite file beside the database: no server, several processes.

    Writes are short IMMEDIATE transactions.
    """

    # What a failing store raises (a full disk, a broken file): the cache then steps aside.
    errors = (sqlite3.Error, OSError)

    SCHEMA = """
        CREATE TABLE IF NOT EXISTS entry (
            cache_key TEXT PRIMARY KEY, data BLOB NOT NULL, stale INTEGER NOT NULL DEFAULT 0,
            expires_at REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS entry_expires ON entry (expires_at);
        CREATE TABLE IF NOT EXISTS entry_key (
            surrogate TEXT NOT NULL, cache_key TEXT NOT NULL,
            PRIMARY KEY (surrogate, cache_key)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS entry_key_by_entry ON entry_key (cache_key);
        CREATE TABLE IF NOT EXISTS purge (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, surrogate TEXT NOT NULL, at REAL NOT NULL);
        CREATE INDEX IF NOT EXISTS purge_by_surrogate ON purge (surrogate, seq);
        CREATE TABLE IF NOT EXISTS render_lock (cache_key TEXT PRIMARY KEY, until REAL NOT NULL);
        CREATE TABLE IF NOT EXISTS stat (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    """

    def __init__(self, path):
        super().__init__(path)
        self.connection().executescript(self.SCHEMA)

    def write(self, statements):
        """Run `statements(connection)` in one IMMEDIATE transaction and return its result."""
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            result = statements(connection)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return result

    def get(self, cache_key):
        """(data, stale) for the entry, or None."""
        row = (
            self.connection()
            .execute("SELECT data, stale FROM entry WHERE cache_key = ?", (cache_key,))
            .fetchone()
        )
        return (row[0], bool(row[1])) if row else None

    def put(self, cache_key, data, surrogates, seq, expires_at):
        """Store an entry rendered when the purge log stood at `seq`.

        If a purge since then named one of its keys, the render may have read old content:
        the entry is stored stale, so the next reader renders again. Returns True if fresh.
        """
        surrogates = sorted(set(surrogates) | {EVERYTHING})

        def store(connection):
            marks = ",".join("?" * len(surrogates))
            purged = connection.execute(
                f"SELECT 1 FROM purge WHERE seq > ? AND surrogate IN ({marks}) LIMIT 1",
                (seq, *surrogates),
            ).fetchone()
            connection.execute("DELETE FROM entry_key WHERE cache_key = ?", (cache_key,))
            connection.execute(
                "INSERT OR REPLACE INTO entry (cache_key, data, stale, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (cache_key, data, 1 if purged else 0, expires_at),
            )
            connection.executemany(
                "INSERT OR IGNORE INTO entry_key (surrogate, cache_key) VALUES (?, ?)",
                [(surrogate, cache_key) for surrogate in surrogates],
            )
            return not purged

        return self.write(store)

    def purge(self, surrogates):
        """Mark stale every entry showing one of `surrogates`; returns the new log position."""
        surrogates = sorted(set(surrogates))
        now = time.time()

        def mark(connection):
            connection.executemany(
                "INSERT INTO purge (surrogate, at) VALUES (?, ?)",
                [(surrogate, now) for surrogate in surrogates],
            )
            marks = ",".join("?" * len(surrogates))
            connection.execute(
                "UPDATE entry SET stale = 1 WHERE stale = 0 AND cache_key IN "
                f"(SELECT cache_key FROM entry_key WHERE surrogate IN ({marks}))",
                surrogates,
            )
            return connection.execute("SELECT max(seq) FROM purge").fetchone()[0]

        return self.write(mark)

    def current_seq(self):
        row = self.connection().execute("SELECT max(seq) FROM purge").fetchone()
        return row[0] or 0

    def last_purge_at(self):
        """When the latest purge was made (a Unix timestamp), 0 when there was none."""
        row = self.connection().execute("SELECT at FROM purge ORDER BY seq DESC LIMIT 1").fetchone()
        return row[0] if row else 0.0

    def purges_since(self, seq):
        """(latest seq, surrogates purged after `seq`), or (latest, None) if the log is cut."""
        rows = (
            self.connection()
            .execute("SELECT seq, surrogate FROM purge WHERE seq > ? ORDER BY seq", (seq,))
            .fetchall()
        )
        if not rows:
            return seq, []
        if seq and rows[0][0] > seq + 1:
            # The purges in between were trimmed from the log: what they named is unknown.
            return rows[-1][0], None
        return rows[-1][0], [surrogate for _, surrogate in rows]

    def acquire(self, cache_key, seconds):
        """Take the render lock for `cache_key` for at most `seconds`; False if another has it."""
        now = time.time()

        def take(connection):
            connection.execute(
                "DELETE FROM render_lock WHERE cache_key = ? AND until < ?", (cache_key, now)
            )
            taken = connection.execute(
                "INSERT OR IGNORE INTO render_lock (cache_key, until) VALUES (?, ?)",
                (cache_key, now + seconds),
            )
            return taken.rowcount == 1

        return self.write(take)

    def release(self, cache_key):
        self.write(
            lambda connection: connection.execute(
                "DELETE FROM render_lock WHERE cache_key = ?", (cache_key,)
            )
        )

    def add_stats(self, counts):
        self.write(
            lambda connection: connection.executemany(
                "INSERT INTO stat (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
                list(counts.items()),
            )
        )

    def stats(self):
        connection = self.connection()
        stats = dict(connection.execute("SELECT name, value FROM stat").fetchall())
        stats["entries"] = connection.execute("SELECT count(*) FROM entry").fetchone()[0]
        return stats

    def trim(self, max_entries):
        """Drop entries past their last useful moment, old purges, and the oldest overflow."""
        now = time.time()

        def drop(connection):
            connection.execute(
                "DELETE FROM entry_key WHERE cache_key IN "
                "(SELECT cache_key FROM entry WHERE expires_at < ?)",
                (now,),
            )
            connection.execute("DELETE FROM entry WHERE expires_at < ?", (now,))
            overflow = connection.execute("SELECT count(*) FROM entry").fetchone()[0] - max_entries
            if overflow > 0:
                oldest = "SELECT cache_key FROM entry ORDER BY expires_at LIMIT ?"
                connection.execute(
                    f"DELETE FROM entry_key WHERE cache_key IN ({oldest})", (overflow,)
                )
                connection.execute(f"DELETE FROM entry WHERE cache_key IN ({oldest})", (overflow,))
            # Keep the newest purge even when old, so the sequence never goes back.
            connection.execute(
                "DELETE FROM purge WHERE at < ? AND seq < (SELECT max(seq) FROM purge)",
                (now - PURGE_LOG_SECONDS,),
            )
            connection.execute("DELETE FROM render_lock WHERE until < ?", (now,))

        self.write(drop)

    def clear(self):
        def empty(connection):
            for table in ("entry", "entry_key", "render_lock", "stat"):
                connection.execute(f"DELETE FROM {table}")
            # Everything cached anywhere is now unknown: tell the memory tiers to forget it.
            connection.execute(
                "INSERT INTO purge (surrogate, at) VALUES (?, ?)", (EVERYTHING, time.time())
            )

        self.write(empty)


class RedisStore:
    """The shared cache in Redis, for several machines; the same contract as SQLiteStore.

    Purges and stores are Lua scripts, so a purge and the render it races with are ordered.
    """

    PURGE = """
        local p = ARGV[1]
        local seq = redis.call('INCR', p .. 'seq')
        redis.call('SET', p .. 'purged_at', ARGV[3])
        for i = 4, #ARGV do
            local surrogate = ARGV[i]
            redis.call('SET', p .. 'ks:' .. surrogate, seq, 'EX', tonumber(ARGV[2]))
            redis.call('ZADD', p .. 'log', seq, seq .. ' ' .. surrogate)
            local members = redis.call('SMEMBERS', p .. 'k:' .. surrogate)
            for _, cache_key in ipairs(members) do
                local entry = p .. 'e:' .. cache_key
                if redis.call('EXISTS', entry) == 1 then
                    redis.call('HSET', entry, 's', 1)
                end
            end
            -- The marked entries re-add themselves when they are rendered again.
            redis.call('DEL', p .. 'k:' .. surrogate)
        end
        redis.call('ZREMRANGEBYRANK', p .. 'log', 0, -100001)
        return seq
    """
    PUT = """
        local p, cache_key, data, seq, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]),
            tonumber(ARGV[5])
        local stale = 0
        for i = 6, #ARGV do
            local purged = redis.call('GET', p .. 'ks:' .. ARGV[i])
            if purged and tonumber(purged) > seq then stale = 1 end
        end
        local entry = p .. 'e:' .. cache_key
        redis.call('DEL', entry)
        redis.call('HSET', entry, 'd', data, 's', stale)
        redis.call('EXPIRE', entry, ttl)
        for i = 6, #ARGV do
            local set = p .. 'k:' .. ARGV[i]
            redis.call('SADD', set, cache_key)
            if redis.call('TTL', set) < ttl then redis.call('EXPIRE', set, ttl) end
        end
        return 1 - stale
    """
    RELEASE = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
    """

    def __init__(self, url, prefix):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.errors = (redis.RedisError,)
        self.prefix = prefix
        self.purge_script = self.redis.register_script(self.PURGE)
        self.put_script = self.redis.register_script(self.PUT)
        self.release_script = self.redis.register_script(self.RELEASE)
        self.lock_tokens = threading.local()

    def get(self, cache_key):
        data, stale = self.redis.hmget(self.prefix + "e:" + cache_key, "d", "s")
        if data is None:
            return None
        return data, stale == b"1"

    def put(self, cache_key, data, surrogates, seq, expires_at):
        ttl = max(1, int(expires_at - time.time()))
        surrogates = sorted(set(surrogates) - {EVERYTHING})
        # A purge of everything is looked up like any key, but no set lists every entry.
        fresh = self.put_script(
            args=[self.prefix, cache_key, data, seq, ttl, EVERYTHING, *surrogates]
        )
        return bool(fresh)

    def purge(self, surrogates):
        surrogates = sorted(set(surrogates))
        seq = self.purge_script(args=[self.prefix, PURGE_LOG_SECONDS, time.time(), *surrogates])
        if EVERYTHING in surrogates:
            self.mark_all_stale()
        return int(seq)

    def mark_all_stale(self):
        """Purging everything walks every entry once (rare: outlet settings, a full reload)."""
        pipe = self.redis.pipeline(transaction=False)
        for name in self.redis.scan_iter(match=self.prefix + "e:*", count=1000):
            pipe.hset(name, "s", 1)
        pipe.execute()

    def current_seq(self):
        return int(self.redis.get(self.prefix + "seq") or 0)

    def last_purge_at(self):
        return float(self.redis.get(self.prefix + "purged_at") or 0)

    def purges_since(self, seq):
        rows = self.redis.zrangebyscore(self.prefix + "log", f"({seq}", "+inf")
        if not rows:
            return seq, []
        parsed = [row.decode().split(" ", 1) for row in rows]
        first = int(parsed[0][0])
        if seq and first > seq + 1:
            return int(parsed[-1][0]), None
        return int(parsed[-1][0]), [surrogate for _, surrogate in parsed]

    def acquire(self, cache_key, seconds):
        token = str(time.time_ns())
        taken = self.redis.set(
            self.prefix + "lock:" + cache_key, token, nx=True, px=int(seconds * 1000)
        )
        if taken:
            self.lock_tokens.__dict__[cache_key] = token
        return bool(taken)

    def release(self, cache_key):
        token = self.lock_tokens.__dict__.pop(cache_key, None)
        if token:
            self.release_script(keys=[self.prefix + "lock:" + cache_key], args=[token])

    def add_stats(self, counts):
        pipe = self.redis.pipeline(transaction=False)
        for name, value in counts.items():
            pipe.hincrby(self.prefix + "stats", name, value)
        pipe.execute()

    def stats(self):
        stats = {
            name.decode(): int(value)
            for name, value in self.redis.hgetall(self.prefix + "stats").items()
        }
        stats["entries"] = sum(
            1 for _ in self.redis.scan_iter(match=self.prefix + "e:*", count=1000)
        )
        return stats

    def trim(self, max_entries):
        """Redis expires entries by itself (and evicts by its own maxmemory policy)."""

    def clear(self):
        for name in self.redis.scan_iter(match=self.prefix + "*", count=1000):
            if not name.endswith((b"seq", b"log", b"purged_at")):
                self.redis.delete(name)
        self.purge([EVERYTHING])


def store_from_url(url, prefix="newsdesk:pagecache:"):
    """SQLiteStore for sqlite:///path, RedisStore for redis:// and rediss:// URLs.

    `prefix` keeps the keys of one site apart from others sharing the Redis database.
    """
    if url.startswith("sqlite:///"):
        return SQLiteStore(url.removeprefix("sqlite://"))
    if url.startswith(("redis://", "rediss://")):
        return RedisStore(url, prefix)
    raise ValueError(f"page cache store {url!r}: use sqlite:///path or redis://host:port/db")
