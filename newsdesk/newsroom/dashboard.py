"""What the newsroom's first screen shows, each panel read from an index or a small aggregate.

Every question here is asked of a bounded slice, so the dashboard costs the same with a
thousand articles or a million: the next hours of schedules (an index on publication times,
the few revisions with a go-live time), the workflows in progress, the hourly view tallies of
one day, and the translation gaps of the last days as kept per day (gaps.py).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Page, Revision, WorkflowState

from newsdesk.articles.models import ArticlePage, HomePage, HomeStories
from newsdesk.metrics.most_read import most_read
from newsdesk.newsroom import gaps

SCHEDULE_HOURS = 12
REVIEW_ROWS = 15
# Translation gaps are counted among the stories of the last days; the desk lists them all.
RECENT_DAYS = gaps.RECENT_DAYS


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


def translation_gaps(now=None):
    """Stories of the last days missing in each other edition, from the kept daily counts."""
    by_pk = {locale.pk: locale for locale in Locale.objects.all()}
    return [
        TranslationGap(by_pk[source], by_pk[target], missing)
        for source, target, missing in gaps.translation_gaps(now)
    ]


def breaking_states():
    """[(edition home page, what its breaking line shows now or None)], as readers see it."""
    # Sorted here: ordered by edition in SQL, SQLite walked every page in edition order to
    # find the three home pages (114 ms at a million articles).
    homes = sorted(
        HomePage.objects.select_related("locale").order_by(), key=lambda home: home.locale_id
    )
    return [(home, HomeStories(home).breaking) for home in homes]
