"""Every response carries a Content-Security-Policy; readers' pages allow one inline script."""

import io
from html.parser import HTMLParser

import pytest
from wsgi_calls import connection_kept

from newsdesk.security.inline import BEFORE_PAINT, INLINE_SCRIPT_HASHES


class Scripts(HTMLParser):
    """The <script> elements of a page: (attributes, text)."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.inside = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.inside = (dict(attrs), [])
            self.found.append(self.inside)

    def handle_data(self, data):
        if self.inside is not None:
            self.inside[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = None


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("kind", ["home", "section", "article", "tag", "search", "missing"])
def test_reader_pages_allow_only_their_own_inline_script(client, newsroom, kind):
    url = {
        "home": "/en/",
        "section": newsroom.politics.url,
        "article": newsroom.story.url,
        "tag": "/en/tags/budget/",
        "search": "/en/search/?q=budget",
        "missing": "/en/no-such-page/",
    }[kind]
    response = client.get(url)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", *INLINE_SCRIPT_HASHES]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    parser = Scripts()
    parser.feed(response.content.decode())
    inline = [
        "".join(text)
        for attrs, text in parser.found
        if "src" not in attrs and attrs.get("type") != "application/ld+json"
    ]
    assert inline == [BEFORE_PAINT]


def test_the_hash_is_the_scripts_own():
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(BEFORE_PAINT.encode()).digest()).decode()
    assert (f"'sha256-{digest}'",) == INLINE_SCRIPT_HASHES


def test_the_admin_has_a_policy_of_its_own(admin_client, newsroom):
    response = admin_client.get("/admin/")
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_companion_headers_are_sent(client, newsroom):
    response = client.get(newsroom.story.url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def wsgi_get(path):
    """GET through the whole WSGI stack, page cache included, as granian calls it."""
    from newsdesk.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(),
        "wsgi.url_scheme": "http",
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(headers)

    with connection_kept():
        b"".join(application(environ, start_response))
    return answer


def test_a_page_from_the_page_cache_keeps_its_policy(newsroom):
    first = wsgi_get(newsroom.story.url)
    second = wsgi_get(newsroom.story.url)
    assert second["X-Cache"] == "HIT"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
