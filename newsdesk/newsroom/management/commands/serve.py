"""Serve the site with granian, and beside it write buffered views and publish on schedule."""

import logging
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsdesk.articles.models import due_articles_announce
from newsdesk.metrics.flush import views_flush

logger = logging.getLogger(__name__)


class Timer:
    """Runs `action` every `seconds` (never when 0); an error is logged and tried next time."""

    def __init__(self, seconds, action):
        self.seconds = seconds
        self.action = action
        self.next_run = time.monotonic()

    def run_when_due(self):
        if not self.seconds or time.monotonic() < self.next_run:
            return
        self.next_run = time.monotonic() + self.seconds
        try:
            self.action()
        except Exception:
            # A database that is briefly away must not stop the server; the next run retries.
            logger.exception("%s failed", getattr(self.action, "__name__", "a timer"))


class ScheduledPublishing:
    """Wagtail's publish_scheduled, then the articles whose publication time has come."""

    __name__ = "scheduled publishing"

    def __init__(self):
        self.last_run = timezone.now()

    def __call__(self):
        call_command("publish_scheduled", verbosity=0)
        now = timezone.now()
        due_articles_announce(self.last_run, now)
        self.last_run = now


class Command(BaseCommand):
    help = (
        "Serve newsdesk with granian (static files by whitenoise, media straight from disk), "
        "write buffered article views to the database every second and publish scheduled "
        "pages every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "4")),
            help="Blocking threads per worker (each serves one request at a time).",
        )
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
            help="Seconds between writes of buffered views to the database.",
        )

    def granian_command(self, options):
        return [
            sys.executable, "-m", "granian",
            "--interface", "wsgi",
            "--host", options["host"],
            "--port", str(options["port"]),
            "--workers", str(options["workers"]),
            "--blocking-threads", str(options["threads"]),
            "--respawn-failed-workers",
            "--static-path-route", settings.MEDIA_URL.rstrip("/"),
            "--static-path-mount", str(settings.MEDIA_ROOT),
            "--static-path-expires", "30d",
            "--no-access-log",
            "newsdesk.wsgi:application",
        ]  # fmt: skip

    def handle(self, *args, **options):
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        server = subprocess.Popen(self.granian_command(options))

        def stop(signum, frame):
            server.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        timers = [
            Timer(options["publish_every"], ScheduledPublishing()),
            Timer(options["flush_views_every"], views_flush),
        ]
        try:
            while server.poll() is None:
                for timer in timers:
                    timer.run_when_due()
                time.sleep(0.1)
        finally:
            if server.poll() is None:
                server.terminate()
            server.wait(timeout=30)
            # Views the workers acknowledged before they stopped.
            views_flush()
        if server.returncode not in (0, -signal.SIGTERM, -signal.SIGINT):
            raise SystemExit(server.returncode)
