"""The active edition from the URL prefix, without Django's guesswork on final 404s."""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class EditionLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 from a language-neutral view is final.

    Django redirects an unprefixed 404 to the default edition's same path whenever that path
    resolves, and Wagtail's catch-all page route makes every path resolve. So `/news/999/`
    (an old article address) or `/views/999/` (the view counter) would bounce to `/en/…` and
    404 there. When the request did reach one of our views outside the editions, that view
    has spoken: its 404 stands.
    """

    def process_response(self, request, response):
        reached_neutral_view = (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is not None
            and translation.get_language_from_path(request.path_info) is None
        )
        if reached_neutral_view:
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
