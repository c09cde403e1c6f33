"""WSGI entry point: Django, behind the view counter and the page cache that answer first."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

application = get_wsgi_application()

# Imported once Django is set up: both read settings and models.
from newsdesk.metrics.wsgi import ViewCounterMiddleware  # noqa: E402
from newsdesk.pagecache.wsgi import PageCacheMiddleware  # noqa: E402

application = ViewCounterMiddleware(PageCacheMiddleware(application))
