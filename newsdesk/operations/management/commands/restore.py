"""manage.py restore: put a backup's database and media back (see operations/backup.py)."""

from django.core.management.base import BaseCommand, CommandError

from newsdesk.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: every checksum is checked first, then "
        "the database is replaced in one step and the media files put back. Stop the site "
        "(and the worker) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The .tar file `manage.py backup` wrote.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds articles.",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, **options):
        try:
            counts = backup_restore(
                options["backup"],
                force=options["force"],
                show_progress=not options["no_progress"],
                log=self.stdout.write,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {counts['articles']} articles, {counts['revisions']} revisions, "
            f"{counts['images']} images and {counts['article_views']} views; "
            "every count matches the backup's."
        )
