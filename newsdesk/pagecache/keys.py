"""Surrogate keys: what a response shows, and the signal that says what changed.

Content apps name their keys ("page-12", "tag-3", "list-section-5") and call `shows` while a
response is rendered, and `announce_change` when content changes. They never call the cache
itself: the cache listens for `content_changed`. Keys are short opaque strings without spaces.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.dispatch import Signal

# Purging this key purges everything: outlet-wide settings, the header and footer.
EVERYTHING = "site"

# Sent with `keys` (a frozenset of strings) once content those keys name has changed.
content_changed = Signal()

_collectors = contextvars.ContextVar("newsdesk_surrogate_key_collectors", default=())
_held = contextvars.ContextVar("newsdesk_announcements_held", default=False)


@dataclass
class Collected:
    """The keys shown by one response or fragment, and the moment it stops being true."""

    keys: set = field(default_factory=set)
    # A wall-clock timestamp (seconds) after which the content changes by itself: an ad's
    # window ends, breaking news ages out. None when only an edit can change it.
    expires_at: float | None = None


@contextmanager
def collecting():
    """Collect the keys shown while the block runs (nested collectors all receive them)."""
    collected = Collected()
    token = _collectors.set(_collectors.get() + (collected,))
    try:
        yield collected
    finally:
        _collectors.reset(token)


def shows(*keys):
    """Record that the response being rendered shows the content these keys name."""
    for collected in _collectors.get():
        collected.keys.update(keys)


def changes_at(moment):
    """Record that what is being rendered changes by itself at `moment` (an aware datetime)."""
    changes_at_timestamp(moment.timestamp())


def changes_at_timestamp(timestamp):
    """`changes_at` for a Unix timestamp."""
    for collected in _collectors.get():
        if collected.expires_at is None or timestamp < collected.expires_at:
            collected.expires_at = timestamp


@contextmanager
def announcements_held():
    """Announce nothing inside the block: a bulk loader announces once, when it is done."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def announcing():
    """False inside `announcements_held`: no need to work out keys that nobody will hear."""
    return not _held.get()


def announce_change(*keys):
    """Tell every cache that content named by `keys` changed.

    Sent at once and again after the transaction commits: the first reaches a render in
    this transaction (and tests); the second catches a page rendered from the old rows by
    another process between the first purge and the commit.
    """
    keys = frozenset(key for key in keys if key)
    if not keys or _held.get():
        return
    content_changed.send(sender=None, keys=keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: content_changed.send(sender=None, keys=keys))
