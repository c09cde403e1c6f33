"""What a page's <head> tells feed readers, search engines and social networks."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsdesk.articles.models import ArticlePage, HomePage, SectionPage
from newsdesk.syndication.addresses import Addresses
from newsdesk.syndication.social_cards import card_path
from newsdesk.syndication.structured_data import (
    breadcrumbs,
    json_ld,
    news_article,
    organization,
    website,
)

register = template.Library()
FEED_TYPE = "application/rss+xml"


def feeds_of(context, edition):
    """(title, path) of the feeds a page offers: the edition's, and its section's or tag's."""
    feeds = [(edition.settings.outlet_name, reverse("feed_edition"))]
    page = context.get("page")
    tag = context.get("tag")
    if isinstance(page, SectionPage):
        feeds.append((page.title, reverse("feed_section", args=[page.slug])))
    elif isinstance(page, ArticlePage) and page.section_id:
        feeds.append((page.section.title, reverse("feed_section", args=[page.section.slug])))
    elif tag is not None and hasattr(tag, "slug"):
        feeds.append((f"#{tag.name}", reverse("feed_tag", args=[tag.slug])))
    return feeds


def structured_data_of(context, edition, addresses):
    page = context.get("page")
    if isinstance(page, ArticlePage):
        trail = [(edition.settings.outlet_name, addresses.home(edition.language_code))]
        if page.section_id:
            trail.append((page.section.title, addresses.of(page.section)))
        trail.append((page.title, addresses.of(page)))
        return json_ld(
            news_article(page, edition, addresses, context.get("hero")), breadcrumbs(trail)
        )
    if isinstance(page, HomePage):
        return json_ld(organization(edition, addresses), website(edition, addresses))
    if isinstance(page, SectionPage):
        trail = [
            (edition.settings.outlet_name, addresses.home(edition.language_code)),
            (page.title, addresses.of(page)),
        ]
        return json_ld(breadcrumbs(trail))
    return ""


@register.simple_tag(takes_context=True)
def syndication_head(context):
    """Feed autodiscovery links and the page's JSON-LD, for base.html's <head>.

    Nothing on pages rendered without an edition (the error page, which makes no query).
    """
    edition = context.get("edition")
    request = context.get("request")
    if edition is None or request is None:
        return ""
    addresses = Addresses(request)
    links = format_html_join(
        "\n  ",
        '<link rel="alternate" type="{}" title="{}" href="{}">',
        (
            (FEED_TYPE, _("%(name)s: RSS") % {"name": title}, addresses.absolute(path))
            for title, path in feeds_of(context, edition)
        ),
    )
    data = structured_data_of(context, edition, addresses)
    return mark_safe(f"{links}\n  {data}" if data else links)


@register.simple_tag(takes_context=True)
def social_card_url(context, article):
    """The absolute address of an article's sharing card, or "" when it has no hero picture."""
    path = card_path(article)
    return format_html("{}", Addresses(context["request"]).absolute(path)) if path else ""
