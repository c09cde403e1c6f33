"""Interface text comes from the gettext catalogues in each edition's language."""

import pytest
from django.utils import translation

# Wording every article page carries (see the list of translated interface text).
ARTICLE_PAGE_WORDING = ["Views:", "What are you looking for?"]


def in_language(language_code, text):
    with translation.override(language_code):
        return translation.gettext(text)


@pytest.mark.parametrize("language_code", ["ru", "hy"])
@pytest.mark.parametrize("text", ARTICLE_PAGE_WORDING + ["Page not found"])
def test_catalogues_translate_the_interface(language_code, text):
    assert in_language(language_code, text) != text


@pytest.mark.parametrize("language_code", ["ru", "hy"])
def test_article_page_wording_is_in_the_editions_language(client, newsroom, language_code):
    from factories import translation as translated_copy

    story = {"ru": newsroom.story_ru, "hy": None}[language_code] or translated_copy(
        newsroom.story, "hy"
    )
    text = client.get(story.url).text
    for wording in ARTICLE_PAGE_WORDING:
        assert in_language(language_code, wording) in text
        assert wording not in text


def test_russian_not_found_page_is_in_russian(client, newsroom):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="ru">' in response.text
    assert "Страница не найдена" in response.text
