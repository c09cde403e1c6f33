"""Announcing changes to ad placements: every page with an ad slot may show another ad."""

from django.db.models.signals import post_delete, post_save

from newsdesk.ads.models import ADS_KEY, AdPlacement
from newsdesk.pagecache.keys import announce_change


def placement_changed(sender, **kwargs):
    announce_change(ADS_KEY)


def connect():
    post_save.connect(placement_changed, sender=AdPlacement)
    post_delete.connect(placement_changed, sender=AdPlacement)
