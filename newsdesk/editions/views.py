"""Branded error pages, in the language of the edition the reader was in."""

from django.http import HttpResponseNotFound, HttpResponseServerError
from django.template import loader


def page_not_found(request, exception=None):
    """404 with the site's header and footer, translated by the URL's edition prefix."""
    body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponseNotFound(body)


def server_error(request):
    """500 that renders even when the database is down: no query, plain context only."""
    body = loader.render_to_string("500.html", {"edition": None, "request": request})
    return HttpResponseServerError(body)
