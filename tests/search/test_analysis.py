"""Language analysis: inflected forms meet, and nothing a reader types is query syntax."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.search.analysis import MAX_QUERY_TERMS, normalize, parse_query, terms


@pytest.mark.parametrize(
    ("language_code", "forms"),
    [
        ("en", ["negotiate", "negotiations", "negotiating", "negotiated"]),
        ("en", ["teacher", "teachers", "Teacher's"]),
        ("ru", ["переговоры", "переговоров", "переговорах", "Переговорам"]),
        ("ru", ["музей", "музея", "музеем"]),
        ("hy", ["բանակցություններ", "բանակցությունների", "բանակցություններում"]),
        ("hy", ["գյուղ", "գյուղեր", "գյուղերից", "գյուղի", "գյուղում"]),
        ("hy", ["ընդդիմություն", "ընդդիմության", "ընդդիմությունը"]),
    ],
)
def test_inflected_forms_share_one_term(language_code, forms):
    assert len({terms(form, language_code)[0] for form in forms}) == 1


def test_normalisation_folds_case_width_ligatures_and_yo():
    assert normalize("ЁЛКА") == "елка"
    assert normalize("ＣＯＶＩＤ") == "covid"
    assert normalize("Ǆ") == normalize("dž")
    assert normalize("e\u0301") == normalize("é")
    assert normalize("Հայաստան և Ռուսաստան") == "հայաստան եւ ռուսաստան"


@given(st.text(alphabet=st.sampled_from("և Եեւվ\u0301ＡａǄЁё")) | st.text())
def test_normalisation_is_nfkc_with_case_folded_whatever_the_armenian_ligature(text):
    # normalize() writes "և" out before NFKC (its speed): the result must be NFKC's own.
    assert normalize(text) == unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def test_a_language_without_snowball_matches_words_as_typed():
    assert terms("Словник людей", "uk") == ["словник", "людей"]


def test_quotes_make_phrases_and_an_unpaired_one_runs_to_the_end():
    parsed = parse_query('"Istanbul talks" ceasefire "open end', "en")
    assert parsed.phrases == [["istanbul", "talk"], ["open", "end"]]
    assert parsed.terms == ["ceasefir"]


@pytest.mark.parametrize(
    "query",
    ["«Istanbul talks» ceasefire", "“Istanbul talks” ceasefire", "„Istanbul talks“ ceasefire"],
)
def test_guillemets_and_curly_quotes_make_phrases_too(query):
    parsed = parse_query(query, "en")
    assert parsed.phrases == [["istanbul", "talk"]]
    assert parsed.terms == ["ceasefir"]


def test_a_hyphenated_word_is_searched_as_its_parts_in_order():
    assert parse_query("COVID-19", "en").phrases == [["covid", "19"]]


@pytest.mark.parametrize("query", ["NEAR(a b)", "a* OR b", "title:x", "x' OR '1'='1", "AND OR"])
def test_query_syntax_is_only_words(query):
    parsed = parse_query(query, "en")
    assert all(term.isalnum() for term in parsed.all_terms)


def test_a_long_query_is_searched_by_its_first_words():
    parsed = parse_query(" ".join(f"word{number}" for number in range(50)), "en")
    assert len(parsed.all_terms) == MAX_QUERY_TERMS


@given(st.text())
def test_any_text_parses_into_alphanumeric_terms(text):
    for language_code in ("en", "ru", "hy"):
        parsed = parse_query(text, language_code)
        assert len(parsed.all_terms) <= MAX_QUERY_TERMS
        assert all(term.isalnum() for term in parsed.all_terms)
