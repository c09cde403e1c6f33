"""Whatever a reader types, search answers with results or an honest page, never an error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.search.results import search, title_suggestions

NASTY = [
    "",
    "   ",
    "!!!?...,,;",
    "NEAR(",
    "NEAR(budget parliament, 2)",
    "*",
    "budget*",
    '"',
    '"""',
    'parliament "budget',
    "AND OR",
    "NOT",
    "- +",
    "title:budget",
    "{title body}: budget",
    "^budget",
    "'; DROP TABLE search_searchentry; --",
    "1' OR '1'='1",
    "budget & | ! <-> :*",
    "парламент budget Խորհրդարան",
    "peregovory",
    "%",
    "\\",
    "b" * 500,
    "😀 🇦🇲",
    "\u200b\u200d",
    "ǅ ﬁ ＡＢＣ",
]
# Text of every kind, weighted toward what search syntax is made of.
queries = st.lists(
    st.one_of(
        st.sampled_from(list("\"'*():^{}-+&|!<>%_\\ ")),
        st.sampled_from(["AND", "OR", "NOT", "NEAR", " ", "budget", "парламент"]),
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    ),
    max_size=30,
).map("".join)
EXAMPLES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("query", NASTY)
@pytest.mark.parametrize("language_code", ["en", "ru", "hy"])
def test_odd_queries_get_a_page_never_an_error(client, newsroom, language_code, query):
    response = client.get(f"/{language_code}/search/", {"q": query})
    assert response.status_code == 200
    titles = client.get(f"/{language_code}/search/titles/", {"q": query})
    assert titles.status_code == 200


@EXAMPLES
@given(query=queries)
def test_any_query_searches_without_raising(newsroom, query):
    for locale in (newsroom.story.locale, newsroom.story_hy.locale):
        search(query, locale)
        title_suggestions(query, locale, 8)


@EXAMPLES
@given(query=queries, sort=st.sampled_from(["", "date", "relevance", "x"]))
def test_any_query_string_is_answered_200_or_400(client, newsroom, query, sort):
    response = client.get("/ru/search/", {"q": query, "sort": sort})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.context["error"] in response.text


@pytest.mark.parametrize(
    "raw_query", ["%FF%FE", "%22", "a%22b", "%28", "%27%3B+DROP+TABLE", "%D5%80", "%E2%80%AE"]
)
def test_undecodable_and_odd_bytes_are_searched(client, newsroom, raw_query):
    assert client.get(f"/en/search/?q={raw_query}").status_code == 200
