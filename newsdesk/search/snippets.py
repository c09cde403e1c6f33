"""Highlighted snippets: the stretch of a story where the reader's words are, marked.

The index holds stems, which no reader should see, so snippets are cut from the article's
own text: its words are stemmed as the index stems them, and the window of SNIPPET_WORDS
words holding the most of the query's terms is shown with each match in <mark>.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsdesk.search.analysis import MAX_WORD_LENGTH, WORD, normalize, stems
from newsdesk.search.documents import zone_texts

SNIPPET_WORDS = 32
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


def snippet(text, query_terms, language_code):
    """HTML: about SNIPPET_WORDS words of `text` around the query's terms, matches marked."""
    text = text[:MAX_SCANNED_CHARACTERS]
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
    marked = {index for index, _term in hits if start <= index < end}
    pieces = []
    cursor = found[start].start()
    for index in range(start, end):
        match = found[index]
        pieces.append(escape(text[cursor : match.start()]))
        word = escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if index in marked else word)
        cursor = match.end()
    if end < len(found):
        pieces.append(escape(text[cursor : found[end].start()].rstrip()) + "…")
    else:
        pieces.append(escape(text[cursor:]))
    prefix = "…" if start > 0 else ""
    return mark_safe(prefix + "".join(pieces).strip())


def article_text(article):
    """The standfirst and body of an article as plain text, as they are indexed."""
    _title, standfirst, body = zone_texts(article)
    return f"{standfirst} {body}".strip()
