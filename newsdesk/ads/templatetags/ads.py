"""{% ad_slot "name" %}: the running ad for a slot, or nothing at all."""

from django import template
from django.utils import translation

from newsdesk.ads.models import AdPlacement

register = template.Library()


@register.inclusion_tag("components/ad_slot.html")
def ad_slot(slot):
    """The highest-priority placement running in `slot` for the active edition, if any."""
    placement = (
        AdPlacement.objects.running(slot, translation.get_language())
        .select_related("image")
        .first()
    )
    return {"placement": placement, "slot": slot}
