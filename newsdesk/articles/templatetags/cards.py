"""{% listed_cards stories as cards %}: the story cards of articles a template already has."""

from django import template

from newsdesk.articles.cards import listed_cards as cards_of_listed

register = template.Library()


@register.simple_tag(takes_context=True)
def listed_cards(context, stories):
    """The card HTML of each story, kept ones from the fragment cache (articles.cards)."""
    return cards_of_listed(context.get("request"), stories)
