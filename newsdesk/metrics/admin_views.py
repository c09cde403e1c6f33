"""The analytics dashboard in the admin: charts drawn on the server from daily aggregates."""

from datetime import date, timedelta

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.auth import permission_denied

from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.metrics import analytics
from newsdesk.metrics.charts import bar_chart, line_chart
from newsdesk.metrics.daily import days_back, days_between, utc_day

ANALYTICS = "metrics.view_analytics"
MAX_RANGE_DAYS = 366
ARTICLE_DAYS = 90


def date_range(request, today):
    """(first, last, error) from ?from=&to= (ISO dates), the last 30 days by default."""
    default = (today - timedelta(days=analytics.CHART_DAYS - 1), today)
    try:
        first = date.fromisoformat(request.GET["from"]) if request.GET.get("from") else default[0]
        last = date.fromisoformat(request.GET["to"]) if request.GET.get("to") else default[1]
    except ValueError:
        return *default, "Dates are written YYYY-MM-DD."
    if first > last:
        return *default, "The period must start before it ends."
    if (last - first).days >= MAX_RANGE_DAYS:
        return *default, f"Choose a period of at most {MAX_RANGE_DAYS} days."
    return first, last, None


def short_day(day):
    return day.strftime("%d %b")


def analytics_dashboard(request):
    if not request.user.has_perm(ANALYTICS):
        return permission_denied(request)
    today = utc_day(timezone.now())
    days = days_back(analytics.CHART_DAYS, today)
    labels = [short_day(day) for day in days]
    first, last, error = date_range(request, today)
    sections = analytics.views_by_section(days[0], days[-1])
    section = SectionPage.objects.filter(pk=request.GET.get("section") or 0).first()
    by_author = analytics.views_by_author(first, last)
    context = {
        "editions_chart": line_chart(
            "Views per day by edition", labels, analytics.views_by_edition(days)
        ),
        "sections": sections,
        "sections_chart": bar_chart(
            "Views by section, last 30 days", [(label, views) for label, views, _pk in sections]
        ),
        "section": section,
        "section_chart": (
            line_chart(
                f"Views per day: {section.title}",
                labels,
                analytics.views_of_section(section.pk, days),
            )
            if section
            else None
        ),
        "top_today": analytics.top_articles(today, today),
        "top_week": analytics.top_articles(today - timedelta(days=6), today),
        "first": first,
        "last": last,
        "error": error,
        "by_author": by_author,
        "authors_chart": bar_chart(
            f"Views per author, {first} to {last}",
            [(person.name, views) for person, views in by_author],
        ),
    }
    return TemplateResponse(
        request, "metrics/analytics.html", context, status=400 if error else 200
    )


def article_analytics(request, page_id):
    if not request.user.has_perm(ANALYTICS):
        return permission_denied(request)
    article = get_object_or_404(ArticlePage, pk=page_id)
    today = utc_day(timezone.now())
    start = max(
        utc_day(article.first_published_at or article.published_at),
        today - timedelta(days=ARTICLE_DAYS - 1),
    )
    days = days_between(min(start, today), today)
    series = analytics.article_views(article, days)
    return TemplateResponse(
        request,
        "metrics/article_analytics.html",
        {
            "article": article,
            "chart": line_chart(
                f"Views per day: {article.title}",
                [short_day(day) for day in days],
                [series],
                label_every=max(len(days) // 6, 1),
            ),
            "rows": list(zip(days, series.values, strict=True)),
            "total": article.view_count,
        },
    )
