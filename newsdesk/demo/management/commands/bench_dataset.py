"""manage.py bench_dataset: a freshly migrated database filled with up to a million articles."""

import time

from django.core.management.base import BaseCommand, CommandError

from newsdesk.demo.bulk import bench_dataset_fill
from newsdesk.demo.content import DEFAULT_SEED, MAX_ARTICLES


class Command(BaseCommand):
    help = (
        "Fill a freshly migrated database with --size published articles across the editions "
        "(the demo's outlet, sections, people, tags and pictures) for load benchmarks, written "
        "with bulk SQL instead of page saves. Wagtail's search index and reference index are "
        "not filled: site search and the admin's usage counts miss these stories until a "
        "reindex. Does nothing when the database already holds --size articles; refuses a "
        "database holding fewer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            type=int,
            default=MAX_ARTICLES,
            help=f"How many articles to write (1 to {MAX_ARTICLES:,}; default {MAX_ARTICLES:,}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Random seed; the same seed writes the same stories.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, size, seed, no_progress, **options):
        started = time.monotonic()
        try:
            result = bench_dataset_fill(size, seed=seed, show_progress=not no_progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not result.created:
            self.stdout.write(
                f"Nothing to do: the database already holds {result.total:,} articles "
                f"(asked for {size:,})."
            )
            return
        if result.unplanned_columns:
            self.stderr.write(
                self.style.WARNING(
                    "Filled with their model default, unknown to newsdesk/demo/bulk.py: "
                    + ", ".join(result.unplanned_columns)
                )
            )
        seconds = time.monotonic() - started
        editions = ", ".join(f"{code} {count:,}" for code, count in result.per_edition.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.created:,} articles ({editions}; "
                f"{result.translations:,} translations) in {seconds:.1f}s: "
                f"{result.created / seconds:,.0f} articles/s."
            )
        )
