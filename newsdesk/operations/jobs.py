"""Background work: timed jobs (scheduled publishing, writing buffered views) and tasks.

On the embedded default `manage.py serve` runs it beside the web server, so one process is
the whole site; tasks (django-tasks: search index updates, Wagtail's reference index) run
at once where they are enqueued. In production (`TASKS_BACKEND=database`) tasks wait in the
database and `manage.py worker` runs them and the timed jobs, on one machine or several:
`serve --background none` then leaves them to it.

A job that must not run twice at once (scheduled publishing) takes a lock first: a
PostgreSQL advisory lock, shared by every machine, or a file lock on the embedded default.
Writing buffered views needs none: each flush takes a batch of its own.
"""

import contextlib
import fcntl
import logging
import threading
import time
import zlib

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils import timezone

from newsdesk.ads.counting import ad_counts_flush
from newsdesk.articles.models import due_articles_announce
from newsdesk.metrics.daily import recent_days_rollup
from newsdesk.metrics.flush import views_flush
from newsdesk.operations.logs import new_request_id, request_id_var

logger = logging.getLogger(__name__)
# The analytics charts' daily rows: minutes of lag are nothing to a 30-day chart.
ROLLUP_SECONDS = 300


@contextlib.contextmanager
def held_alone(name):
    """True inside the block when this process alone holds the lock `name`, else False."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"newsdesk:{name}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            held = cursor.fetchone()[0]
        try:
            yield held
        finally:
            if held:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    path = settings.VAR_DIR / "cache" / f"job-{name}.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


class ScheduledPublishing:
    """Wagtail's publish_scheduled, then the articles whose publication time has come."""

    __name__ = "scheduled publishing"

    def __init__(self):
        self.last_run = timezone.now()

    def __call__(self):
        with held_alone("publish_scheduled") as alone:
            if not alone:
                return
            call_command("publish_scheduled", verbosity=0)
            now = timezone.now()
            due_articles_announce(self.last_run, now)
            self.last_run = now


class Timer:
    """Runs `action` every `seconds` (never when 0); an error is logged and tried next time."""

    def __init__(self, seconds, action):
        self.seconds = seconds
        self.action = action
        self.next_run = time.monotonic()
        self.failing = False

    def run_when_due(self):
        if not self.seconds or time.monotonic() < self.next_run:
            return
        self.next_run = time.monotonic() + self.seconds
        token = request_id_var.set("job-" + new_request_id())
        try:
            self.action()
            if self.failing:
                logger.info("%s works again", self.name)
            self.failing = False
        except Exception:
            # A database or Redis briefly away must not stop the server; the next run retries.
            if not self.failing:
                logger.exception("%s failed; retrying every %s s", self.name, self.seconds)
            self.failing = True
            close_old_connections()
        finally:
            request_id_var.reset(token)

    @property
    def name(self):
        return getattr(self.action, "__name__", "a timer")


def background_arguments(parser):
    """The options `serve` and `worker` share: the timers and the metrics port."""
    parser.add_argument(
        "--publish-every",
        type=int,
        default=60,
        help="Seconds between runs of publish_scheduled; 0 turns the timer off.",
    )
    parser.add_argument(
        "--flush-views-every",
        type=float,
        default=1.0,
        help="Seconds between writes of buffered views (and ad counts) to the database.",
    )
    parser.add_argument(
        "--metrics-port",
        type=int,
        default=settings.NEWSDESK_METRICS_PORT,
        help="Answer Prometheus at http://NEWSDESK_METRICS_ADDRESS:PORT/metrics (0: off).",
    )


def timed_jobs(publish_every=60, flush_views_every=1.0):
    """The jobs run on timers, by `serve` (embedded) or by `worker`."""
    return [
        Timer(publish_every, ScheduledPublishing()),
        Timer(flush_views_every, views_flush),
        Timer(flush_views_every, ad_counts_flush),
        Timer(ROLLUP_SECONDS, recent_days_rollup),
    ]


def last_flush():
    """Views acknowledged before a stop go to the database; Redis or the file keeps them
    otherwise, for the next flush."""
    for flush in (views_flush, ad_counts_flush):
        try:
            flush()
        except Exception:
            logger.exception("the last %s failed; the counts wait in the buffer", flush.__name__)


class TaskRunner:
    """django-tasks-db's worker loop, for tasks queued in the database (TASKS_BACKEND=database)."""

    def __init__(self, interval=1.0, worker_id=None):
        from django.utils.crypto import get_random_string
        from django_tasks_db.management.commands.db_worker import Worker

        self.worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )

    def run(self):
        """Run tasks until `stop` (or, in the main thread, SIGTERM via configure_signals)."""
        self.worker.run()

    def stop(self):
        self.worker.running = False


def queued_tasks_enabled():
    return settings.TASKS_BACKEND == "database"


class Background:
    """The timed jobs in a thread of their own, and the task runner when tasks are queued."""

    def __init__(self, jobs, run_tasks):
        self.jobs = jobs
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run_jobs, name="jobs", daemon=True)]
        self.tasks = TaskRunner() if run_tasks and queued_tasks_enabled() else None
        if self.tasks is not None:
            self.threads.append(threading.Thread(target=self.tasks.run, name="tasks", daemon=True))

    def run_jobs(self):
        while not self.stopping.is_set():
            for job in self.jobs:
                job.run_when_due()
            self.stopping.wait(0.1)

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self, timeout=30):
        self.stopping.set()
        if self.tasks is not None:
            self.tasks.stop()
        for thread in self.threads:
            thread.join(timeout)
