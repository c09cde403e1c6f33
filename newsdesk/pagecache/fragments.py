"""Pieces of pages kept rendered between requests: headers, footers, story cards, blocks.

A fragment is stored with the surrogate keys shown while it was rendered, so the purges
that reach pages reach fragments too; when a page uses a stored fragment, the fragment's
keys are added to the page's, as if it had been rendered again.
"""

import time

from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe

from newsdesk.pagecache.cache import page_cache
from newsdesk.pagecache.entry import Entry
from newsdesk.pagecache.keys import changes_at_timestamp, collecting, shows


def fragment_key(name, vary_on):
    """The cache key of a fragment in the active language."""
    parts = [translation.get_language() or "", name, *(str(value) for value in vary_on)]
    return "fragment:" + "|".join(part.replace("|", "/") for part in parts)


def fragment_get(name, vary_on):
    """A stored fresh fragment as HTML (its keys added to the page's), or None."""
    if not settings.NEWSDESK_FRAGMENT_CACHE:
        return None
    entry = page_cache().get(fragment_key(name, vary_on))
    now = time.time()
    if entry is None or not entry.is_fresh(now):
        return None
    shows(*entry.keys)
    changes_at_timestamp(entry.fresh_until)
    return mark_safe(entry.body_for("identity").decode())


def fragment_put(name, vary_on, html, collected, seconds, seq):
    """Store a fragment rendered while the purge log stood at `seq` (see KeyedCache.put)."""
    if not settings.NEWSDESK_FRAGMENT_CACHE:
        return
    now = time.time()
    lifetime = seconds
    if collected.expires_at is not None:
        lifetime = min(seconds, collected.expires_at - now)
    if lifetime >= 1:
        entry = Entry.fragment(str(html), collected.keys, now, lifetime)
        page_cache().put(fragment_key(name, vary_on), entry, seq)


def cached_fragment(name, vary_on, seconds, render):
    """The HTML `render()` returns, kept for at most `seconds` or until a purge names it."""
    html = fragment_get(name, vary_on)
    if html is not None:
        return html
    seq = page_cache().render_position() if settings.NEWSDESK_FRAGMENT_CACHE else 0
    with collecting() as collected:
        html = render()
    # The page's own collector saw the fragment's keys and expiry while it rendered.
    fragment_put(name, vary_on, html, collected, seconds, seq)
    return mark_safe(html)
