"""Each edition's archive by day: which sections make it, and how many stories each day holds.

The sitemap index cuts every edition's archive into sitemaps of at most MAX_URLS addresses,
so it needs each month's size by day. Those sizes are kept (ArchiveDay) rather than counted
per request: counting was one pass over the million entries of the section index, 300–370 ms
(docs/benchmarks.md). A story joining or leaving a month announces that month's key
(`month_list_key`, among the article's list keys), and the month is counted again from its
range of the index: a few milliseconds. A change to an edition's sections (its key) or to
everything (bulk loaders announce EVERYTHING once they are done) counts the edition again.
"""

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import CharField
from django.db.models.functions import Cast

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.editions.editions import edition_homes, edition_names, language_code_of
from newsdesk.editions.keys import EVERYTHING, REMEMBER_SECONDS, edition_key
from newsdesk.pagecache.cache import remembered
from newsdesk.syndication.models import ArchiveDay

MONTH_KEY = re.compile(r"list-month-(?P<code>.+)-(?P<year>\d{4})-(?P<month>\d{2})")


def sections_by_edition():
    """Language code -> ids of the edition's sections (a story's section is its edition).

    Sections are the pages one level below the edition homes, read from the (depth, path)
    index: without the depth, SQLite walked every page of the locale index to find them.
    """

    def compute():
        depths = {home.depth + 1 for home in edition_homes().values()}
        found = {}
        sections = SectionPage.objects.filter(depth__in=depths).order_by()
        for pk, locale_id in sections.values_list("pk", "locale_id"):
            found.setdefault(language_code_of(locale_id), []).append(pk)
        return found

    keys = [EVERYTHING, *(edition_key(code) for code in edition_names())]
    return remembered("sitemap-sections", compute, keys=keys, seconds=REMEMBER_SECONDS)


def section_ids(language_code=None):
    """Ids of every section, or of one edition's."""
    found = sections_by_edition()
    if language_code:
        return found.get(language_code, [])
    return [pk for ids in found.values() for pk in ids]


def raw_rows(queryset):
    """The rows of a values_list queryset as the database sends them, without Django's
    conversions: parsing each row's datetimes and UUID cost three times the query's own time
    on a month of 4,500 stories."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # asked of no sections, say
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def utc_day(moment):
    """'YYYY-MM-DD' of a publication time as the database sends it: SQLite's is naive UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date().isoformat()


def count_again(language_code, start=None, end=None):
    """Count the edition's live stories of each UTC day in [start, end) again (all days
    without bounds) and store the counts.

    Stories whose publication time is still to come count on their day: the index leaves
    days after today out, and nothing has to be counted again when their time comes.
    """
    stories = ArticlePage.objects.filter(
        live_copy=True, section_id__in=section_ids(language_code)
    ).order_by()
    kept = ArchiveDay.objects.filter(language_code=language_code)
    if start is not None:
        stories = stories.filter(published_at__gte=start, published_at__lt=end)
        kept = kept.filter(day__gte=start.date(), day__lt=end.date())
    counts = Counter(utc_day(moment) for (moment,) in raw_rows(stories.values_list("published_at")))
    with transaction.atomic():
        kept.exclude(day__in=list(counts)).delete()
        # Upserted, not deleted and inserted: two publishes in one month may count at once.
        ArchiveDay.objects.bulk_create(
            [
                ArchiveDay(language_code=language_code, day=day, stories=count)
                for day, count in counts.items()
            ],
            update_conflicts=True,
            unique_fields=["language_code", "day"],
            update_fields=["stories"],
        )


def month_bounds(year, month):
    start = datetime(year, month, 1, tzinfo=UTC)
    return start, (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def archive_changed(sender, keys, **kwargs):
    """Count again what `content_changed` says may have changed (see the module's doc)."""
    whole = {code for code in edition_names() if EVERYTHING in keys or edition_key(code) in keys}
    months = [found for key in keys if (found := MONTH_KEY.fullmatch(key))]
    if not whole and not months:
        return  # most announcements: a page, a tag, a list of another kind
    editions = [code for code in edition_names() if code in edition_homes()]
    for code in whole.intersection(editions):
        count_again(code)
    for found in months:
        if found["code"] in editions and found["code"] not in whole:
            count_again(found["code"], *month_bounds(int(found["year"]), int(found["month"])))


def story_days(today):
    """{(language code, year, month): {day: stories}} of every edition's days up to today.

    The days come as text ('2026-11-05'), grouped by their first seven characters: with
    Django's date conversion and a parse per row this took 70 ms for 12,000 days.
    """
    rows = (
        ArchiveDay.objects.filter(day__lte=today)
        .order_by()
        .annotate(text=Cast("day", CharField()))
        .values_list("language_code", "text", "stories")
    )
    months = {}
    for language_code, day, stories in raw_rows(rows):
        key = (language_code, day[:7])
        found = months.get(key)
        if found is None:
            found = months[key] = {}
        found[int(day[8:10])] = stories
    return {
        (language_code, int(month[:4]), int(month[5:7])): days
        for (language_code, month), days in months.items()
    }
