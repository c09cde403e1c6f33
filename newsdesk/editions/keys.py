"""Surrogate keys for what every page of an edition shows (see newsdesk.pagecache.keys)."""

from newsdesk.pagecache.keys import EVERYTHING

# Memoized site-wide values live this long even without a purge (a safety net, not a rule).
REMEMBER_SECONDS = 600


def edition_key(language_code):
    """Everything shown in one edition: its wording, header, footer and section menu."""
    return f"edition-{language_code}"


def translations_key(translation_key):
    """Every edition's version of one page: their language switchers point at each other."""
    return f"translations-{translation_key}"


def image_key(image_id):
    """A picture, wherever a page shows one of its renditions."""
    return f"image-{image_id}"


__all__ = ["EVERYTHING", "REMEMBER_SECONDS", "edition_key", "image_key", "translations_key"]
