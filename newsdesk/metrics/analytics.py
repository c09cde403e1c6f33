"""What the analytics charts show, each read from the daily aggregates (daily.py).

Editions, sections and authors read the day's sums per section and per author: a few rows a
day. Top articles read the article rows of the period, at most (articles read in the period)
× (days): the archive's size does not enter, so these stay fast at a million articles.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Sum
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.charts import Series
from newsdesk.metrics.models import DailyAuthorViews, DailySectionViews, DailyViews
from newsdesk.people.models import Person

CHART_DAYS = 30
TOP_ARTICLES = 10
TOP_AUTHORS = 15


def series_by(rows, key, days, labels):
    """Series per value of `key` in rows of (day, key, views), over `days`, labelled."""
    values = {}
    for row in rows:
        values.setdefault(row[key], Counter())[row["day"]] = row["views"]
    return [
        Series(labels.get(value, str(value)), [values[value][day] for day in days])
        for value in sorted(values, key=lambda value: labels.get(value, str(value)))
    ]


def views_by_edition(days):
    """A Series of views per day for each edition over `days`."""
    rows = (
        DailySectionViews.objects.filter(day__range=(days[0], days[-1]))
        .values("day", "locale_id")
        .annotate(views=Sum("views"))
    )
    labels = {locale.pk: locale.get_display_name() for locale in Locale.objects.all()}
    return series_by(rows, "locale_id", days, labels)


def views_of_section(section_id, days):
    """One Series: a section's views per day over `days`."""
    rows = (
        DailySectionViews.objects.filter(day__range=(days[0], days[-1]), section_id=section_id)
        .values("day", "section_id")
        .annotate(views=Sum("views"))
    )
    return series_by(rows, "section_id", days, section_labels([section_id]))


def section_labels(section_ids):
    pages = Page.objects.filter(pk__in=section_ids).select_related("locale")
    return {page.pk: f"{page.title} ({page.locale.language_code})" for page in pages}


def views_by_section(first, last):
    """[(section label, views)] over the period, most read first."""
    rows = list(
        DailySectionViews.objects.filter(day__range=(first, last), section_id__isnull=False)
        .values("section_id")
        .annotate(views=Sum("views"))
        .order_by("-views")
    )
    labels = section_labels([row["section_id"] for row in rows])
    return [(labels.get(row["section_id"], "?"), row["views"], row["section_id"]) for row in rows]


@dataclass
class ArticleFigure:
    article: ArticlePage
    views: int


def top_articles(first, last, limit=TOP_ARTICLES):
    """The most read articles of the period, with their views."""
    rows = list(
        DailyViews.objects.filter(day__range=(first, last))
        .values("article_id")
        .annotate(views=Sum("views"))
        .order_by("-views", "-article_id")[:limit]
    )
    # Title and edition are shown: the bodies are left in the database.
    articles = (
        ArticlePage.objects.select_related("locale")
        .defer_streamfields()
        .in_bulk([row["article_id"] for row in rows])
    )
    return [
        ArticleFigure(articles[row["article_id"]], row["views"])
        for row in rows
        if row["article_id"] in articles
    ]


def views_by_author(first, last, limit=TOP_AUTHORS):
    """[(author, views of the stories they signed in the period)], most read first.

    A story with two authors counts for both. Read from the per-author daily sums: grouped
    over the article rows, the join to the bylines went through the articles table (Django's
    join path cannot skip it) for every story read in the period.
    """
    totals = list(
        DailyAuthorViews.objects.filter(day__range=(first, last))
        .values_list("person")
        .annotate(views=Sum("views"))
        .order_by("-views", "person")[:limit]
    )
    people = Person.objects.in_bulk([person_id for person_id, _views in totals])
    return [(people[person_id], views) for person_id, views in totals]


def article_views(article, days):
    """A Series of one article's views per day over `days`."""
    counted = dict(
        DailyViews.objects.filter(article=article, day__range=(days[0], days[-1])).values_list(
            "day", "views"
        )
    )
    return Series(article.title, [counted.get(day, 0) for day in days])
