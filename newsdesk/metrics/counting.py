"""Counting article views without losing an increment when many readers arrive at once."""

from django.db import transaction
from django.db.models import F

from newsdesk.articles.models import ArticlePage


class ArticleNotFound(Exception):
    """No published article has that id."""


def article_view_record(article_id):
    """Add one view to a published article and return its new count.

    The increment is a single UPDATE … SET view_count = view_count + 1, so concurrent
    requests queue on the row instead of overwriting each other's count.
    """
    published = ArticlePage.objects.published().with_id(article_id)
    with transaction.atomic():
        updated = ArticlePage.objects.filter(pk__in=published.values("pk")).update(
            view_count=F("view_count") + 1
        )
        if not updated:
            raise ArticleNotFound(article_id)
        return ArticlePage.objects.with_id(article_id).values_list("view_count", flat=True)[0]


def article_view_count(article_id):
    """A published article's current count, without adding to it."""
    counts = (
        ArticlePage.objects.published().with_id(article_id).values_list("view_count", flat=True)
    )
    if not counts:
        raise ArticleNotFound(article_id)
    return counts[0]
