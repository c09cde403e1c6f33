"""Keyset cursors: where the next page of a list of stories starts.

A cursor is the (publication time, id) of the last story a page showed, opaque to clients.
The next page reads the same index range from just below it, so page 500 costs what page 1
costs (an OFFSET would step over every story before it), and a story published meanwhile
does not shift the pages a client is walking through.
"""

import base64
import binascii
from datetime import UTC, datetime

from django.db.models import Q

from newsdesk.api.problems import ApiProblem

CURSOR_VERSION = "1"


def cursor_encode(published_at, pk):
    micros = int(published_at.timestamp() * 1_000_000)
    raw = f"{CURSOR_VERSION}:{micros}:{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor):
    """(published_at, pk) from a cursor; a 400 problem for anything this API did not make."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        version, micros, pk = base64.urlsafe_b64decode(padded.encode()).decode().split(":")
        if version != CURSOR_VERSION:
            raise ValueError(version)
        moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
        pk = int(pk)
        if not 0 < pk < 2**31:
            raise ValueError(pk)
    except (ValueError, TypeError, UnicodeError, binascii.Error, OverflowError, OSError) as error:
        raise ApiProblem(400, "The cursor is not one this API gave out.", "Bad cursor") from error
    return moment, pk


def after_position(stories, position, time_filtered=False):
    """The stories (ordered newest first by publication time, then id) after `position`.

    `time_filtered`: the query already keeps only stories published by the position's time
    (a tag's list filters its own index, `ArticlePage.objects.tagged(until=…)`).
    """
    if position is None:
        return stories
    published_at, pk = position
    if not time_filtered:
        stories = stories.filter(published_at__lte=published_at)
    return stories.exclude(Q(published_at=published_at) & Q(pk__gte=pk))
