"""Most read: the stories of an edition with the most views lately, from the hourly tallies."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.models import ViewTally

PERIODS = {"day": timedelta(hours=24), "week": timedelta(days=7)}


def most_read_ids(locale_id, period="day", limit=5, now=None):
    """Ids of the edition's most viewed published stories over the period, most first.

    Sums the tallies of the period only (an index on edition and hour), so the cost follows
    how much was read lately, not how many stories the archive holds.
    """
    since = (now or timezone.now()) - PERIODS[period]
    ranked = (
        ViewTally.objects.filter(locale_id=locale_id, hour__gte=since)
        .values("article_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "-article_id")
        .values_list("article_id", flat=True)
    )
    # A few spare in case some were unpublished since they were read.
    candidates = list(ranked[: limit * 2])
    published = set(
        ArticlePage.objects.published().filter(pk__in=candidates).values_list("pk", flat=True)
    )
    return [article_id for article_id in candidates if article_id in published][:limit]


def most_read(locale_id, limit=5, now=None):
    """The most read stories of the last day, or of the last week when the day was quiet."""
    ids = most_read_ids(locale_id, "day", limit, now)
    if len(ids) < limit:
        ids += [
            article_id
            for article_id in most_read_ids(locale_id, "week", limit, now)
            if article_id not in ids
        ][: limit - len(ids)]
    stories = ArticlePage.objects.filter(pk__in=ids).in_bulk()
    return [stories[article_id] for article_id in ids]
