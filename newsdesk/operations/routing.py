"""Readers read the replica; editors, writes and anything just written read the primary.

With DATABASE_REPLICA_URL set, the database alias `replica` is a PostgreSQL streaming
replica. Only a reader's request may read it: an anonymous GET or HEAD of a public page
(no session cookie, no Authorization header, outside the admin, the view counter and the
other paths the page cache leaves alone). Everything else reads the primary: editors and
the admin (so an editor never misses their own change), the view counter, management
commands and the worker, any read inside a transaction, and every read after a write in
the same request.

A replica is behind the primary by its replay lag, and a page rendered from it just after
a publish would show the old article, and then be kept by the page cache and Varnish until
the next purge. So a reader's request reads the replica only when

- this process's last look at the replica (at most REPLICA_CHECK_SECONDS old) found it
  streaming from the primary and at most NEWSDESK_REPLICA_MAX_LAG_SECONDS behind, and
- no purge was made in the last NEWSDESK_REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS
  (the page cache's purge log says when the last one was): what a purge renews is rendered
  from the primary until any replica still in use must have replayed the change.

A replica that fails in the middle of a request (stopped, unreachable) is given up for
this process until the next check, and the request is answered again from the primary.
"""

import contextvars
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connections

from newsdesk.pagecache.cache import page_cache

PRIMARY = "default"
REPLICA = "replica"
# How often each process asks the replica how far behind it is.
REPLICA_CHECK_SECONDS = 1.0

logger = logging.getLogger(__name__)

# What the replica reports: whether it streams from the primary, and its replay lag in
# seconds (0 when it has replayed all it received). The receiver's status needs the
# pg_read_all_stats role (pg_monitor); without it the replica is never trusted.
LAG_QUERY = """
    SELECT
        coalesce((SELECT status = 'streaming' FROM pg_stat_wal_receiver), false)
            OR NOT pg_is_in_recovery(),
        CASE WHEN NOT pg_is_in_recovery()
                  OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
             ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 1e9)
        END
"""


def replica_configured():
    return REPLICA in settings.DATABASES


class ReplicaHealth:
    """What this process last learned of the replica; asked again every check interval."""

    def __init__(self):
        self.lock = threading.Lock()
        self.checked_at = float("-inf")
        self.usable = False
        self.lag = None
        self.problem = "not checked yet"

    def usable_now(self):
        """True when readers may read the replica (one thread checks when a check is due)."""
        now = time.monotonic()
        if now - self.checked_at >= REPLICA_CHECK_SECONDS and self.lock.acquire(blocking=False):
            try:
                self.check(now)
            finally:
                self.lock.release()
        return self.usable

    def check(self, now=None):
        """Ask the replica whether it streams and how far behind it is; returns a summary."""
        self.checked_at = time.monotonic() if now is None else now
        try:
            with connections[REPLICA].cursor() as cursor:
                cursor.execute(LAG_QUERY)
                streaming, lag = cursor.fetchone()
        except DatabaseError as error:
            connections[REPLICA].close()
            self.given_up(f"unreachable: {error}".strip())
            return self.summary()
        self.lag = float(lag)
        max_lag = settings.NEWSDESK_REPLICA_MAX_LAG_SECONDS
        if not streaming:
            self.given_up("not streaming from the primary")
        elif self.lag > max_lag:
            self.given_up(f"{self.lag:.1f} s behind the primary (at most {max_lag} s allowed)")
        else:
            if not self.usable:
                logger.info("replica in use again (%.2f s behind)", self.lag)
            self.usable, self.problem = True, None
        return self.summary()

    def given_up(self, problem):
        """Readers go to the primary until a later check finds the replica fit again."""
        if self.usable or problem != self.problem:
            logger.warning("replica not used: %s", problem)
        self.usable, self.problem = False, problem

    def failed(self, error):
        """A reader's query failed on the replica: give it up until the next check."""
        connections[REPLICA].close()
        self.checked_at = time.monotonic()
        self.given_up(f"a query failed: {error}".strip())

    def summary(self):
        return {"usable": self.usable, "lag_seconds": self.lag, "problem": self.problem}


replica_health = ReplicaHealth()


def fresh_window_seconds():
    """How long after a purge renders read the primary (see the module's docstring)."""
    return settings.NEWSDESK_REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS


class ReaderRequest:
    """One reader's request: reads the replica or the primary, decided at its first read."""

    def __init__(self):
        self.alias = None
        self.error = None

    def read_alias(self):
        if self.alias is None:
            self.alias = PRIMARY
            if (
                replica_health.usable_now()
                and time.time() - page_cache().last_purge_at() > fresh_window_seconds()
            ):
                self.alias = REPLICA
        return self.alias

    def wrote(self):
        """Anything read after a write in this request reads the primary."""
        self.alias = PRIMARY


_reader_request = contextvars.ContextVar("newsdesk_reader_request", default=None)


class ReplicaRouter:
    """Django's database router for a primary (`default`) and a read replica (`replica`)."""

    def db_for_read(self, model, **hints):
        request = _reader_request.get()
        if request is None or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return request.read_alias()

    def db_for_write(self, model, **hints):
        request = _reader_request.get()
        if request is not None:
            request.wrote()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


def is_reader_request(request):
    """True for an anonymous GET or HEAD of a public page (what the page cache serves)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(tuple(settings.NEWSDESK_PAGE_CACHE_BYPASS_PREFIXES))
    )


class ReplicaRoutingMiddleware:
    """First in Django's middleware: marks a reader's request so the router may send its
    reads to the replica, and answers it again from the primary if the replica failed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = replica_configured()

    def __call__(self, request):
        if not self.enabled or not is_reader_request(request):
            return self.get_response(request)
        reader = ReaderRequest()
        token = _reader_request.set(reader)
        try:
            response = self.get_response(request)
            if reader.alias == REPLICA and connections[REPLICA].errors_occurred:
                # The replica went away during the request: a GET may simply be run again.
                replica_health.failed("during a reader's request")
                reader.alias = PRIMARY
                response = self.get_response(request)
            return response
        finally:
            _reader_request.reset(token)
