"""The active edition from the URL prefix, without Django's guesswork on final 404s."""

from functools import wraps

from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def same_in_every_language(view):
    """Mark a view outside the editions whose answer depends on no reader's language.

    Django's LocaleMiddleware adds `Vary: Accept-Language` to every unprefixed response,
    which keeps it out of the shared caches; sitemaps, robots.txt, sharing cards and the
    API name their edition in the address (or need none), so they are cached like pages.
    """

    @wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.same_in_every_language = True
        return response

    return marked


class EditionLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from a language-neutral view is final.

    Django redirects an unprefixed 404 to the default edition's same path whenever that path
    resolves, and Wagtail's catch-all page route makes every path resolve. So `/news/999/`
    (an old article address) or `/views/999/` (the view counter) would bounce to `/en/…` and
    404 there. When the request did reach one of our views outside the editions, that view
    has spoken: its 404 stands.
    """

    def process_response(self, request, response):
        if getattr(response, "same_in_every_language", False):
            return response
        reached_neutral_view = (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is not None
            and translation.get_language_from_path(request.path_info) is None
        )
        if reached_neutral_view:
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
