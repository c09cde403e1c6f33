"""Addresses under /media/ reach only the media folder, whatever dots and escapes they hold."""

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest

TRAVERSALS = [
    "/media/../secret_key",
    "/media/%2e%2e/secret_key",
    "/media/..%2fsecret_key",
    "/media/%2e%2e%2fsecret_key",
    "/media/images/../../secret_key",
    "/media/..%5csecret_key",
    "/media//etc/passwd",
    "/media/%2fetc%2fpasswd",
    "/media/....//secret_key",
]


def raw_get(base_url, path):
    """GET `path` exactly as written: no client tidies the dots away first."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path", TRAVERSALS)
def test_the_server_never_hands_out_files_outside_media(running_demo_site, path):
    secret = (Path(running_demo_site.env["NEWSDESK_VAR_DIR"]) / "secret_key").read_bytes()
    status, body = raw_get(running_demo_site.base_url, path)
    assert status >= 400, (path, status)
    assert secret not in body and b"root:" not in body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_djangos_own_media_serving_stays_in_the_folder_too(client, outlet, path):
    response = client.get(path)
    assert response.status_code >= 400
    assert b"root:" not in response.content
