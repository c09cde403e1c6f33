"""Where counted views wait to be written to the database: Redis, or a local SQLite file.

Writing each view to the articles table makes every reader wait for the one database
writer; at thousands of views a second that queue is the limit. So a view is added to a
buffer (one Redis call, or one short transaction on a small file of its own) that also
keeps each article's running total, and `flush.views_flush` moves what piled up into the
database every second or so. Both buffers survive the app process being killed: Redis
lives elsewhere, the SQLite file is committed before the reader gets an answer.

A flush takes what is pending as a named batch, writes it to the database together with
the batch's name (ViewFlush), and only then forgets the batch: a flush that dies midway is
finished by the next one, and never counted twice.

When the buffer cannot be reached (Redis is down, the disk is full) a view is written to
the database directly instead (counting.py), one short transaction each: slower, never lost.
"""

import fcntl
import sqlite3
import threading
from contextlib import contextmanager
from functools import cache

from django.conf import settings

from newsdesk.counters.buffer import buffer_at
from newsdesk.pagecache.shared import SQLiteFile


class SQLiteViewBuffer(SQLiteFile):
    """The buffer as a SQLite file beside the database, shared by the app processes.

    Writers take an exclusive file lock before the transaction, so processes queue on the
    lock (woken as soon as it is free) instead of SQLite's busy handler, which sleeps.
    """

    SCHEMA = """
        CREATE TABLE IF NOT EXISTS total (article_id INTEGER PRIMARY KEY, views INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS pending (
            article_id INTEGER NOT NULL, locale_id INTEGER NOT NULL, hour INTEGER NOT NULL,
            views INTEGER NOT NULL, PRIMARY KEY (article_id, hour)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS batch (
            batch TEXT NOT NULL, article_id INTEGER NOT NULL, locale_id INTEGER NOT NULL,
            hour INTEGER NOT NULL, views INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS batch_name ON batch (batch);
    """

    # What a failing buffer raises: the view is then written to the database directly.
    errors = (sqlite3.Error, OSError)

    def __init__(self, path):
        super().__init__(path)
        self.lock_path = self.path.with_suffix(".lock")
        self.thread_lock = threading.Lock()
        with self.locked():
            self.connection().executescript(self.SCHEMA)

    @contextmanager
    def locked(self):
        """The file lock, held by this thread alone."""
        with self.thread_lock:
            lock_file = getattr(self.local, "lock_file", None)
            if lock_file is None:
                lock_file = self.local.lock_file = open(self.lock_path, "a")  # noqa: SIM115
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    @contextmanager
    def writing(self):
        """One write transaction under the file lock."""
        with self.locked():
            connection = self.connection()
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def add(self, article_id, locale_id, hour, seed):
        """Count one view; returns the article's new total (starting from `seed`, the stored
        count, when the buffer has not seen the article)."""
        with self.writing() as connection:
            total = connection.execute(
                "UPDATE total SET views = views + 1 WHERE article_id = ? RETURNING views",
                (article_id,),
            ).fetchone()
            if total is None:
                connection.execute(
                    "INSERT INTO total (article_id, views) VALUES (?, ?)", (article_id, seed + 1)
                )
                total = (seed + 1,)
            connection.execute(
                "INSERT INTO pending (article_id, locale_id, hour, views) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (article_id, hour) DO UPDATE SET views = views + 1",
                (article_id, locale_id, hour),
            )
            return total[0]

    def totals_add(self, totals):
        """Add views written around the buffer to the running totals it already keeps."""
        with self.writing() as connection:
            connection.executemany(
                "UPDATE total SET views = views + ? WHERE article_id = ?",
                [(views, article_id) for article_id, views in totals.items()],
            )

    def total(self, article_id):
        row = (
            self.connection()
            .execute("SELECT views FROM total WHERE article_id = ?", (article_id,))
            .fetchone()
        )
        return row[0] if row else None

    def pending_views(self):
        """How many views wait for the next flush (for metrics and tests)."""
        row = self.connection().execute("SELECT coalesce(sum(views), 0) FROM pending").fetchone()
        return row[0]

    def take(self, batch):
        """Move everything pending into a batch named `batch`; False when nothing was pending."""
        with self.writing() as connection:
            moved = connection.execute(
                "INSERT INTO batch SELECT ?, article_id, locale_id, hour, views FROM pending",
                (batch,),
            ).rowcount
            connection.execute("DELETE FROM pending")
        return moved > 0

    def batches(self):
        """Names of batches taken but not yet forgotten (a flush that did not finish)."""
        rows = self.connection().execute("SELECT DISTINCT batch FROM batch").fetchall()
        return [row[0] for row in rows]

    def read(self, batch):
        """[(article_id, locale_id, hour, views)] of a batch."""
        return (
            self.connection()
            .execute(
                "SELECT article_id, locale_id, hour, views FROM batch WHERE batch = ?", (batch,)
            )
            .fetchall()
        )

    def forget(self, batch):
        with self.writing() as connection:
            connection.execute("DELETE FROM batch WHERE batch = ?", (batch,))

    def clear(self):
        with self.writing() as connection:
            for table in ("total", "pending", "batch"):
                connection.execute(f"DELETE FROM {table}")


class RedisViewBuffer:
    """The buffer in Redis, for several app machines; the same contract as SQLiteViewBuffer."""

    ADD = """
        redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3])
        redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
        return redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
    """
    TOTALS_ADD = """
        for i = 1, #ARGV, 2 do
            if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 then
                redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
            end
        end
    """
    TAKE = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('RENAME', KEYS[1], KEYS[2])
        redis.call('SADD', KEYS[3], ARGV[1])
        return 1
    """

    def __init__(self, url, prefix):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=1)
        self.errors = (redis.RedisError,)
        self.totals = prefix + "totals"
        self.pending = prefix + "pending"
        self.batch_prefix = prefix + "batch:"
        self.batch_names = prefix + "batches"
        self.add_script = self.redis.register_script(self.ADD)
        self.take_script = self.redis.register_script(self.TAKE)
        self.totals_add_script = self.redis.register_script(self.TOTALS_ADD)

    def add(self, article_id, locale_id, hour, seed):
        return int(
            self.add_script(
                keys=[self.totals, self.pending],
                args=[article_id, f"{article_id}:{locale_id}:{hour}", seed],
            )
        )

    def totals_add(self, totals):
        args = [value for item in totals.items() for value in item]
        self.totals_add_script(keys=[self.totals], args=args)

    def total(self, article_id):
        value = self.redis.hget(self.totals, article_id)
        return int(value) if value is not None else None

    def pending_views(self):
        return sum(int(value) for value in self.redis.hvals(self.pending))

    def take(self, batch):
        return bool(
            self.take_script(
                keys=[self.pending, self.batch_prefix + batch, self.batch_names], args=[batch]
            )
        )

    def batches(self):
        return [name.decode() for name in self.redis.smembers(self.batch_names)]

    def read(self, batch):
        rows = []
        for field, views in self.redis.hgetall(self.batch_prefix + batch).items():
            article_id, locale_id, hour = map(int, field.decode().split(":"))
            rows.append((article_id, locale_id, hour, int(views)))
        return rows

    def forget(self, batch):
        pipe = self.redis.pipeline()
        pipe.delete(self.batch_prefix + batch)
        pipe.srem(self.batch_names, batch)
        pipe.execute()

    def clear(self):
        names = [self.totals, self.pending, self.batch_names]
        names += [self.batch_prefix + batch for batch in self.batches()]
        self.redis.delete(*names)


@cache
def view_buffer():
    """This process's view buffer, from NEWSDESK_VIEW_BUFFER."""
    return buffer_at(
        "NEWSDESK_VIEW_BUFFER",
        SQLiteViewBuffer,
        RedisViewBuffer,
        settings.NEWSDESK_VIEW_BUFFER_PREFIX,
    )
