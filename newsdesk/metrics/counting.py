"""Counting article views without losing an increment when many readers arrive at once."""

import threading
import time

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.buffer import view_buffer

# How long "article 12 is published, in edition 3" is believed without asking the database.
# An unpublished article may go on being counted for this long; a draft never is.
PUBLISHED_FOR_SECONDS = 30
KNOWN_ARTICLES_LIMIT = 100_000


class ArticleNotFound(Exception):
    """No published article has that id."""


class PublishedArticles:
    """Which articles are published, and in which edition, remembered briefly per process."""

    def __init__(self):
        self.known = {}
        self.lock = threading.Lock()

    def locale_of(self, article_id):
        """The article's Locale id; ArticleNotFound unless it is published."""
        now = time.monotonic()
        known = self.known.get(article_id)
        if known is not None and known[1] > now:
            return known[0]
        locale_id = (
            ArticlePage.objects.published()
            .with_id(article_id)
            .values_list("locale_id", flat=True)
            .first()
        )
        if locale_id is None:
            raise ArticleNotFound(article_id)
        with self.lock:
            if len(self.known) >= KNOWN_ARTICLES_LIMIT:
                self.known.clear()
            self.known[article_id] = (locale_id, now + PUBLISHED_FOR_SECONDS)
        return locale_id

    def forget(self):
        with self.lock:
            self.known.clear()


published_articles = PublishedArticles()


def current_hour():
    """The hour a view counts in, as whole seconds since the epoch (UTC)."""
    return int(time.time()) // 3600 * 3600


def stored_count(article_id):
    return (
        ArticlePage.objects.filter(pk=article_id).values_list("view_count", flat=True).first() or 0
    )


def article_view_record(article_id):
    """Add one view to a published article and return its new total.

    The view goes to the buffer (see buffer.py), which adds it atomically and answers the
    article's running total, so concurrent readers each get their own number and none is
    lost; the database catches up at the next flush.
    """
    locale_id = published_articles.locale_of(article_id)
    buffer = view_buffer()
    hour = current_hour()
    total = buffer.add(article_id, locale_id, hour, seed=None)
    if total is None:
        # The buffer has not seen this article yet: it starts from the stored count.
        total = buffer.add(article_id, locale_id, hour, seed=stored_count(article_id))
    return total


def article_view_count(article_id):
    """A published article's current count, without adding to it."""
    published_articles.locale_of(article_id)
    total = view_buffer().total(article_id)
    return total if total is not None else stored_count(article_id)
