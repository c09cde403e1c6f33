"""Template helpers for editions: the switcher, hreflang alternates and localized dates."""

from django import template
from django.utils import dateformat, timezone
from wagtail.models import Page

from newsdesk.editions.editions import edition_links

register = template.Library()

# "04 June 2025 14:40" / "04 июня 2025 14:40": E is the month name as it stands in a date.
DATETIME_FORMAT = "d E Y H:i"
DATE_FORMAT = "d E Y"


@register.filter
def edition_datetime(value):
    """Format an aware datetime in the outlet's time zone and the active language."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value), DATETIME_FORMAT)


@register.filter
def edition_date(value):
    """Format a datetime as a date in the outlet's time zone and the active language."""
    if not value:
        return ""
    return dateformat.format(timezone.localtime(value), DATE_FORMAT)


@register.simple_tag(takes_context=True)
def get_edition_links(context, page=None):
    """The edition switcher's entries for the page being shown (or for no page)."""
    # Views that are not pages (search, tags, errors) have no `page` in their context.
    return edition_links(context["request"], page if isinstance(page, Page) else None)
