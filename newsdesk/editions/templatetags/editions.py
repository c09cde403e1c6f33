"""Template helpers for editions: the switcher, section menu, addresses and localized dates."""

from dataclasses import dataclass
from functools import cache

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import pgettext_lazy
from wagtail.models import Page

from newsdesk.editions.editions import current_site, edition_links, live_children
from newsdesk.editions.keys import REMEMBER_SECONDS, edition_key
from newsdesk.pagecache.cache import remembered
from newsdesk.pagecache.keys import shows

register = template.Library()

# Month names as they stand in a date: "04 June", "04 июня", "04 հունիսի". Django's own
# Armenian catalogue has only the capitalised nominative ("Հունիս"), so newsdesk's catalogues
# carry these forms for every edition.
MONTHS_IN_DATES = (
    pgettext_lazy("month in a date", "January"),
    pgettext_lazy("month in a date", "February"),
    pgettext_lazy("month in a date", "March"),
    pgettext_lazy("month in a date", "April"),
    pgettext_lazy("month in a date", "May"),
    pgettext_lazy("month in a date", "June"),
    pgettext_lazy("month in a date", "July"),
    pgettext_lazy("month in a date", "August"),
    pgettext_lazy("month in a date", "September"),
    pgettext_lazy("month in a date", "October"),
    pgettext_lazy("month in a date", "November"),
    pgettext_lazy("month in a date", "December"),
)


@dataclass(frozen=True)
class MenuLink:
    """One entry of the header's section menu."""

    title: str
    url: str
    is_current: bool


def date_in_words(local):
    """ "04 June 2025" in the active language, for a datetime already in local time."""
    return f"{local:%d} {MONTHS_IN_DATES[local.month - 1]} {local:%Y}"


@register.filter
def edition_datetime(value):
    """Format an aware datetime in the outlet's time zone and the active language:
    "04 June 2025 14:40" / "04 июня 2025 14:40"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{date_in_words(local)} {local:%H:%M}"


@register.filter
def edition_date(value):
    """Format a datetime as a date in the outlet's time zone and the active language."""
    if not value:
        return ""
    return date_in_words(timezone.localtime(value))


@register.filter
def machine_datetime(value):
    """The `datetime` attribute of <time>: whole seconds, as HTML allows at most milliseconds."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def get_edition_links(context, page=None):
    """The edition switcher's entries for the page being shown (or for no page)."""
    # Views that are not pages (search, tags, errors) have no `page` in their context.
    return edition_links(context["request"], page if isinstance(page, Page) else None)


def current_section_of(page):
    """The id the section menu marks current: an article's section, else the page itself
    (a section, or a home page, which the menu does not list). None for other views."""
    if not isinstance(page, Page):
        return None
    return getattr(page, "section_id", None) or page.pk


@register.simple_tag
def current_section_id(page=None):
    """What the header's section menu marks as current (see current_section_of)."""
    return current_section_of(page)


@register.simple_tag(takes_context=True)
def get_section_menu(context, page=None):
    """The edition's sections for the header menu, in their editorial order, in one query.

    The sections are the live children of this edition's home page (the translation of the
    site's root page); `editions` knows them only as pages, ordered by SectionPage.position.
    """
    request = context["request"]
    site = current_site(request)
    edition = context.get("edition")
    if site is None or edition is None:
        return []
    # Adding, renaming, moving or removing a section announces the edition's key.
    shows(edition_key(edition.language_code))
    sections = remembered(
        f"section-menu:{site.pk}:{edition.language_code}",
        lambda: edition_sections(request, site, edition.locale),
        keys=[edition_key(edition.language_code)],
        seconds=REMEMBER_SECONDS,
    )
    current = current_section_of(page)
    return [MenuLink(title=title, url=url, is_current=pk == current) for pk, title, url in sections]


def edition_sections(request, site, locale):
    """(id, title, url) of the edition's live sections in their editorial order."""
    home = Page.objects.filter(translation_key=site.root_page.translation_key, locale=locale)
    home = home.first()
    if home is None:
        return []
    sections = live_children(home).order_by("sectionpage__position", "title")
    return [(section.pk, section.title, section.get_url(request)) for section in sections]


@register.simple_tag
@cache
def icon(name):
    """An icon from the sprite, drawn by the text colour and hidden from screen readers.

    Made once per name in each process: every page shows a dozen, and an {% include %} per
    icon cost more than the rest of the header.
    """
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        static("img/icons.svg"),
        name,
    )


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's one address: absolute, with no query string but a listing's page number."""
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page_obj = context.get("page_obj")
    if page_obj is not None and page_obj.number > 1:
        url += f"?page={page_obj.number}"
    return url


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """An absolute address for a path on this site, as sharing cards (OpenGraph) need."""
    return context["request"].build_absolute_uri(path)
