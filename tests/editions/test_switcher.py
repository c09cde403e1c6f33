"""The edition switcher and hreflang alternates: the translation where one exists, else home."""

import factories
import pytest
from django.test import RequestFactory
from django.utils import translation

from newsdesk.editions.editions import edition_homes, edition_links


def links_by_code(page, language_code="en"):
    request = RequestFactory().get("/")
    with translation.override(language_code):
        return {link.language_code: link for link in edition_links(request, page)}


def test_switcher_lands_on_translation(newsroom):
    links = links_by_code(newsroom.story)
    assert links["ru"].url == newsroom.story_ru.url
    assert links["ru"].is_translation


def test_switcher_falls_back_to_the_other_editions_home(newsroom):
    links = links_by_code(newsroom.story)
    assert links["hy"].url == "/hy/"
    assert not links["hy"].is_translation


def test_switcher_lists_editions_in_configured_order_and_marks_the_current(newsroom):
    links = links_by_code(newsroom.story_ru, "ru")
    assert list(links) == ["en", "ru", "hy"]
    assert [code for code, link in links.items() if link.is_current] == ["ru"]
    assert links["en"].url == newsroom.story.url


def test_switcher_ignores_a_draft_translation(newsroom):
    draft = newsroom.story.copy_for_translation(factories.locale_of("hy"))
    assert not draft.live
    assert links_by_code(newsroom.story)["hy"].url == "/hy/"


def test_switcher_without_a_page_goes_to_each_home(newsroom):
    links = links_by_code(None)
    assert {code: link.url for code, link in links.items()} == {
        "en": "/en/",
        "ru": "/ru/",
        "hy": "/hy/",
    }


def test_edition_homes_know_every_edition(outlet):
    assert set(edition_homes()) == {"en", "ru", "hy"}


def test_article_page_switcher_links_the_russian_translation(client, newsroom):
    text = client.get(newsroom.story.url).text
    assert f'href="{newsroom.story_ru.url}"' in text
    assert 'href="/hy/"' in text


def test_hreflang_alternates_name_only_real_translations(client, newsroom):
    text = client.get(newsroom.story.url).text
    assert f'hreflang="ru" href="http://testserver{newsroom.story_ru.url}"' in text
    assert 'rel="alternate" hreflang="hy"' not in text


@pytest.mark.parametrize("language_code", ["en", "ru", "hy"])
def test_every_edition_home_links_the_other_homes(client, outlet, language_code):
    text = client.get(f"/{language_code}/").text
    for other in ("en", "ru", "hy"):
        assert f'href="/{other}/"' in text


def test_home_page_names_every_other_edition_as_an_alternate(client, outlet):
    text = client.get("/ru/").text
    for code in ("en", "hy"):
        assert f'hreflang="{code}" href="http://testserver/{code}/"' in text


def test_page_addresses_do_not_read_djangos_cache_for_the_sites(client, newsroom, monkeypatch):
    from django.core.cache import cache

    client.get(newsroom.story.url)  # the sites are remembered in this process from here on
    asked = []
    original_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *a, **kw: asked.append(key) or original_get(key, *a, **kw)
    )
    response = client.get(newsroom.story.url)
    assert response.status_code == 200
    assert newsroom.politics.url in response.content.decode()
    assert not [key for key in asked if "site_root_paths" in str(key)]


def test_page_addresses_follow_a_change_of_the_site(client, newsroom):
    from wagtail.models import Site

    assert newsroom.story.get_full_url(None).startswith("http://localhost")
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "news.example", 443
    site.save()
    story = type(newsroom.story).objects.get(pk=newsroom.story.pk)
    assert story.get_full_url(None).startswith("https://news.example/")
