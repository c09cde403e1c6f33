"""Serve the site with granian, and beside it write buffered views and publish on schedule."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from newsdesk.operations.jobs import Background, background_arguments, last_flush, timed_jobs
from newsdesk.operations.metrics import metrics_serve


class Command(BaseCommand):
    help = (
        "Serve newsdesk with granian (static files by whitenoise, media straight from disk), "
        "write buffered article views to the database every second and publish scheduled "
        "pages every minute (unless --background none leaves that to `manage.py worker`)."
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
            "--background",
            choices=["embedded", "none"],
            default=os.environ.get("NEWSDESK_BACKGROUND", "embedded"),
            help="embedded: run the timed jobs (and queued tasks) here; none: a "
            "`manage.py worker` runs them.",
        )
        background_arguments(parser)

    def granian_command(self, options):
        command = [
            sys.executable, "-m", "granian",
            "--interface", "wsgi",
            "--host", options["host"],
            "--port", str(options["port"]),
            "--workers", str(options["workers"]),
            "--blocking-threads", str(options["threads"]),
            "--respawn-failed-workers",
            "--no-access-log",
        ]  # fmt: skip
        if settings.MEDIA_STORAGE == "filesystem":
            command += [
                "--static-path-route", settings.MEDIA_URL.rstrip("/"),
                "--static-path-mount", str(settings.MEDIA_ROOT),
                "--static-path-expires", "30d",
            ]  # fmt: skip
        if settings.LOG_FORMAT == "json":
            command += ["--log-config", str(self.granian_log_config())]
        return [*command, "newsdesk.wsgi:application"]

    def granian_log_config(self):
        """granian's own lines (start, workers, errors) as JSON too, like ours."""
        path = settings.VAR_DIR / "granian-log.json"
        handler = {"class": "logging.StreamHandler", "formatter": "json", "filters": ["id"]}
        config = {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"id": {"()": "newsdesk.operations.logs.RequestIdFilter"}},
            "formatters": {"json": {"()": "newsdesk.operations.logs.JsonFormatter"}},
            "handlers": {"console": handler},
            "loggers": {
                "_granian": {"handlers": ["console"], "level": "INFO", "propagate": False},
                "granian.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
            },
        }
        path.write_text(json.dumps(config))
        return path

    def metrics_folder(self, options):
        """An empty folder where the workers keep their counters (prometheus_client's
        multiprocess mode): the workers are separate processes, /metrics adds them up."""
        folder = settings.VAR_DIR / "metrics" / f"serve-{options['port']}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return folder

    def handle(self, *args, **options):
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        if options["metrics_port"]:
            env["PROMETHEUS_MULTIPROC_DIR"] = str(self.metrics_folder(options))
            metrics_serve(options["metrics_port"], env["PROMETHEUS_MULTIPROC_DIR"])
        server = subprocess.Popen(self.granian_command(options), env=env)

        def stop(signum, frame):
            server.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        background = None
        if options["background"] == "embedded":
            jobs = timed_jobs(options["publish_every"], options["flush_views_every"])
            background = Background(jobs, run_tasks=True).start()
        try:
            while server.poll() is None:
                time.sleep(0.1)
        finally:
            if server.poll() is None:
                server.terminate()
            server.wait(timeout=30)
            if background is not None:
                background.stop()
                # Views the workers acknowledged before they stopped.
                last_flush()
        if server.returncode not in (0, -signal.SIGTERM, -signal.SIGINT):
            raise SystemExit(server.returncode)
