"""The search page: any form of a word finds the story, in its own edition, up to date."""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from newsdesk.search.models import SearchEntry


def story(section, indexed, **fields):
    """A published story whose index update (queued for the commit) has run."""
    with indexed():
        return factories.article(section, **fields)


def test_search_finds_an_article_by_a_word_of_its_title(client, newsroom):
    response = client.get("/en/search/", {"q": "parliament"})
    assert response.status_code == 200
    assert factories.listed(response) == [newsroom.story]
    assert newsroom.story.title in response.text


def test_plural_finds_the_singular_and_back(client, newsroom, indexed):
    found = story(newsroom.politics, indexed, title="Teachers strike in the north")
    assert factories.listed(client.get("/en/search/", {"q": "teacher"})) == [found]
    assert factories.listed(client.get("/en/search/", {"q": "TEACHERS"})) == [found]


def test_russian_case_endings_find_each_other(client, newsroom, indexed):
    found = story(newsroom.politics_ru, indexed, title="Переговоры в Стамбуле", slug="talks")
    for query in ("переговоров", "переговорах", "стамбул"):
        assert factories.listed(client.get("/ru/search/", {"q": query})) == [found], query


def test_yo_and_ye_are_one_letter(client, newsroom, indexed):
    found = story(newsroom.politics_ru, indexed, title="Зелёный коридор", slug="green")
    assert factories.listed(client.get("/ru/search/", {"q": "зеленый"})) == [found]


def test_armenian_noun_cases_find_each_other(client, newsroom, indexed):
    found = story(newsroom.politics_hy, indexed, title="Գյուղերը տարհանվել են", slug="v")
    for query in ("գյուղ", "գյուղերից", "գյուղերի"):
        assert factories.listed(client.get("/hy/search/", {"q": query})) == [found], query


def test_search_stays_in_the_readers_edition(client, newsroom, indexed):
    story(newsroom.politics_hy, indexed, title="Parliament in Yerevan", slug="parl-hy")
    response = client.get("/en/search/", {"q": "parliament"})
    assert [found.locale.language_code for found in factories.listed(response)] == ["en"]


def test_search_leaves_out_drafts_and_stories_not_yet_due(client, newsroom, indexed):
    with indexed():
        factories.article(newsroom.politics, title="Parliament draft story", live=False)
        factories.article(
            newsroom.politics,
            title="Parliament tomorrow",
            published_at=timezone.now() + timedelta(hours=2),
        )
    assert factories.listed(client.get("/en/search/", {"q": "parliament"})) == [newsroom.story]


def test_an_edit_is_found_by_its_new_words_only(client, newsroom, indexed):
    found = story(newsroom.politics, indexed, title="Bridge reopens")
    found.title = "Tunnel reopens"
    with indexed():
        factories.publish(found)
    assert factories.listed(client.get("/en/search/", {"q": "tunnel"})) == [found]
    assert factories.listed(client.get("/en/search/", {"q": "bridge"})) == []


def test_unpublished_and_deleted_stories_leave_the_index(client, newsroom, indexed):
    first = story(newsroom.politics, indexed, title="Harvest festival one")
    second = story(newsroom.politics, indexed, title="Harvest festival two")
    with indexed():
        first.unpublish()
        second.delete()
    assert factories.listed(client.get("/en/search/", {"q": "harvest"})) == []
    assert not SearchEntry.objects.filter(article_id__in=[first.pk, second.pk]).exists()


def test_title_outranks_the_body(client, newsroom, indexed):
    older_title = story(
        newsroom.politics,
        indexed,
        title="Glacier melts faster",
        published_at=timezone.now() - timedelta(days=30),
    )
    newer_body = story(
        newsroom.politics,
        indexed,
        title="Weather report",
        body=[("paragraph", RichText("<p>Rain, and a word on the glacier.</p>"))],
    )
    ranked = factories.listed(client.get("/en/search/", {"q": "glacier"}))
    assert ranked == [older_title, newer_body]
    by_date = factories.listed(client.get("/en/search/", {"q": "glacier", "sort": "date"}))
    assert by_date == [newer_body, older_title]


def test_a_phrase_in_the_title_outranks_it_in_the_standfirst_and_the_body(
    client, newsroom, indexed
):
    days_ago = [timezone.now() - timedelta(days=days) for days in (60, 30, 1)]
    in_title = story(
        newsroom.politics, indexed, title="Glacier lake floods", published_at=days_ago[0]
    )
    in_standfirst = story(
        newsroom.politics,
        indexed,
        title="Valley warned",
        lead="The glacier lake rose overnight.",
        published_at=days_ago[1],
    )
    in_body = story(
        newsroom.politics,
        indexed,
        title="Weather report",
        body=[("paragraph", RichText("<p>Rain fell near the glacier lake again.</p>"))],
        published_at=days_ago[2],
    )
    ranked = factories.listed(client.get("/en/search/", {"q": '"glacier lake"'}))
    assert ranked == [in_title, in_standfirst, in_body]
    by_date = factories.listed(client.get("/en/search/", {"q": '"glacier lake"', "sort": "date"}))
    assert by_date == [in_body, in_standfirst, in_title]


def test_exact_phrase_needs_the_words_together(client, newsroom, indexed):
    together = story(newsroom.politics, indexed, title="Istanbul talks resume")
    story(newsroom.politics, indexed, title="Talks in Ankara, flights to Istanbul", slug="ankara")
    assert len(factories.listed(client.get("/en/search/", {"q": "istanbul talks"}))) == 2
    assert factories.listed(client.get("/en/search/", {"q": '"Istanbul talks"'})) == [together]


def test_results_show_the_matched_words_marked(client, newsroom, indexed):
    story(
        newsroom.politics,
        indexed,
        title="Budget vote",
        lead="Deputies negotiated the <figures> until dawn.",
    )
    response = client.get("/en/search/", {"q": "negotiations"})
    assert "<mark>negotiated</mark>" in response.text
    assert "&lt;figures&gt;" in response.text


def test_filters_narrow_the_results(client, newsroom, indexed):
    economy = factories.section("en", title="Economy desk", slug="economy-desk")
    with indexed():
        tagged = factories.article(
            newsroom.politics,
            title="Water tariffs rise",
            tags=["utilities"],
            people=[newsroom.expert],
        )
        other = factories.article(
            economy,
            title="Water tariffs explained",
            published_at=timezone.now() - timedelta(days=9),
        )
    search = {"q": "water tariffs"}
    assert set(factories.listed(client.get("/en/search/", search))) == {tagged, other}
    assert factories.listed(client.get("/en/search/", {**search, "section": "economy-desk"})) == [
        other
    ]
    assert factories.listed(client.get("/en/search/", {**search, "tag": "utilities"})) == [tagged]
    assert factories.listed(client.get("/en/search/", {**search, "person": "ruben-expert"})) == [
        tagged
    ]
    since = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert factories.listed(client.get("/en/search/", {**search, "from": since})) == [tagged]
    assert factories.listed(client.get("/en/search/", {**search, "to": since})) == [other]


@pytest.mark.parametrize(
    "parameters",
    [{"sort": "views"}, {"section": "nowhere"}, {"tag": "no-such-tag"}, {"from": "2024-13-45"}],
    ids=["sort", "section", "tag", "date"],
)
def test_a_filter_that_names_nothing_is_a_readable_400(client, newsroom, parameters):
    response = client.get("/en/search/", {"q": "budget", **parameters})
    assert response.status_code == 400
    assert response.context["error"] in response.text


def test_nothing_found_suggests_a_spelling_from_the_index(client, newsroom, indexed):
    story(newsroom.politics, indexed, title="Referendum on the constitution")
    response = client.get("/en/search/", {"q": "constitusion"})
    assert factories.listed(response) == []
    assert response.context["results"].suggestion == "constitution"
    assert "q=constitution" in response.text


def test_latin_spelling_of_a_russian_word_is_suggested(client, newsroom, indexed):
    story(newsroom.politics_ru, indexed, title="Переговоры продолжатся", slug="talks-go-on")
    response = client.get("/ru/search/", {"q": "peregovory"})
    assert response.status_code == 200
    assert response.context["results"].suggestion == "переговоры"
    assert "Возможно, вы имели в виду <a href=" in response.text


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


def test_search_results_are_paginated_with_the_filters_kept(client, newsroom, settings, indexed):
    settings.NEWSDESK_PAGE_SIZE = 2
    with indexed():
        for number in range(3):
            factories.article(newsroom.politics, title=f"Election night {number}")
    first = client.get("/en/search/", {"q": "election", "sort": "date"})
    second = client.get("/en/search/", {"q": "election", "sort": "date", "page": "2"})
    assert first.context["results"].count == 3
    assert len(factories.listed(first)) == 2
    assert len(factories.listed(second)) == 1
    assert "q=election&amp;sort=date&amp;page=2" in first.text
    assert client.get("/en/search/", {"q": "election", "page": "3"}).status_code == 404


def test_a_common_word_says_more_than_it_ranks(client, newsroom, settings, indexed):
    settings.NEWSDESK_SEARCH_CANDIDATES = 2
    with indexed():
        for number in range(3):
            factories.article(newsroom.politics, title=f"Market report {number}")
    response = client.get("/en/search/", {"q": "market"})
    assert response.context["results"].capped
    assert "More than 2 stories" in response.text


def test_an_older_headline_match_is_ranked_when_newer_body_matches_fill_the_pool(
    client, newsroom, settings, indexed
):
    settings.NEWSDESK_SEARCH_CANDIDATES = 2
    older_title = story(
        newsroom.politics,
        indexed,
        title="Tram depot closes",
        published_at=timezone.now() - timedelta(days=90),
    )
    for number in range(2):
        story(
            newsroom.politics,
            indexed,
            title=f"City notes {number}",
            body=[("paragraph", RichText("<p>Buses replaced the tram for a week.</p>"))],
        )
    results = factories.listed(client.get("/en/search/", {"q": "tram"}))
    assert results[0] == older_title
    assert len(results) == 3


def test_search_pages_are_not_indexed_by_search_engines(client, newsroom):
    assert 'name="robots" content="noindex"' in client.get("/en/search/?q=budget").text


def test_huge_query_is_cut_and_searched(client, newsroom, settings):
    response = client.get("/en/search/", {"q": "budget " * 1500})
    assert response.status_code == 200
    assert len(response.context["query"]) <= settings.NEWSDESK_MAX_QUERY_LENGTH
    assert factories.listed(response) == [newsroom.story]
    assert "shortened" in response.text


@pytest.mark.parametrize("query", ["budget\x01", "a\x1bb", "tab\x07bell"])
def test_query_with_control_characters_is_refused(client, newsroom, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 400
    assert response.context["error"]


def test_query_with_a_nul_byte_is_refused(client, newsroom):
    response = client.get("/en/search/?q=bud%00get")
    assert response.status_code == 400


def test_quoted_words_are_found(client, newsroom):
    response = client.get("/en/search/", {"q": '"parliament'})
    assert response.status_code == 200
    assert factories.listed(response) == [newsroom.story]


def test_titles_are_offered_as_the_reader_types(client, newsroom, indexed):
    found = story(newsroom.politics, indexed, title="Referendum results announced")
    response = client.get("/en/search/titles/", {"q": "referendum res"})
    assert response.status_code == 200
    assert response.json()["titles"] == [{"title": found.title, "url": found.url}]
    assert client.get("/en/search/titles/", {"q": "referendum x"}).json()["titles"] == []
    assert client.get("/en/search/titles/", {"q": ""}).json()["titles"] == []


def test_autocomplete_refuses_control_characters_with_problem_details(client, newsroom):
    response = client.get("/en/search/titles/", {"q": "a\x01"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400
