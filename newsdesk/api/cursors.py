"""Keyset cursors: where the next page of a list of stories starts.

A cursor is the (publication time, id) of the last story a page showed, opaque to clients.
The next page reads the same index range from just below it, so page 500 costs what page 1
costs (an OFFSET would step over every story before it), and a story published meanwhile
does not shift the pages a client is walking through.
"""

from datetime import UTC, datetime

from django.db.models import Q
from django.utils import timezone

from newsdesk.api.problems import ApiProblem

# "<microseconds since 1970>.<id>": described by this pattern in the OpenAPI document, so
# a client (or a fuzzer) can tell a cursor from a typo before asking.
CURSOR_PATTERN = r"^[0-9]{1,17}\.[0-9]{1,10}$"


def cursor_encode(published_at, pk):
    return f"{int(published_at.timestamp() * 1_000_000)}.{pk}"


def cursor_decode(cursor):
    """(published_at, pk) from a cursor; a 400 problem for a string no cursor looks like."""
    micros, _, pk = cursor.partition(".")
    try:
        moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
        pk = int(pk)
    except (ValueError, OverflowError, OSError) as error:
        raise ApiProblem(400, "The cursor is not one this API gave out.", "Bad cursor") from error
    return moment, pk


def page_start(cursor):
    """(the moment a page's stories were published by, the cursor's position or None).

    The moment goes into `ArticlePage.objects.published(now=…)` (or `tagged(until=…)`) as
    the list's one upper bound; a second bound beside it made SQLite read every story's row.
    A cursor in the future is taken as now: it cannot reveal what is not published yet.
    """
    now = timezone.now()
    if not cursor:
        return now, None
    position = cursor_decode(cursor)
    return min(position[0], now), position


def after_position(stories, position):
    """The stories (published by the position's time, newest first) after the position's own:
    those at exactly its time with an id at or above its id were on the page before."""
    if position is None:
        return stories
    published_at, pk = position
    return stories.exclude(Q(published_at=published_at) & Q(pk__gte=pk))
