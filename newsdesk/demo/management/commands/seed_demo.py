"""manage.py seed_demo: fill the editions with an invented outlet's stories, people and pictures."""

import time

from django.core.management.base import BaseCommand, CommandError

from newsdesk.articles.models import ArticlePage
from newsdesk.demo.content import DEFAULT_SEED, MAX_ARTICLES, demo_content_seed


class Command(BaseCommand):
    help = (
        "Generate demo content in every edition (original text, drawn pictures, linked "
        "translations) until the database holds --articles articles. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            required=True,
            help=f"How many articles the database should hold in all (1 to {MAX_ARTICLES:,}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Random seed; the same seed writes the same stories.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any article exists (what `make run` wants).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, articles, seed, if_empty, no_progress, **options):
        if not 1 <= articles <= MAX_ARTICLES:
            raise CommandError(f"--articles must be between 1 and {MAX_ARTICLES:,}, not {articles}")
        if if_empty and ArticlePage.objects.exists():
            self.stdout.write("Demo content skipped: the database already has articles.")
            return
        started = time.monotonic()
        try:
            result = demo_content_seed(articles, seed=seed, show_progress=not no_progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not result.created:
            self.stdout.write(
                f"Nothing to do: the database already holds {result.total:,} articles "
                f"(asked for {articles:,})."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.created:,} article{'s' if result.created != 1 else ''} "
                f"({result.translations:,} translations) in {time.monotonic() - started:.1f}s; "
                f"the database now holds {result.total:,}."
            )
        )
