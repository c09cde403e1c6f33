"""WSGI entry point: Django, behind the view counter and the page cache that answer first,
all inside the layer that gives each request its id, log line and metrics."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

application = get_wsgi_application()

# Imported once Django is set up: they read settings and models.
from newsdesk.metrics.wsgi import ViewCounterMiddleware  # noqa: E402
from newsdesk.operations.wsgi import RequestContext  # noqa: E402
from newsdesk.pagecache.wsgi import PageCacheMiddleware  # noqa: E402

application = RequestContext(ViewCounterMiddleware(PageCacheMiddleware(application)))
