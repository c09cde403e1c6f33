"""Where announced changes become purges: this site's page cache, then the HTTP caches.

The HTTP caches are Wagtail's frontend-cache backends (WAGTAILFRONTENDCACHE). A backend that
can purge by surrogate key (VarnishXkeyBackend) gets the keys; any other (Cloudflare,
CloudFront, a plain HTTP purger) cannot know which pages show the content, so it is left to
Wagtail's own handlers, which purge the changed page's URLs on publish and unpublish.
"""

import logging
import time

from django.conf import settings

from newsdesk.pagecache.cache import page_cache
from newsdesk.pagecache.keys import content_changed

logger = logging.getLogger(__name__)


def purge(keys):
    """Purge `keys` from the page cache and every HTTP cache that purges by key.

    The HTTP caches are purged only once every app process has read the purge log
    (NEWSDESK_PAGE_CACHE_SYNC_SECONDS): Varnish refetches at once, and a process that had
    not yet seen the purge would hand it the old page to keep for minutes.
    """
    from wagtail.contrib.frontend_cache.utils import get_backends

    page_cache().purge(keys)
    backends = {
        name: backend
        for name, backend in get_backends().items()
        if getattr(backend, "purge_keys", None) is not None
    }
    if not backends:
        return
    time.sleep(settings.NEWSDESK_PAGE_CACHE_SYNC_SECONDS)
    for name, backend in backends.items():
        logger.info("[%s] purging keys %s", name, " ".join(sorted(keys)))
        backend.purge_keys(keys)


def on_content_changed(sender, keys, **kwargs):
    purge(keys)


def connect():
    content_changed.connect(on_content_changed, dispatch_uid="newsdesk.pagecache.purge")
