"""The branded error pages: a 500 renders even with the database gone."""

from django.test import RequestFactory
from django.utils import translation

from newsdesk.editions.views import page_not_found, server_error


def test_server_error_page_needs_no_database():
    # No `db` fixture: pytest-django makes any query in this test an error.
    request = RequestFactory().get("/ru/politics/")
    with translation.override("ru"):
        response = server_error(request)
    assert response.status_code == 500
    assert '<html lang="ru">' in response.content.decode()


def test_not_found_page_keeps_the_sites_header(outlet):
    request = RequestFactory().get("/en/lost/")
    with translation.override("en"):
        response = page_not_found(request)
    assert response.status_code == 404
    assert 'href="/en/search/"' in response.content.decode()
