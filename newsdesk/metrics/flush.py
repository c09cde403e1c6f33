"""Moving buffered views into the database: article totals and hourly tallies, exactly once."""

import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.buffer import view_buffer
from newsdesk.metrics.models import ViewFlush

# A batch's name is kept this long: long enough to finish any flush that died midway.
FLUSH_RECORD_DAYS = 2
ADD_TO_TOTAL = "UPDATE articles_articlepage SET view_count = view_count + %s WHERE page_ptr_id = %s"
ADD_TO_TALLY = """
    INSERT INTO metrics_viewtally (article_id, locale_id, hour, views) VALUES (%s, %s, %s, %s)
    ON CONFLICT (article_id, hour) DO UPDATE SET views = metrics_viewtally.views + excluded.views
"""


def views_flush():
    """Write every view waiting in the buffer to the database; returns how many were written.

    Finishes first any batch an earlier flush took but did not forget, then takes what is
    pending now. Safe to run from several processes at once: each takes its own batch.
    """
    buffer = view_buffer()
    written = sum(batch_apply(buffer, batch) for batch in buffer.batches())
    batch = uuid.uuid4().hex
    if buffer.take(batch):
        written += batch_apply(buffer, batch)
    return written


def views_add_directly(article_id, locale_id, hour, views=1):
    """Write views straight to the database (the buffer is away); returns the new total."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(ADD_TO_TOTAL + " RETURNING view_count", [views, article_id])
        row = cursor.fetchone()
        cursor.execute(
            ADD_TO_TALLY, [article_id, locale_id, datetime.fromtimestamp(hour, UTC), views]
        )
    return row[0] if row else None


def batch_apply(buffer, batch):
    """Write one batch, recording its name in the same transaction, then forget it."""
    rows = buffer.read(batch)
    written = 0
    with transaction.atomic():
        if not ViewFlush.objects.filter(batch=batch).exists():
            # Views of an article deleted since are dropped with it.
            existing = set(
                ArticlePage.objects.filter(pk__in={row[0] for row in rows}).values_list(
                    "pk", flat=True
                )
            )
            rows = [row for row in rows if row[0] in existing]
            totals = Counter()
            for article_id, _locale_id, _hour, views in rows:
                totals[article_id] += views
            with connection.cursor() as cursor:
                cursor.executemany(
                    ADD_TO_TOTAL, [(views, article_id) for article_id, views in totals.items()]
                )
                cursor.executemany(
                    ADD_TO_TALLY,
                    [
                        (article_id, locale_id, datetime.fromtimestamp(hour, UTC), views)
                        for article_id, locale_id, hour, views in rows
                    ],
                )
            written = sum(totals.values())
            ViewFlush.objects.create(batch=batch, views=written)
            ViewFlush.objects.filter(
                flushed_at__lt=timezone.now() - timedelta(days=FLUSH_RECORD_DAYS)
            ).delete()
    buffer.forget(batch)
    return written
