"""The ad desk's report: impressions, clicks and click rate per placement over a period."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Sum

from newsdesk.ads.models import AdDailyStats, AdPlacement

DEFAULT_DAYS = 30
MAX_DAYS = 366


@dataclass
class PlacementFigures:
    placement: AdPlacement
    impressions: int
    clicks: int

    @property
    def click_rate(self):
        """Clicks per hundred impressions, or None before any impression."""
        return 100 * self.clicks / self.impressions if self.impressions else None


def period_of(start, end, today=None):
    """(first day, last day) from ISO dates given by a person, the last 30 days by default.

    Raises ValueError with a readable message for a bad date or period.
    """
    today = today or datetime.now(UTC).date()
    try:
        last = date.fromisoformat(end) if end else today
        first = date.fromisoformat(start) if start else last - timedelta(days=DEFAULT_DAYS - 1)
    except ValueError as error:
        raise ValueError(f"Dates are written YYYY-MM-DD ({error}).") from error
    if first > last:
        raise ValueError("The period must start before it ends.")
    if (last - first).days >= MAX_DAYS:
        raise ValueError(f"Choose a period of at most {MAX_DAYS} days.")
    return first, last


def placement_figures(first, last):
    """Every placement with its totals over the days first..last, most seen first (one query
    over the period's daily rows, plus the placements)."""
    totals = {
        row["placement_id"]: row
        for row in AdDailyStats.objects.filter(day__range=(first, last))
        .values("placement_id")
        .annotate(impressions=Sum("impressions"), clicks=Sum("clicks"))
    }
    figures = [
        PlacementFigures(
            placement,
            totals.get(placement.pk, {}).get("impressions") or 0,
            totals.get(placement.pk, {}).get("clicks") or 0,
        )
        for placement in AdPlacement.objects.order_by("name")
    ]
    return sorted(figures, key=lambda figure: figure.impressions, reverse=True)


def placement_days(placement, first, last):
    """[(day, impressions, clicks)] for every day of the period, zero where nothing was counted."""
    rows = {stats.day: stats for stats in placement.daily_stats.filter(day__range=(first, last))}
    days = []
    day = first
    while day <= last:
        stats = rows.get(day)
        days.append((day, stats.impressions if stats else 0, stats.clicks if stats else 0))
        day += timedelta(days=1)
    return days
