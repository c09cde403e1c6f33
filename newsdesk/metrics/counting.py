"""Counting article views without losing an increment when many readers arrive at once."""

import threading
import time

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.buffer import view_buffer

# How long "article 12 is published, in edition 3" is believed without asking the database.
# An unpublished article may go on being counted for this long; a draft never is.
PUBLISHED_FOR_SECONDS = 30
KNOWN_ARTICLES_LIMIT = 20_000


class ArticleNotFound(Exception):
    """No published article has that id."""


class PublishedArticles:
    """Which articles are published, in which edition, with what stored count; remembered
    briefly per process, so a popular story's views cost no query."""

    def __init__(self):
        self.known = {}
        self.lock = threading.Lock()

    def lookup(self, article_id):
        """(Locale id, stored view count) of a published article; ArticleNotFound otherwise.

        The count may be older than the database's: it only seeds the buffer's running total
        for an article the buffer has not seen, whose stored count nothing else changes.
        """
        now = time.monotonic()
        known = self.known.get(article_id)
        if known is not None and known[2] > now:
            return known[0], known[1]
        row = (
            ArticlePage.objects.published()
            .with_id(article_id)
            .order_by()
            .values_list("locale_id", "view_count")
            .first()
        )
        if row is None:
            raise ArticleNotFound(article_id)
        with self.lock:
            if len(self.known) >= KNOWN_ARTICLES_LIMIT:
                self.known.clear()
            self.known[article_id] = (*row, now + PUBLISHED_FOR_SECONDS)
        return row

    def forget(self):
        with self.lock:
            self.known.clear()


published_articles = PublishedArticles()


def current_hour():
    """The hour a view counts in, as whole seconds since the epoch (UTC)."""
    return int(time.time()) // 3600 * 3600


def article_view_record(article_id):
    """Add one view to a published article and return its new total.

    The view goes to the buffer (see buffer.py), which adds it atomically and answers the
    article's running total, so concurrent readers each get their own number and none is
    lost; the database catches up at the next flush.
    """
    locale_id, stored = published_articles.lookup(article_id)
    # A buffer that has not seen the article yet starts its total from the stored count.
    return view_buffer().add(article_id, locale_id, current_hour(), seed=stored)


def article_view_count(article_id):
    """A published article's current count, without adding to it."""
    _locale_id, stored = published_articles.lookup(article_id)
    total = view_buffer().total(article_id)
    return total if total is not None else stored
