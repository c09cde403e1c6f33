"""manage.py backup: the database and its media in one tar file (see operations/backup.py)."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsdesk.operations.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's online backup) and every media file it "
        "names into one tar file, consistent with each other, while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="The .tar file to write (default: var/backups/newsdesk-<UTC time>.tar).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, **options):
        output = options["output"]
        if output is None:
            folder = settings.VAR_DIR / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            output = folder / f"newsdesk-{datetime.now(UTC):%Y%m%d-%H%M%S}.tar"
        try:
            manifest = backup_create(
                output, show_progress=not options["no_progress"], log=self.stdout.write
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        counts = manifest["counts"]
        self.stdout.write(
            f"Backed up to {output}: {counts['articles']} articles, {counts['revisions']} "
            f"revisions, {counts['images']} images, {len(manifest['media'])} media files, "
            f"{counts['article_views']} views."
        )
        if manifest["missing_media"]:
            self.stderr.write(
                f"Warning: {len(manifest['missing_media'])} files the database names were not "
                f"in the media store: {', '.join(manifest['missing_media'][:5])}"
            )
