"""Search: words of a title find the story in its own edition; bad queries get a 400."""

import factories
import pytest


def test_search_finds_an_article_by_a_word_of_its_title(client, newsroom):
    response = client.get("/en/search/", {"q": "parliament"})
    assert response.status_code == 200
    assert factories.listed(response) == [newsroom.story]
    assert newsroom.story.title in response.text


def test_search_stays_in_the_readers_edition(client, newsroom):
    factories.article(newsroom.politics_hy, title="Parliament in Yerevan", slug="parl-hy")
    response = client.get("/en/search/", {"q": "parliament"})
    assert [story.locale.language_code for story in factories.listed(response)] == ["en"]


def test_search_finds_a_russian_story_in_the_russian_edition(client, newsroom):
    response = client.get("/ru/search/", {"q": "Парламент"})
    assert factories.listed(response) == [newsroom.story_ru]


def test_search_leaves_out_drafts(client, newsroom):
    factories.article(newsroom.politics, title="Parliament draft story", live=False)
    response = client.get("/en/search/", {"q": "parliament"})
    assert factories.listed(response) == [newsroom.story]


def test_search_says_honestly_that_nothing_was_found(client, newsroom):
    response = client.get("/en/search/", {"q": "xylophonezzz"})
    assert response.status_code == 200
    assert factories.listed(response) == []
    assert "xylophonezzz" in response.text
    assert newsroom.story.title not in response.text


def test_empty_search_shows_the_form_without_results(client, newsroom):
    response = client.get("/en/search/", {"q": "   "})
    assert response.status_code == 200
    assert factories.listed(response) == []


def test_search_results_are_paginated(client, newsroom, settings):
    settings.NEWSDESK_PAGE_SIZE = 2
    for number in range(3):
        factories.article(newsroom.politics, title=f"Election night {number}")
    first = client.get("/en/search/", {"q": "election"})
    second = client.get("/en/search/", {"q": "election", "page": "2"})
    assert first.context["page_obj"].paginator.count == 3
    assert len(factories.listed(first)) == 2
    assert len(factories.listed(second)) == 1
    assert "q=election" in first.text and "page=2" in first.text
    assert client.get("/en/search/", {"q": "election", "page": "3"}).status_code == 404


def test_search_pages_are_not_indexed_by_search_engines(client, newsroom):
    assert 'name="robots" content="noindex"' in client.get("/en/search/?q=budget").text


def test_huge_query_is_refused_with_a_readable_message(client, newsroom):
    response = client.get("/en/search/", {"q": "budget " * 1500})
    assert response.status_code == 400
    assert "too long" in response.context["error"]
    assert response.context["error"] in response.text


@pytest.mark.parametrize("query", ["budget\x01", "a\x1bb", "tab\x07bell"])
def test_query_with_control_characters_is_refused(client, newsroom, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 400
    assert response.context["error"]


def test_query_with_a_nul_byte_is_refused(client, newsroom):
    response = client.get("/en/search/?q=bud%00get")
    assert response.status_code == 400


def test_query_at_the_length_limit_is_searched(client, newsroom, settings):
    response = client.get("/en/search/", {"q": "b" * settings.NEWSDESK_MAX_QUERY_LENGTH})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "raw_query",
    [
        "%FF%FE",
        "%22",
        "a%22b",
        "%28",
        "*",
        "-",
        "AND",
        "OR+NOT",
        "a%3Ab",
        "%27%3B+DROP+TABLE",
        "%D5%80",
    ],
    ids=[
        "bad-utf8",
        "quote",
        "unpaired-quote",
        "paren",
        "star",
        "minus",
        "and",
        "or-not",
        "colon",
        "sql",
        "armenian-letter",
    ],
)
def test_odd_queries_are_searched_or_refused_never_an_error(client, newsroom, raw_query):
    response = client.get(f"/en/search/?q={raw_query}")
    assert response.status_code in (200, 400)


def test_quoted_words_are_found(client, newsroom):
    response = client.get("/en/search/", {"q": '"parliament'})
    assert response.status_code == 200
    assert factories.listed(response) == [newsroom.story]
