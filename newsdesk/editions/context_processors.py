"""Puts the current edition (name, wording, links) into every template."""

from newsdesk.editions.editions import Edition


def edition(request):
    """Expose `edition`: evaluated lazily, so pages that don't show a header cost no query."""
    return {"edition": Edition(request)}
