"""Serving edition pages, and branded error pages in the language of the reader's edition."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from redis import RedisError
from wagtail.views import serve as wagtail_serve

from newsdesk.editions.editions import current_site, edition_homes


def serve(request, path):
    """Wagtail's page view, with the site and the edition's home page taken from memory.

    Wagtail finds both with queries on every request (the site by host, then the home page's
    translation and its specific type) before it routes from the home page down; handing it
    the remembered ones saves three queries a page, and the routing stays Wagtail's.
    """
    if current_site(request) is not None:
        home = edition_homes(request).get(translation.get_language())
        if home is not None:
            components = [component for component in path.split("/") if component]
            try:
                request._wagtail_route_for_request = home.route(request, components)
            except Http404:
                request._wagtail_route_for_request = None
    return wagtail_serve(request, path)


@never_cache
def healthz(request):
    """Alive: answers without touching the database (load balancers and Varnish probe it)."""
    return HttpResponse("ok\n", content_type="text/plain")


def page_not_found(request, exception=None):
    """404 with the site's header and footer, translated by the URL's edition prefix."""
    body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponseNotFound(body)


# What a database or Redis that is away (restarting, unreachable) raises.
SERVICE_UNAVAILABLE = (OperationalError, InterfaceError, RedisError)
RETRY_AFTER_SECONDS = 5


def server_error(request):
    """500 that renders even when the database is down: no query, plain context only.

    When the error is a database or Redis that cannot be reached, the answer is a 503 that
    says to come back in a moment: such an outage passes by itself (a restart, a failover).
    """
    if isinstance(sys.exception(), SERVICE_UNAVAILABLE):
        return service_unavailable(request)
    body = loader.render_to_string("500.html", {"edition": None, "request": request})
    return HttpResponseServerError(body)


def service_unavailable(request):
    """The branded 503, in the language of the URL's edition, kept by no cache."""
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        body = loader.render_to_string("503.html", {"edition": None, "request": request})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
