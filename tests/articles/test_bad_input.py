"""Bad addresses and parameters get a clear 4xx, never a 500."""

import factories
import pytest

BAD_PAGE_NUMBERS = ["0", "abc", "99999", "-1", "1.5", "", "²", "99999999999999999999999"]


@pytest.mark.parametrize(
    "path",
    [
        "/en/politics/no-such-story/",
        "/en/no-such-section/",
        "/en/no-such-section/parliament-passes-budget/",
        "/ru/politics/no-such-story/",
        "/en/tags/no-such-tag/",
        "/en/people/no-such-person/",
    ],
)
def test_unknown_slug_is_not_found(client, newsroom, path):
    assert client.get(path).status_code == 404


def test_article_of_another_edition_is_not_found_under_this_prefix(client, newsroom):
    assert client.get("/en/politics/hy-only/").status_code == 404


def test_person_of_another_edition_is_not_found_under_this_prefix(client, newsroom):
    assert client.get("/ru/people/ruben-expert/").status_code == 404


@pytest.mark.parametrize("number", BAD_PAGE_NUMBERS)
@pytest.mark.parametrize(
    "path", ["/en/politics/", "/en/tags/budget/", "/en/people/ruben-expert/", "/en/search/"]
)
def test_bad_page_number_is_not_found(client, newsroom, path, number):
    separator = "&" if "?" in path else "?"
    query = "q=budget&" if path == "/en/search/" else ""
    response = client.get(f"{path}?{query}page={number}".replace("?&", separator))
    assert response.status_code == 404


def test_draft_article_is_not_found(client, newsroom):
    draft = factories.article(newsroom.politics, title="Embargoed", live=False)
    assert client.get(f"/en/politics/{draft.slug}/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/de/", "/xx/politics/", "/de/politics/parliament-passes-budget/"]
)
def test_unknown_edition_prefix_is_not_found(client, newsroom, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404


def test_old_numeric_address_moves_permanently_to_the_article(client, newsroom):
    response = client.get(f"/news/{newsroom.story.pk}/")
    assert response.status_code == 301
    assert response["Location"] == newsroom.story.url


def test_old_numeric_address_of_a_translation_goes_to_its_edition(client, newsroom):
    response = client.get(f"/news/{newsroom.story_ru.pk}/")
    assert response.status_code == 301
    assert response["Location"] == newsroom.story_ru.url


# LocaleMiddleware sends a 404 outside the editions to the default edition's same path first
# (/news/0/ -> /en/news/0/); where the reader lands is what counts.
@pytest.mark.parametrize("article_id", [0, 999999, 2**31, 10**23])
def test_old_numeric_address_of_unknown_article_is_not_found(client, newsroom, article_id):
    assert client.get(f"/news/{article_id}/", follow=True).status_code == 404


def test_old_numeric_address_of_a_draft_is_not_found(client, newsroom):
    draft = factories.article(newsroom.politics, live=False)
    assert client.get(f"/news/{draft.pk}/", follow=True).status_code == 404


def test_old_numeric_address_of_a_section_is_not_found(client, newsroom):
    assert client.get(f"/news/{newsroom.politics.pk}/", follow=True).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/en/%D5%80%D5%A1/",
        "/en/" + "deep/" * 200,
        "/en/tags/%D5%80/",
        "/en/tags/a.b/",
        "/en/people/%00/",
        "/en/politics/?partial=1&page=abc",
        "/en/politics/?page=%00",
        "/en/politics/parliament-passes-budget/?page=abc",
        "/en/search/?q=a&q=b",
        "/news/abc/",
        "/views/abc/",
        "/EN/",
        "/media/missing.png",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "head"])
def test_odd_requests_get_an_answer_never_an_error(client, newsroom, path, method):
    response = getattr(client, method)(path, HTTP_USER_AGENT="Mozilla/5.0 Firefox", follow=True)
    assert response.status_code < 500
