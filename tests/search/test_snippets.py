"""Snippets: the stretch of a story around the reader's words, the words marked."""

from newsdesk.search.analysis import parse_query
from newsdesk.search.snippets import MAX_SCANNED_CHARACTERS, snippet, word_start

FILLER = "Rain fell on the quiet valley all week. " * 100


def marked(text, query, language_code="en"):
    return str(snippet(text, parse_query(query, language_code).all_terms, language_code))


def test_a_term_is_found_only_where_a_word_starts():
    text = "they renegotiated it, then negotiations began"
    assert word_start(text, "negoti") == text.index("negotiations")
    assert word_start(text, "negotiat") == text.index("negotiations")
    assert word_start("renegotiated", "negoti") == -1
    assert word_start("negotiations", "negoti") == 0


def test_the_snippet_is_cut_around_a_match_far_into_the_story():
    text = FILLER + "Deputies negotiated the budget until dawn. " + FILLER
    html = marked(text, "negotiations")
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>negotiated</mark>" in html
    assert len(html) < 400


def test_a_word_holding_the_term_inside_it_is_not_taken_for_a_match():
    text = "They renegotiated quietly. " + FILLER + "Then negotiations began. " + FILLER
    html = marked(text, "negotiations")
    assert "<mark>negotiations</mark>" in html
    assert "renegotiated" not in html


def test_a_match_past_the_scanned_stretch_shows_the_opening():
    text = FILLER * 3 + " negotiations"
    assert len(FILLER * 3) > MAX_SCANNED_CHARACTERS
    html = marked(text, "negotiations")
    assert html.startswith("Rain fell") and "<mark>" not in html


def test_the_earliest_of_several_terms_places_the_snippet():
    text = FILLER + "A glacier melted. " + FILLER + "A budget passed. " + FILLER
    assert "<mark>glacier</mark>" in marked(text, "budget glacier")


def test_russian_and_armenian_matches_are_found_in_their_cases():
    russian = "Дождь шёл всю неделю. " * 60 + "Начались переговоры о бюджете. " + "Дождь. " * 60
    assert "<mark>переговоры</mark>" in marked(russian, "переговорах", "ru")
    armenian = "Անձրև էր և քամի. " * 60 + "Սկսվեցին բանակցությունները. " + "Անձրև. " * 60
    assert "<mark>բանակցությունները</mark>" in marked(armenian, "բանակցություններում", "hy")
