"""{% most_read edition.locale as stories %}: the edition's most read stories lately."""

from django import template

from newsdesk.articles.models import shown
from newsdesk.metrics.most_read import most_read as most_read_stories

register = template.Library()


@register.simple_tag
def most_read(locale, limit=5):
    """The edition's most read stories (recorded as shown, for the page cache's keys)."""
    return shown(most_read_stories(locale.pk, limit))
