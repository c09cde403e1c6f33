"""The relevance test set (tests/search/corpus.py): every query finds its story in the top 3.

The same corpus and queries run on SQLite (`make test`) and PostgreSQL (`make test-services`).
"""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from newsdesk.articles.models import ArticlePage
from newsdesk.search.results import search

from .corpus import QUERIES, STORIES

# The bar: at least this share of queries with the expected story in the top 3.
REQUIRED_SHARE = 0.95
MIN_QUERIES = 40


def corpus_build(language_code):
    """The corpus stories of one edition, published a day apart; {key: article}."""
    section = factories.section(language_code, title=factories.unique(f"Corpus {language_code}"))
    now = timezone.now()
    built = {}
    for number, (key, title, subtitle, lead, body) in enumerate(STORIES[language_code]):
        built[key] = factories.article(
            section,
            title=title,
            slug=f"corpus-{key}",
            subtitle=subtitle,
            lead=lead,
            body=[("paragraph", RichText(f"<p>{body}</p>"))],
            published_at=now - timedelta(days=number + 1),
            revision=False,
        )
    return built


@pytest.mark.parametrize("language_code", ["en", "ru", "hy"])
def test_queries_find_their_story_in_the_top_three(newsroom, indexed, language_code):
    with indexed():
        stories = corpus_build(language_code)
    locale = factories.locale_of(language_code)
    queries = QUERIES[language_code]
    misses = []
    for query, key in queries:
        top = search(query, locale).ids[:3]
        if stories[key].pk not in top:
            titles = [ArticlePage.objects.get(pk=pk).title for pk in top]
            misses.append(f"{query!r} -> expected {key!r}, got {titles}")
    assert len(queries) >= MIN_QUERIES
    share = 1 - len(misses) / len(queries)
    # Snowball's known misses stay in the set (docs/search.md): English "bus" and "buses"
    # stem apart (bus, buse), Russian "рукопись" and "рукописи" too (рукоп, рукопис).
    assert share >= REQUIRED_SHARE, f"{share:.0%} found; missed:\n" + "\n".join(misses)
