"""manage.py flush_views: write the buffered article views to the database now."""

from django.core.management.base import BaseCommand

from newsdesk.metrics.flush import views_flush


class Command(BaseCommand):
    help = (
        "Write the article views waiting in the view buffer to the database (totals and "
        "hourly tallies). `manage.py serve` does this every second; run it from a timer "
        "when the app is served some other way."
    )

    def handle(self, *args, **options):
        written = views_flush()
        self.stdout.write(f"Wrote {written:,} view{'s' if written != 1 else ''}.")
