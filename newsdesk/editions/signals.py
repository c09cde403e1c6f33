"""Announcing changes to what every page shows: wording, links, sites, editions, privacy."""

from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site

from newsdesk.editions.keys import EVERYTHING, edition_key, image_key
from newsdesk.editions.models import EditionSettings, OutletSettings
from newsdesk.pagecache.keys import announce_change


def edition_settings_changed(sender, instance, **kwargs):
    announce_change(edition_key(instance.locale.language_code))


def everything_changed(sender, **kwargs):
    """Links in every header, the sites, the editions, or who may see a page changed."""
    announce_change(EVERYTHING)


def outlet_links_changed(sender, created=False, **kwargs):
    # The first page view creates the empty row (OutletSettings.load): nothing to purge.
    if not created:
        announce_change(EVERYTHING)


# Wagtail fills these in the first time a picture is read; what readers see is unchanged.
IMAGE_BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def image_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= IMAGE_BOOKKEEPING_FIELDS:
        return
    announce_change(image_key(instance.pk))


def connect():
    post_save.connect(outlet_links_changed, sender=OutletSettings)
    post_delete.connect(everything_changed, sender=OutletSettings)
    for signal in (post_save, post_delete):
        signal.connect(edition_settings_changed, sender=EditionSettings)
        for model in (Site, Locale, PageViewRestriction):
            signal.connect(everything_changed, sender=model)
        signal.connect(image_changed, sender=get_image_model())
