"""An outlet may serve its main edition at the site root, with no language prefix."""

import importlib

import pytest
from django.urls import clear_url_caches

import newsdesk.urls


def reload_urls():
    importlib.reload(newsdesk.urls)
    clear_url_caches()


@pytest.fixture
def main_edition_at_root(settings):
    settings.NEWSDESK_PREFIX_DEFAULT_EDITION = False
    reload_urls()
    yield
    settings.NEWSDESK_PREFIX_DEFAULT_EDITION = True
    reload_urls()


def test_main_edition_is_served_at_the_root(client, newsroom, main_edition_at_root):
    home = client.get("/")
    assert home.status_code == 200
    assert '<html lang="en">' in home.text
    assert newsroom.story.url.startswith("/politics/")
    story = client.get(newsroom.story.url)
    assert story.status_code == 200
    assert newsroom.story.title in story.text


def test_other_editions_keep_their_prefix(client, newsroom, main_edition_at_root):
    assert newsroom.story_ru.url.startswith("/ru/")
    response = client.get("/ru/")
    assert response.status_code == 200
    assert '<html lang="ru">' in response.text


def test_the_main_editions_prefix_is_no_address(client, newsroom, main_edition_at_root):
    assert client.get("/en/").status_code == 404
