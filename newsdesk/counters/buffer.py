"""Counting things readers do (an ad seen, an ad clicked) without a database write each time.

The pattern of the view counter (newsdesk/metrics/buffer.py, written for views alone and
tuned for them): a count goes to a buffer shared by the app processes (Redis, or a SQLite
file of its own on the embedded default) and `counts_flush` moves what piled up into the
database, exactly once per batch. This module is the same pattern for any named counter
whose keys are short strings, so apps that must not import each other (ads, metrics) can
count the same way. A flush takes what is pending as a named batch, lets the counter's
owner write it in a transaction that also records the batch's name (CounterFlush), and
only then forgets the batch; a flush that died midway is finished by the next one.
"""

import logging
import sqlite3
import uuid
from datetime import timedelta
from functools import cache

import redis.exceptions
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from newsdesk.counters.models import CounterFlush
from newsdesk.pagecache.shared import SQLiteFile

FLUSH_RECORD_DAYS = 2
# What a buffer raises when it cannot be reached or written (Redis down, a locked file).
BUFFER_ERRORS = (redis.exceptions.RedisError, sqlite3.Error)

logger = logging.getLogger(__name__)


class SQLiteCounterBuffer(SQLiteFile):
    """The buffer as a SQLite file beside the database, shared by the app processes."""

    SCHEMA = """
        CREATE TABLE IF NOT EXISTS pending (
            counter TEXT NOT NULL, key TEXT NOT NULL, amount INTEGER NOT NULL,
            PRIMARY KEY (counter, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS batch (
            batch TEXT NOT NULL, counter TEXT NOT NULL, key TEXT NOT NULL,
            amount INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS batch_name ON batch (batch);
    """

    def __init__(self, path):
        super().__init__(path)
        self.connection().executescript(self.SCHEMA)

    def write(self, *statements):
        """Run (sql, parameters) statements in one IMMEDIATE transaction."""
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            results = [connection.execute(sql, parameters) for sql, parameters in statements]
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return results

    def add(self, counter, key, amount=1):
        self.write(
            (
                "INSERT INTO pending (counter, key, amount) VALUES (?, ?, ?) "
                "ON CONFLICT (counter, key) DO UPDATE SET amount = amount + excluded.amount",
                (counter, key, amount),
            )
        )

    def pending(self, counter):
        """{key: amount} waiting for the next flush (for tests and reports)."""
        rows = self.connection().execute(
            "SELECT key, amount FROM pending WHERE counter = ?", (counter,)
        )
        return dict(rows.fetchall())

    def take(self, counter, batch):
        """Move the counter's pending counts into batch `batch`; False when there were none."""
        moved, _deleted = self.write(
            (
                "INSERT INTO batch SELECT ?, counter, key, amount FROM pending WHERE counter = ?",
                (batch, counter),
            ),
            ("DELETE FROM pending WHERE counter = ?", (counter,)),
        )
        return moved.rowcount > 0

    def batches(self, counter):
        rows = self.connection().execute(
            "SELECT DISTINCT batch FROM batch WHERE counter = ?", (counter,)
        )
        return [row[0] for row in rows.fetchall()]

    def read(self, batch):
        rows = self.connection().execute("SELECT key, amount FROM batch WHERE batch = ?", (batch,))
        return rows.fetchall()

    def forget(self, counter, batch):
        self.write(("DELETE FROM batch WHERE batch = ?", (batch,)))

    def clear(self):
        self.write(("DELETE FROM pending", ()), ("DELETE FROM batch", ()))


class RedisCounterBuffer:
    """The buffer in Redis, for several app machines; the same contract as the SQLite one."""

    TAKE = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('RENAME', KEYS[1], KEYS[2])
        redis.call('SADD', KEYS[3], ARGV[1])
        return 1
    """

    def __init__(self, url, prefix):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.prefix = prefix
        self.take_script = self.redis.register_script(self.TAKE)

    def pending_key(self, counter):
        return f"{self.prefix}{counter}:pending"

    def batches_key(self, counter):
        return f"{self.prefix}{counter}:batches"

    def batch_key(self, batch):
        return f"{self.prefix}batch:{batch}"

    def add(self, counter, key, amount=1):
        self.redis.hincrby(self.pending_key(counter), key, amount)

    def pending(self, counter):
        values = self.redis.hgetall(self.pending_key(counter))
        return {key.decode(): int(amount) for key, amount in values.items()}

    def take(self, counter, batch):
        keys = [self.pending_key(counter), self.batch_key(batch), self.batches_key(counter)]
        return bool(self.take_script(keys=keys, args=[batch]))

    def batches(self, counter):
        return [name.decode() for name in self.redis.smembers(self.batches_key(counter))]

    def read(self, batch):
        values = self.redis.hgetall(self.batch_key(batch))
        return [(key.decode(), int(amount)) for key, amount in values.items()]

    def forget(self, counter, batch):
        pipe = self.redis.pipeline()
        pipe.delete(self.batch_key(batch))
        pipe.srem(self.batches_key(counter), batch)
        pipe.execute()

    def clear(self):
        names = list(self.redis.scan_iter(f"{self.prefix}*"))
        if names:
            self.redis.delete(*names)


def buffer_at(setting, sqlite_buffer, redis_buffer, prefix):
    """The buffer the URL in settings.<setting> names: a SQLite file or a Redis database."""
    url = getattr(settings, setting)
    if url.startswith("sqlite:///"):
        return sqlite_buffer(url.removeprefix("sqlite://"))
    if url.startswith(("redis://", "rediss://")):
        return redis_buffer(url, prefix)
    raise ValueError(f"{setting} {url!r}: use sqlite:///path or redis://host/db")


@cache
def counter_buffer():
    """This process's counter buffer, from NEWSDESK_COUNTER_BUFFER."""
    return buffer_at(
        "NEWSDESK_COUNTER_BUFFER",
        SQLiteCounterBuffer,
        RedisCounterBuffer,
        settings.NEWSDESK_COUNTER_BUFFER_PREFIX,
    )


def count(counter, key, apply, amount=1):
    """Add `amount` to `key` of `counter` (written to the database at the next flush).

    When the buffer cannot take it (Redis is down), `apply([(key, amount)])` writes it to
    the database at once, as a flush would: the reader's request still succeeds and no count
    is lost. The buffer is tried again on the next count.
    """
    try:
        counter_buffer().add(counter, key, amount)
    except BUFFER_ERRORS as error:
        logger.warning("counter buffer unavailable (%s): writing %s directly", error, counter)
        with transaction.atomic():
            apply([(key, amount)])


def counts_flush(counter, apply):
    """Hand every pending batch of `counter` to `apply(rows)`, exactly once each.

    `apply` gets [(key, amount)] inside a transaction and writes them; returns the total
    of the amounts written. Batches an earlier flush took but did not forget go first.
    """
    buffer = counter_buffer()
    written = sum(batch_apply(buffer, counter, batch, apply) for batch in buffer.batches(counter))
    batch = uuid.uuid4().hex
    if buffer.take(counter, batch):
        written += batch_apply(buffer, counter, batch, apply)
    return written


def batch_apply(buffer, counter, batch, apply):
    rows = buffer.read(batch)
    total = 0
    with transaction.atomic():
        if not CounterFlush.objects.filter(batch=batch).exists():
            apply(rows)
            total = sum(amount for _key, amount in rows)
            CounterFlush.objects.create(batch=batch, counter=counter, total=total)
            CounterFlush.objects.filter(
                flushed_at__lt=timezone.now() - timedelta(days=FLUSH_RECORD_DAYS)
            ).delete()
    buffer.forget(counter, batch)
    return total
