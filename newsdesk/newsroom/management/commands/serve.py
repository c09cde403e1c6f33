"""Serve the site with granian and run scheduled publishing beside it."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve newsdesk with granian (static files by whitenoise, media straight from disk) "
        "and publish scheduled pages every minute."
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
        every = options["publish_every"]
        next_run = time.monotonic()
        try:
            while server.poll() is None:
                if every and time.monotonic() >= next_run:
                    call_command("publish_scheduled", verbosity=0)
                    next_run = time.monotonic() + every
                time.sleep(0.5)
        finally:
            if server.poll() is None:
                server.terminate()
            server.wait(timeout=30)
        if server.returncode not in (0, -signal.SIGTERM, -signal.SIGINT):
            raise SystemExit(server.returncode)
