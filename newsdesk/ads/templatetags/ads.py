"""{% ad_slot "name" %} and {% ad_body page.body %}: the running ads of a slot, or nothing.

A slot carries every placement of the best priority running there (up to ROTATION_LIMIT):
one is shown, the others wait hidden, and static/js/ads.js shows one at random to each
reader and reports the impression. So a cached page still rotates its ads, and a reader
without JavaScript sees the one the server put first (rotated each minute a page renders).
"""

import time

from django import template
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsdesk.ads.models import ADS_KEY, AdPlacement, Slot, next_ad_change, slot_choice
from newsdesk.pagecache.cache import remembered
from newsdesk.pagecache.keys import changes_at, shows

register = template.Library()
# Placements change through the admin, which announces them; this is only a safety net.
REMEMBER_SECONDS = 300
SLOT_TEMPLATE = "components/ad_slot.html"


def booked_placements(slot, language_code):
    """The slot's placements that have not ended, best first, remembered in this process."""
    return remembered(
        f"ads:{slot}:{language_code}",
        lambda: (
            AdPlacement.objects.booked(slot, language_code)
            .select_related("image")
            .with_section_keys()
        ),
        keys=[ADS_KEY],
        seconds=REMEMBER_SECONDS,
    )


def section_key_of(page):
    """The translation key of the section a page belongs to (or is), as the ads filter it."""
    section = getattr(page, "section", None)
    if section is not None and hasattr(section, "translation_key"):
        return str(section.translation_key)
    if page is not None and page.__class__.__name__ == "SectionPage":
        return str(page.translation_key)
    return None


def offered(slot, page):
    """The placements `slot` shows on `page` now, the one to show first in front."""
    now = timezone.now()
    placements = booked_placements(slot, translation.get_language())
    shows(ADS_KEY)
    change = next_ad_change(placements, now)
    if change is not None:
        # A cached page must not outlive the moment another ad starts or this one ends.
        changes_at(change)
    choice = slot_choice(placements, now, section_key_of(page))
    if len(choice) > 1:
        first = int(time.time() // 60) % len(choice)
        choice = choice[first:] + choice[:first]
    return choice


def slot_html(slot, placements):
    if not placements:
        return ""
    return render_to_string(SLOT_TEMPLATE, {"placements": placements, "slot": slot})


@register.simple_tag(takes_context=True)
def ad_slot(context, slot):
    """The running placements of `slot` for the page being rendered, or nothing at all."""
    return mark_safe(slot_html(slot, offered(slot, context.get("page"))))


@register.simple_tag(takes_context=True)
def ad_body(context, body):
    """An article's body with its in-article ad: after the lead, or after paragraph N.

    The placement shown first decides where the slot goes; with fewer paragraphs than N
    the ad follows the body. Without one, the body is rendered as {% include_block %} does.
    """
    placements = offered(Slot.ARTICLE_BODY, context.get("page"))
    html = slot_html(Slot.ARTICLE_BODY, placements)
    after = placements[0].after_paragraph if placements else None
    flat = context.flatten()
    if not after:
        return mark_safe(f'{html}<div class="article__body">{body.render_as_block(flat)}</div>')
    parts = []
    paragraphs = 0
    placed = False
    for block in body:
        parts.append(
            format_html(
                '<div class="w-block-{1} block-{1}">{0}</div>',
                block.render(context=flat),
                block.block_type,
            )
        )
        paragraphs += block.block_type == "paragraph"
        if paragraphs == after and not placed:
            parts.append(html)
            placed = True
    if not placed:
        parts.append(html)
    return mark_safe('<div class="article__body">' + "\n".join(parts) + "</div>")
