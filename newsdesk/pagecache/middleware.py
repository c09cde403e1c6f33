"""Marks the responses every reader may share, and names what each one shows.

Outermost in Django's middleware, so it sees the final response. A response is shareable
when it is a 200 to an anonymous GET outside the admin that sets no cookie, varies on
nothing but its encoding, and was not marked private by its view. Such a response gets
`Cache-Control: public` with `s-maxage` (the page cache and Varnish keep it that long;
browsers revalidate every time with the ETag), and an `xkey` header listing the surrogate
keys collected while it was rendered, which is what purges match.
"""

import time

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

from newsdesk.pagecache.keys import collecting
from newsdesk.pagecache.wsgi import SURROGATE_HEADER


def is_shareable(request, response):
    """True when this response may be served to every anonymous reader."""
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(tuple(settings.NEWSDESK_PAGE_CACHE_BYPASS_PREFIXES))
        and set(response.get("Vary", "Accept-Encoding").replace(" ", "").lower().split(","))
        <= {"accept-encoding", ""}
    )


def fresh_seconds(expires_at):
    """The page cache's lifetime for a page, cut short when its content changes by itself."""
    seconds = settings.NEWSDESK_PAGE_CACHE_SECONDS
    if expires_at is not None:
        seconds = min(seconds, int(expires_at - time.time()))
    return max(seconds, 1)


class SharedCacheHeadersMiddleware:
    """Collects the surrogate keys of each response and marks shareable ones as such."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with collecting() as collected:
            response = self.get_response(request)
        if not is_shareable(request, response):
            return response
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={fresh_seconds(collected.expires_at)}, "
            f"stale-while-revalidate={settings.NEWSDESK_PAGE_CACHE_STALE_SECONDS}, "
            f"stale-if-error={settings.NEWSDESK_PAGE_CACHE_STALE_IF_ERROR_SECONDS}"
        )
        response[SURROGATE_HEADER] = " ".join(sorted(collected.keys))
        patch_vary_headers(response, ["Accept-Encoding"])
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)
