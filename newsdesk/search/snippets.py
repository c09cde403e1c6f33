"""Highlighted snippets: the stretch of a story where the reader's words are, marked.

The index holds stems, which no reader should see, so snippets are cut from the article's
own text: its words are stemmed as the index stems them, and the window of SNIPPET_WORDS
words holding the most of the query's terms is shown with each match in <mark>.
"""

from html import escape

from django.utils.safestring import mark_safe

from newsdesk.articles.models import ArticlePage
from newsdesk.prepared import PreparedQuery
from newsdesk.search.analysis import MAX_WORD_LENGTH, WORD, normalize, stems
from newsdesk.search.documents import column_text, text_columns

SNIPPET_WORDS = 32
# The stretch around the first likely match that is stemmed and searched for the best window.
REGION_BEFORE = 200
REGION_LENGTH = 1_200
# Reading further into a long body costs time on every results page (about 1 ms per 5,000
# characters); a match further on shows the story's opening instead.
MAX_SCANNED_CHARACTERS = 6_000


def best_window(hits, word_count):
    """The start of the SNIPPET_WORDS-word window with the most distinct matched terms."""
    best_start, best_score = 0, -1
    for index, (position, _term) in enumerate(hits):
        start = max(0, min(position - SNIPPET_WORDS // 4, word_count - SNIPPET_WORDS))
        inside = {term for spot, term in hits[index:] if spot < start + SNIPPET_WORDS}
        if len(inside) > best_score:
            best_start, best_score = start, len(inside)
    return best_start


def likely_region(text, query_terms):
    """Where in `text` the first of the query's terms probably is: a stem is nearly always
    the start of its words, so the folded text is searched for the terms at a word's start
    before any word is stemmed (stemming every word of a body cost ~1 ms a result).
    str.find, not one regular expression of the terms: 6,000 characters of a Russian body
    took the expression 152 µs, and find a few."""
    folded = normalize(text)
    found = [at for at in (word_start(folded, term) for term in query_terms) if at >= 0]
    return max(0, min(found) - REGION_BEFORE) if found else 0


def word_start(text, term):
    """The first place where a word of `text` starts with `term`, or -1."""
    at = text.find(term)
    while at > 0 and text[at - 1].isalnum():
        at = text.find(term, at + 1)
    return at


def snippet(text, query_terms, language_code):
    """HTML: about SNIPPET_WORDS words of `text` around the query's terms, matches marked."""
    text = text[:MAX_SCANNED_CHARACTERS]
    start_at = likely_region(text, query_terms)
    if start_at:
        # Start at a word boundary, so no word is cut in two.
        start_at = text.rfind(" ", 0, start_at) + 1
    region = text[start_at : start_at + REGION_LENGTH]
    snippet_html = snippet_of_region(region, query_terms, language_code)
    if start_at and not snippet_html.startswith("…"):
        snippet_html = mark_safe("…" + snippet_html)
    return snippet_html


def snippet_of_region(text, query_terms, language_code):
    found = list(WORD.finditer(text))
    if not found:
        return ""
    # One normalize() call for every word: NUL survives NFKC and case folding unchanged.
    folded = normalize("\0".join(match.group() for match in found)).split("\0")
    terms = stems([word[:MAX_WORD_LENGTH] for word in folded], language_code)
    wanted = set(query_terms)
    hits = [(index, term) for index, term in enumerate(terms) if term in wanted]
    start = best_window(hits, len(found)) if hits else 0
    end = min(len(found), start + SNIPPET_WORDS)
    stop = found[end].start() if end < len(found) else len(text)
    pieces = []
    cursor = found[start].start()
    # Only the marked words split the text: escaping is one call per stretch between them.
    for index, _term in hits:
        if start <= index < end:
            match = found[index]
            pieces.append(escape(text[cursor : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            cursor = match.end()
    pieces.append(escape(text[cursor:stop].rstrip()))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(found) else ""
    return mark_safe(prefix + "".join(pieces).strip() + suffix)


# The stories of a results page, read as the database holds them: through the ORM (a
# query built per page, every body made a StreamValue) the texts cost about twice as much.
TEXTS_QUERY = PreparedQuery(
    ArticlePage,
    lambda *ids: (
        ArticlePage.objects.filter(pk__in=ids).order_by().values_list("pk", *text_columns())
    ),
)


def article_texts(article_ids):
    """{article id: its standfirst and body as plain text, as they are indexed}."""
    if not article_ids:
        return {}
    columns = text_columns()
    return {
        pk: " ".join(map(column_text, columns, values)).strip()
        for pk, *values in TEXTS_QUERY.rows(*article_ids)
    }
