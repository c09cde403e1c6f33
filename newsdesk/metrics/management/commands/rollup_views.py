"""manage.py rollup_views: sum the hourly view tallies into daily rows for the charts."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from newsdesk.metrics.daily import daily_views_rollup, utc_day

MAX_DAYS = 3660


class Command(BaseCommand):
    help = (
        "Rewrite the daily view rows of the last --days days (UTC) from the hourly tallies. "
        "`manage.py serve` does today and yesterday every few minutes; run this once to "
        "fill the charts for older days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2, help="How many days back (default 2).")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, days, no_progress, **options):
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_DAYS}, not {days}")
        today = utc_day(timezone.now())
        rows = 0
        for offset in tqdm(range(days - 1, -1, -1), desc="Days", disable=no_progress):
            rows += daily_views_rollup(today - timedelta(days=offset))
        self.stdout.write(f"Rolled up {days} day{'s' if days != 1 else ''}: {rows:,} rows.")
