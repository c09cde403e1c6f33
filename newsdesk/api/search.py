"""The API's one way into site search, so a new search backend replaces one function."""

from newsdesk.api.problems import ApiProblem
from newsdesk.articles.models import ArticlePage
from newsdesk.search.views import clean_query


def search_stories(locale, raw_query):
    """(the query as searched, the edition's published stories matching it, best first).

    The same search as the reader site's search page (newsdesk.search.views.search).
    """
    query, error = clean_query(raw_query)
    if error:
        raise ApiProblem(400, str(error), "Bad search")
    # Quotes mean nothing to a plain-text search and break the SQLite backend's syntax.
    words = " ".join(query.replace('"', " ").split())
    if not words:
        return query, ArticlePage.objects.none()
    results = (
        ArticlePage.objects.published().in_edition(locale).search(words, order_by_relevance=True)
    )
    return query, results
