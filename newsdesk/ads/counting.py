"""Ad impressions and clicks, counted like article views: buffered, then flushed once.

Pages stay cacheable: a small script reports an impression when an ad comes into view
(`POST /ads/<id>/seen/`), and an image ad's link passes through `/ads/<id>/click/`. Both
add to the shared counter buffer (newsdesk.counters), not to the database; `ad_counts_flush`
(every second under `manage.py serve`) adds them to each placement's daily row.
"""

from datetime import UTC, date, datetime

from django.db import connection

from newsdesk.ads.models import ADS_KEY, AdPlacement
from newsdesk.counters.buffer import count, counts_flush
from newsdesk.pagecache.cache import remembered

COUNTER = "ads"
IMPRESSION, CLICK = "i", "c"
ADD_TO_DAY = """
    INSERT INTO ads_addailystats (placement_id, day, impressions, clicks) VALUES (%s, %s, %s, %s)
    ON CONFLICT (placement_id, day) DO UPDATE SET
        impressions = ads_addailystats.impressions + excluded.impressions,
        clicks = ads_addailystats.clicks + excluded.clicks
"""
# Which placements exist is believed this long without asking (the admin purges it sooner).
KNOWN_SECONDS = 60


def known_placements():
    """{placement id: its link} of every active placement, remembered in this process."""
    return remembered(
        "ads:known",
        lambda: dict(AdPlacement.objects.filter(is_active=True).values_list("pk", "link_url")),
        keys=[ADS_KEY],
        seconds=KNOWN_SECONDS,
    )


def today():
    return datetime.now(UTC).date()


def ad_event_record(placement_id, kind):
    """Count an impression or a click of an active placement; False for an unknown one."""
    if placement_id not in known_placements():
        return False
    count(COUNTER, f"{placement_id}:{today().isoformat()}:{kind}", daily_rows_add)
    return True


def ad_counts_flush():
    """Write the buffered impressions and clicks to the daily rows; returns how many."""
    return counts_flush(COUNTER, daily_rows_add)


def daily_rows_add(rows):
    """Add [(key, amount)] to AdDailyStats; events of placements deleted since are dropped."""
    days = {}
    for key, amount in rows:
        placement_id, day, kind = key.split(":")
        totals = days.setdefault((int(placement_id), date.fromisoformat(day)), [0, 0])
        totals[0 if kind == IMPRESSION else 1] += amount
    existing = set(
        AdPlacement.objects.filter(pk__in={pk for pk, _day in days}).values_list("pk", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            ADD_TO_DAY,
            [
                (placement_id, day, impressions, clicks)
                for (placement_id, day), (impressions, clicks) in days.items()
                if placement_id in existing
            ],
        )
