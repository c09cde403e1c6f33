"""Serving edition pages, and branded error pages in the language of the reader's edition."""

from django.http import Http404, HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
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


def server_error(request):
    """500 that renders even when the database is down: no query, plain context only."""
    body = loader.render_to_string("500.html", {"edition": None, "request": request})
    return HttpResponseServerError(body)
