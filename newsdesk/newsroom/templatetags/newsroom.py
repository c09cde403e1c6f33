"""{% newsroom_brand as brand %}: the outlet's name and logo for the admin's own pages."""

from django import template
from django.conf import settings

from newsdesk.editions.models import EditionSettings, OutletSettings

register = template.Library()


@register.simple_tag
def newsroom_brand():
    """{"name": the default edition's outlet name, "logo": a rendition of the logo or None}."""
    wording = EditionSettings.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    logo = OutletSettings.load().logo
    return {
        "name": wording.outlet_name if wording else settings.WAGTAIL_SITE_NAME,
        "logo": logo.get_rendition("max-160x160|format-png") if logo else None,
    }
