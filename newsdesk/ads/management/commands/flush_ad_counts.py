"""manage.py flush_ad_counts: write the buffered ad impressions and clicks to the database now."""

from django.core.management.base import BaseCommand

from newsdesk.ads.counting import ad_counts_flush


class Command(BaseCommand):
    help = (
        "Write the ad impressions and clicks waiting in the counter buffer to the daily "
        "statistics. `manage.py serve` does this every second; run it from a timer when the "
        "app is served some other way."
    )

    def handle(self, *args, **options):
        written = ad_counts_flush()
        self.stdout.write(f"Wrote {written:,} ad event{'s' if written != 1 else ''}.")
