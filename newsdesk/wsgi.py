"""WSGI entry point: Django, wrapped in the page cache that answers readers before it runs."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

from newsdesk.pagecache.wsgi import PageCacheMiddleware  # noqa: E402 (needs settings)

application = PageCacheMiddleware(get_wsgi_application())
