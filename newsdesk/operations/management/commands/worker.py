"""manage.py worker: the background worker of a production deployment."""

import signal

from django.core.management.base import BaseCommand

from newsdesk.operations.jobs import (
    Background,
    TaskRunner,
    background_arguments,
    last_flush,
    queued_tasks_enabled,
    timed_jobs,
)
from newsdesk.operations.metrics import metrics_serve


class Command(BaseCommand):
    help = (
        "Run the background work: tasks queued in the database (TASKS_BACKEND=database: "
        "search index updates, Wagtail's reference index, ...), scheduled publishing every "
        "minute and buffered views every second. Run one or more, on any machine; "
        "`manage.py serve --background none` then leaves this work to them."
    )

    def add_arguments(self, parser):
        background_arguments(parser)
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at the task queue when it is empty.",
        )

    def handle(self, *args, **options):
        if options["metrics_port"]:
            metrics_serve(options["metrics_port"])
        jobs = timed_jobs(options["publish_every"], options["flush_views_every"])
        background = Background(jobs, run_tasks=False).start()
        stopped = []

        def stop(signum, frame):
            stopped.append(signum)
            if tasks is not None:
                tasks.stop()
            else:
                background.stopping.set()

        tasks = TaskRunner(interval=options["interval"]) if queued_tasks_enabled() else None
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(
            "Worker running: timed jobs"
            + (", queued tasks" if tasks is not None else " (tasks run where they are enqueued)")
        )
        try:
            if tasks is not None:
                # A task under way is finished before the worker stops.
                tasks.run()
            else:
                background.stopping.wait()
        finally:
            background.stop()
            last_flush()
