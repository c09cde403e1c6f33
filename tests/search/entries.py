"""Helpers of the index tests: a document in index terms, and indexed stories an hour apart."""

from datetime import UTC, datetime, timedelta

import factories
from django.db import connection
from django.utils import timezone

from newsdesk.search.documents import Document


def document(title, standfirst, body):
    """A Document of these stems (no database)."""
    return Document(
        article_id=1,
        locale_id=1,
        language="en",
        published_at=datetime(2026, 1, 1, tzinfo=UTC),
        title=" ".join(title),
        title_terms=title,
        standfirst_terms=standfirst,
        body_terms=body,
        title_words=title,
    )


def stories(section, indexed, titles):
    """Published stories, the first of `titles` newest, an hour apart; then ANALYZE, whose
    statistics the engine's estimate of older entries reads (it counts this transaction's)."""
    now = timezone.now()
    with indexed():
        made = [
            factories.article(
                section,
                title=title,
                slug=f"scan-{number}",
                published_at=now - timedelta(hours=number + 1),
            )
            for number, title in enumerate(titles)
        ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    return made
