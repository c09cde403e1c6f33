"""A new logo changes every page's structured data and every sharing card; a story joining or
leaving a month changes the archive's counts."""

from django.db.models.signals import post_delete, post_save

from newsdesk.pagecache.keys import EVERYTHING, announce_change, content_changed
from newsdesk.syndication.archive import archive_changed
from newsdesk.syndication.models import SyndicationSettings


def settings_changed(sender, created=False, **kwargs):
    # The first page view creates the empty row (SyndicationSettings.load): nothing to purge.
    if not created:
        announce_change(EVERYTHING)


def connect():
    post_save.connect(settings_changed, sender=SyndicationSettings)
    post_delete.connect(settings_changed, sender=SyndicationSettings)
    content_changed.connect(archive_changed, dispatch_uid="newsdesk.syndication.archive")
