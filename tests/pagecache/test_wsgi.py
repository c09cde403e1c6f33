"""The page cache in front of a WSGI application: what is stored, served, bypassed and when.

A stand-in application counts its renders, so each test can tell a hit from a render.
"""

import gzip
import threading

import brotli
import pytest

from newsdesk.pagecache.cache import page_cache
from newsdesk.pagecache.wsgi import PageCacheMiddleware

SHAREABLE = "public, max-age=0, s-maxage=300, stale-while-revalidate=30, stale-if-error=86400"


class Application:
    """A WSGI app that renders "version N" pages with the headers it is given."""

    def __init__(self, cache_control=SHAREABLE, keys="page-1", status="200 OK", extra=()):
        self.renders = 0
        self.seen = []
        self.cache_control = cache_control
        self.keys = keys
        self.status = status
        self.extra = list(extra)
        self.gate = None

    def __call__(self, environ, start_response):
        self.renders += 1
        self.seen.append(environ.get("QUERY_STRING", ""))
        if self.gate is not None:
            self.gate.wait(10)
        headers = [("Content-Type", "text/html; charset=utf-8"), ("xkey", self.keys)]
        if self.cache_control:
            headers.append(("Cache-Control", self.cache_control))
        start_response(self.status, headers + self.extra)
        return [f"<p>version {self.renders}</p>".encode() * 50]


def call(app, path="/en/story/", method="GET", query="", **headers):
    """Run one request through `app`: (status code, headers dict, body bytes)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "127.0.0.1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        **{"HTTP_" + name.upper(): value for name, value in headers.items()},
    }
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"] = int(status.split()[0])
        started["headers"] = dict(response_headers)

    body = b"".join(app(environ, start_response))
    return started["status"], started["headers"], body


@pytest.fixture
def origin():
    return Application()


@pytest.fixture
def cached(origin, settings):
    settings.NEWSDESK_PAGE_CACHE = True
    return PageCacheMiddleware(origin)


def test_a_shareable_page_is_rendered_once_then_served_from_the_cache(cached, origin):
    first = call(cached)
    second = call(cached)
    assert origin.renders == 1
    assert first[1]["X-Cache"] == "MISS" and second[1]["X-Cache"] == "HIT"
    assert second[2] == first[2] == b"<p>version 1</p>" * 50
    assert second[1]["Content-Length"] == str(len(second[2]))


def test_compressed_copies_are_served_to_clients_that_accept_them(cached):
    plain = call(cached)[2]
    status, headers, body = call(cached, ACCEPT_ENCODING="gzip, deflate, br")
    assert headers["Content-Encoding"] == "br" and brotli.decompress(body) == plain
    status, headers, body = call(cached, ACCEPT_ENCODING="gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == plain
    assert headers["Vary"] == "Accept-Encoding"


def test_a_client_holding_the_page_gets_304(cached):
    etag = call(cached)[1]["ETag"]
    status, headers, body = call(cached, IF_NONE_MATCH=etag)
    assert (status, body) == (304, b"")
    assert headers["ETag"] == etag
    last_modified = headers["Last-Modified"]
    assert call(cached, IF_MODIFIED_SINCE=last_modified)[0] == 304
    assert call(cached, IF_NONE_MATCH='"something-else"')[0] == 200


def test_head_is_answered_from_the_cache_without_a_body(cached, origin):
    call(cached)
    status, headers, body = call(cached, method="HEAD")
    assert (status, body, origin.renders) == (200, b"", 1)
    assert int(headers["Content-Length"]) > 0


def test_tracking_parameters_neither_bypass_nor_multiply_the_cache(cached, origin):
    call(cached, query="page=2")
    call(cached, query="utm_source=mail&page=2&fbclid=xyz&gclid=1")
    assert origin.renders == 1
    call(cached, query="page=3")
    assert origin.renders == 2
    # Django never sees what pages do not read.
    assert origin.seen == ["page=2", "page=3"]


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/en/story/", "GET", {"COOKIE": "theme=dark; sessionid=abc"}),
        ("/en/story/", "GET", {"AUTHORIZATION": "Basic eDp5"}),
        ("/en/story/", "POST", {}),
        ("/admin/pages/", "GET", {}),
        ("/views/12/", "GET", {}),
    ],
    ids=["editor-session", "authorization", "post", "admin", "view-counter"],
)
def test_editors_writes_and_the_admin_bypass_the_cache(cached, origin, path, method, headers):
    call(cached, path=path, method=method, **headers)
    call(cached, path=path, method=method, **headers)
    assert origin.renders == 2


@pytest.mark.parametrize(
    "origin",
    [
        Application(cache_control="private, max-age=0"),
        Application(cache_control=None),
        Application(status="404 Not Found"),
        Application(extra=[("Set-Cookie", "csrftoken=1")]),
    ],
    ids=["private", "no-cache-control", "not-found", "sets-a-cookie"],
)
def test_responses_the_site_did_not_mark_shareable_are_not_stored(cached, origin):
    call(cached)
    call(cached)
    assert origin.renders == 2


def test_after_a_purge_the_page_is_rendered_again(cached, origin):
    call(cached)
    page_cache().purge({"page-1"})
    status, headers, body = call(cached)
    assert origin.renders == 2 and body.startswith(b"<p>version 2</p>")
    assert call(cached)[1]["X-Cache"] == "HIT"


def test_a_purge_of_another_key_leaves_the_page_cached(cached, origin):
    call(cached)
    page_cache().purge({"page-2"})
    call(cached)
    assert origin.renders == 1


def test_while_one_request_renders_a_purged_page_the_others_get_the_previous_version(
    cached, origin
):
    call(cached)
    page_cache().purge({"page-1"})
    origin.gate = threading.Event()
    renderer = threading.Thread(target=call, args=(cached,))
    renderer.start()
    try:
        while origin.renders < 2:  # the renderer holds the lock and waits at the gate
            threading.Event().wait(0.01)
        status, headers, body = call(cached)
        assert headers["X-Cache"] == "STALE" and body.startswith(b"<p>version 1</p>")
        assert origin.renders == 2
        # Varnish must not keep the old copy it was answered with.
        assert "public" not in headers["Cache-Control"]
    finally:
        origin.gate.set()
        renderer.join()
    assert call(cached)[2].startswith(b"<p>version 2</p>")


def test_a_page_rendered_while_its_content_was_purged_is_not_shared(cached, origin):
    """The render may have read the old content: answered, but kept by no cache."""
    original = origin.__call__

    def render_then_purge(environ, start_response):
        result = original(environ, start_response)
        page_cache().purge({"page-1"})
        return result

    origin.__call__ = render_then_purge
    app = PageCacheMiddleware(lambda environ, start: origin.__call__(environ, start))
    status, headers, body = call(app)
    assert headers["X-Cache"] == "MISS" and "public" not in headers["Cache-Control"]
    assert call(app)[1]["X-Cache"] == "MISS"


def test_surrogate_keys_go_only_to_a_cache_that_asks_for_them(cached):
    assert "xkey" not in call(cached)[1]
    assert "xkey" not in call(cached)[1]
    keys = call(cached, SURROGATE_CAPABILITY="varnish=xkey")[1]["xkey"]
    assert keys == "page-1"


def test_a_failed_render_is_answered_with_the_previous_version(cached, origin):
    call(cached)
    page_cache().purge({"page-1"})
    origin.status = "500 Internal Server Error"
    status, headers, body = call(cached)
    assert status == 200 and headers["X-Cache"] == "STALE"
    assert body.startswith(b"<p>version 1</p>")
    assert "public" not in headers["Cache-Control"]


def test_readers_without_a_previous_version_wait_for_the_one_render(cached, origin):
    origin.gate = threading.Event()
    answers = []
    readers = [threading.Thread(target=lambda: answers.append(call(cached))) for _ in range(5)]
    for reader in readers:
        reader.start()
    threading.Event().wait(0.3)
    origin.gate.set()
    for reader in readers:
        reader.join()
    assert origin.renders == 1
    assert len({body for _, _, body in answers}) == 1


def test_with_the_cache_off_every_request_renders(origin, settings):
    settings.NEWSDESK_PAGE_CACHE = False
    app = PageCacheMiddleware(origin)
    call(app)
    call(app)
    assert origin.renders == 2
