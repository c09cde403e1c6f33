"""Translation gaps of the last days, kept per day instead of counted for every dashboard view.

Counted per view, the dashboard walked the week's stories (about 20,000 at a million
articles) looking up each one's version in every other edition: the dashboard took 152 ms
so, 78 ms over the kept rows (bench/newsroom.py). So the counts are kept per UTC day and
pair of editions (TranslationGapDay) for the last KEPT_DAYS days, and a day is counted again
(its stories read down the publication-time index, a few milliseconds) whenever one of its
stories, or a version of one in another edition, is saved or deleted. The bulk loaders write
without signals and announce EVERYTHING when done: every kept day is counted again then.

A story counts from its publication day on, its time of day reached or not, and a draft
version in the other edition closes its gap (the desk lists what has no version at all).
"""

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.editions.keys import EVERYTHING
from newsdesk.metrics.daily import day_bounds, days_back, utc_day
from newsdesk.newsroom.models import TranslationGapDay

# The dashboard shows the last RECENT_DAYS days (today among them); a day more is kept so a
# count is never missing at midnight.
RECENT_DAYS = 7
KEPT_DAYS = RECENT_DAYS + 1
# A save that changes none of these leaves every count as it was (a draft's revision, say).
COUNTED_FIELDS = {"live", "live_copy", "published_at", "locale", "translation_key"}


def kept_days(now=None):
    """The days whose counts are kept, oldest first, ending today (UTC)."""
    return days_back(KEPT_DAYS, utc_day(now or timezone.now()))


def kept_since():
    """The first moment of the oldest kept day."""
    return day_bounds(kept_days()[0])[0]


def days_count_again(days, now=None, deleted=None):
    """Count the gaps of each of `days` that is kept again, and forget days no longer kept.

    One read per day of its live stories, grouped by edition, with a lookup of each story's
    version in the other editions (not the page `deleted`, whose tree row outlives its
    article row in the deletion). Upserted, not deleted and inserted: two saves may count
    the same day at once.
    """
    kept = kept_days(now)
    days = sorted(set(days).intersection(kept))
    if not days:
        return
    locale_ids = list(Locale.objects.order_by("pk").values_list("pk", flat=True))
    missing = {
        f"missing_{target}": Count(
            "pk",
            filter=~Q(locale_id=target)
            & ~Q(
                Exists(
                    Page.objects.filter(
                        translation_key=OuterRef("translation_key"), locale=target
                    ).exclude(pk=deleted)
                )
            ),
        )
        for target in locale_ids
    }
    for day in days:
        start, end = day_bounds(day)
        rows = (
            ArticlePage.objects.filter(
                live_copy=True, published_at__gte=start, published_at__lt=end
            )
            .order_by()
            .values("locale_id")
            .annotate(**missing)
        )
        counts = [
            TranslationGapDay(source_id=row["locale_id"], target_id=target, day=day, missing=count)
            for row in rows
            for target in locale_ids
            if (count := row[f"missing_{target}"])
        ]
        kept_pairs = Q()
        for gap in counts:
            kept_pairs |= Q(source_id=gap.source_id, target_id=gap.target_id)
        with transaction.atomic():
            TranslationGapDay.objects.filter(day=day).exclude(kept_pairs).delete()
            TranslationGapDay.objects.bulk_create(
                counts,
                update_conflicts=True,
                unique_fields=["day", "source", "target"],
                update_fields=["missing"],
            )
    TranslationGapDay.objects.filter(day__lt=kept[0]).delete()


def story_days(translation_key, since):
    """The publication days of the live stories of one translation group since `since`."""
    moments = ArticlePage.objects.filter(
        translation_key=translation_key, live_copy=True, published_at__gte=since
    ).values_list("published_at", flat=True)
    return {utc_day(moment) for moment in moments}


def counted_day(published_at, live):
    """The day a story counts on, or None when it counts nowhere."""
    return utc_day(published_at) if live and published_at else None


def counts_may_change(update_fields):
    """False for a save of fields that no count reads (Wagtail saving a draft's revision)."""
    return update_fields is None or bool(COUNTED_FIELDS.intersection(update_fields))


def gaps_before_save(sender, instance, update_fields=None, **kwargs):
    """Remember the day the story counted on before this save (the save may move it)."""
    if instance.pk is None or not counts_may_change(update_fields):
        return
    before = ArticlePage.objects.filter(pk=instance.pk).values_list("published_at", "live_copy")
    instance._gap_day_before = counted_day(*before[0]) if before else None


def gaps_after_save(sender, instance, created=False, update_fields=None, **kwargs):
    """Count again the days this story and its versions in other editions count on."""
    if not created and not counts_may_change(update_fields):
        return
    days = story_days(instance.translation_key, kept_since())
    days.add(getattr(instance, "_gap_day_before", None))
    days_count_again(days - {None})


def gaps_after_delete(sender, instance, **kwargs):
    """A deleted story leaves its day's gaps; a deleted version opens its originals' gaps."""
    days = story_days(instance.translation_key, kept_since())
    days.add(counted_day(instance.published_at, instance.live_copy))
    days_count_again(days - {None}, deleted=instance.pk)


def gaps_after_bulk(sender, keys, **kwargs):
    """The bulk loaders, done, announce EVERYTHING: every kept day is counted again."""
    if EVERYTHING in keys:
        days_count_again(kept_days())


def translation_gaps(now=None):
    """[(source locale, target locale, stories missing)] over the last RECENT_DAYS days, from
    the kept counts: a read of a few dozen rows."""
    first = kept_days(now)[-RECENT_DAYS]
    totals = (
        TranslationGapDay.objects.filter(day__gte=first, day__lte=kept_days(now)[-1])
        .values_list("source_id", "target_id")
        .annotate(missing=Sum("missing"))
        .order_by("source_id", "target_id")
    )
    return [row for row in totals if row[2]]
