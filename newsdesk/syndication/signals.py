"""A story joining or leaving a month changes the archive's counts."""

from newsdesk.pagecache.keys import content_changed
from newsdesk.syndication.archive import archive_changed


def connect():
    content_changed.connect(archive_changed, dispatch_uid="newsdesk.syndication.archive")
