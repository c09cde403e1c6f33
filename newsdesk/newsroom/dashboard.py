"""What the newsroom's first screen shows, each panel read from an index or a small aggregate.

Every question here is asked of a bounded slice, so the dashboard costs the same with a
thousand articles or a million: the next hours of schedules (an index on publication times,
the few revisions with a go-live time), the workflows in progress, the hourly view tallies of
one day, and translation gaps among the last days' stories.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, WorkflowState

from newsdesk.articles.models import ArticlePage, HomePage, HomeStories
from newsdesk.metrics.most_read import most_read

SCHEDULE_HOURS = 12
REVIEW_ROWS = 15
# Translation gaps are counted among the stories of the last days; the desk lists them all.
RECENT_DAYS = 7


@dataclass
class Scheduled:
    """An article that appears (or changes) at `at` without anyone pressing a button."""

    title: str
    page_id: int
    at: object
    how: str  # "go-live" (a scheduled revision) or "publication time" (live, time to come)


def scheduled_soon(hours=SCHEDULE_HOURS, now=None):
    """Articles going live in the next hours, soonest first.

    Two indexed reads: revisions with an approved go-live time, and live articles whose
    publication time is still to come.
    """
    now = now or timezone.now()
    until = now + timedelta(hours=hours)
    article_type = ContentType.objects.get_for_model(ArticlePage)
    revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        content_type=article_type,
        approved_go_live_at__gt=now,
        approved_go_live_at__lte=until,
    ).values_list("object_str", "object_id", "approved_go_live_at")
    upcoming = (
        ArticlePage.objects.filter(live_copy=True, published_at__gt=now, published_at__lte=until)
        .order_by("published_at")
        .values_list("title", "pk", "published_at")
    )
    items = [Scheduled(title, int(pk), at, "go-live") for title, pk, at in revisions]
    items += [Scheduled(title, pk, at, "publication time") for title, pk, at in upcoming]
    return sorted(items, key=lambda item: item.at)


@dataclass
class Review:
    """A page waiting in a workflow: who asked, since when, and which task (whose turn)."""

    page: Page
    requested_by: object
    since: object
    task: str
    reviewers: list
    status: str


def awaiting_review(limit=REVIEW_ROWS):
    """Pages in review (or sent back), the longest waiting first, with who must act."""
    states = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
        )
        .select_related("requested_by", "current_task_state__task")
        .order_by("created_at")[:limit]
    )
    states = list(states)
    pages = Page.objects.in_bulk([int(state.object_id) for state in states])
    reviews = []
    for state in states:
        task = state.current_task_state.task.specific if state.current_task_state else None
        groups = getattr(task, "groups", None)
        reviews.append(
            Review(
                page=pages.get(int(state.object_id)),
                requested_by=state.requested_by,
                since=state.created_at,
                task=task.name if task else "",
                reviewers=[group.name for group in groups.all()] if groups is not None else [],
                status=state.status,
            )
        )
    return [review for review in reviews if review.page is not None]


def most_read_today(limit=5):
    """{edition locale: its most read stories of the last day} (hourly tallies, per edition)."""
    return {locale: most_read(locale.pk, limit) for locale in Locale.objects.order_by("pk")}


@dataclass
class TranslationGap:
    """How many recent stories of `source` have no version in `target`."""

    source: Locale
    target: Locale
    missing: int


def translation_gaps(days=RECENT_DAYS, now=None):
    """Stories of the last days missing in each other edition, counted in one query."""
    since = (now or timezone.now()) - timedelta(days=days)
    locales = list(Locale.objects.order_by("pk"))
    # A story is never missing in its own edition: that test first, so the lookup of the
    # other version is made only for the other editions (a third fewer index reads).
    counts = {
        f"missing_{target.pk}": Count(
            "pk",
            filter=~Q(locale=target)
            & ~Q(
                Exists(
                    Page.objects.filter(translation_key=OuterRef("translation_key"), locale=target)
                )
            ),
        )
        for target in locales
    }
    rows = (
        ArticlePage.objects.published()
        .filter(published_at__gte=since)
        .order_by()
        .values("locale_id")
        .annotate(**counts)
    )
    by_pk = {locale.pk: locale for locale in locales}
    return [
        TranslationGap(by_pk[row["locale_id"]], target, row[f"missing_{target.pk}"])
        for row in rows
        for target in locales
        if target.pk != row["locale_id"] and row[f"missing_{target.pk}"]
    ]


def breaking_states():
    """[(edition home page, what its breaking line shows now or None)], as readers see it."""
    # Sorted here: ordered by edition in SQL, SQLite walked every page in edition order to
    # find the three home pages (114 ms at a million articles).
    homes = sorted(
        HomePage.objects.select_related("locale").order_by(), key=lambda home: home.locale_id
    )
    return [(home, HomeStories(home).breaking) for home in homes]
