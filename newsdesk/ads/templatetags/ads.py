"""{% ad_slot "name" %}: the running ad for a slot, or nothing at all."""

from django import template
from django.utils import timezone, translation

from newsdesk.ads.models import ADS_KEY, AdPlacement, next_ad_change
from newsdesk.pagecache.cache import remembered
from newsdesk.pagecache.keys import changes_at, shows

register = template.Library()
# Placements change through the admin, which announces them; this is only a safety net.
REMEMBER_SECONDS = 300


def booked_placements(slot, language_code):
    """The slot's placements that have not ended, best first, remembered in this process."""
    return remembered(
        f"ads:{slot}:{language_code}",
        lambda: list(AdPlacement.objects.booked(slot, language_code).select_related("image")),
        keys=[ADS_KEY],
        seconds=REMEMBER_SECONDS,
    )


@register.inclusion_tag("components/ad_slot.html")
def ad_slot(slot):
    """The highest-priority placement running in `slot` for the active edition, if any."""
    now = timezone.now()
    placements = booked_placements(slot, translation.get_language())
    shows(ADS_KEY)
    change = next_ad_change(placements, now)
    if change is not None:
        # A cached page must not outlive the moment another ad starts or this one ends.
        changes_at(change)
    running = (placement for placement in placements if placement.is_running(now))
    return {"placement": next(running, None), "slot": slot}
