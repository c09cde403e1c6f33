"""Keeping the reader search index true to what is published.

`index_articles` writes what it is given: each live article's document replaces its entry,
and an article no longer live loses its entry. It is used by the background task that runs
after every publish, edit, unpublish, move and delete (newsdesk.search.tasks), by
`manage.py reindex_search`, and by the demo loader. Each write announces the edition's
search key, so cached results pages are purged with the index they came from.
"""

from newsdesk.articles.models import ArticlePage
from newsdesk.editions.editions import language_code_of
from newsdesk.pagecache.keys import announce_change
from newsdesk.search.documents import INDEXED_COLUMNS, documents_from, texts_of
from newsdesk.search.engines import engine
from newsdesk.search.keys import search_index_key
from newsdesk.search.models import SearchEntry
from newsdesk.search.spelling import vocabulary_add


def indexable(articles):
    """Articles readers may find once their time comes: live ones (publication time is
    checked when searching, so a story scheduled ahead is found from its moment on)."""
    return articles.filter(live_copy=True)


def index_articles(articles, announce=True):
    """Index these articles (live ones written, others removed); returns how many written."""
    articles = list(articles)
    live = [article for article in articles if article.live_copy]
    gone = [article.pk for article in articles if not article.live_copy]
    documents = documents_from(texts_of(live))
    documents_write(documents, gone)
    if announce:
        languages = {language_code_of(article.locale_id) for article in articles}
        announce_change(*(search_index_key(language) for language in languages))
    return len(documents)


def documents_write(documents, gone_ids=(), bulk=False):
    """Write documents to the index and remove the entries of `gone_ids` (`bulk`: a reindex)."""
    search_engine = engine()
    if gone_ids:
        search_engine.delete(gone_ids)
    if documents:
        search_engine.write(documents, bulk=bulk)
        vocabulary_add(documents)


def index_article_ids(article_ids):
    """Bring the index up to date for these ids, whatever became of the articles."""
    article_ids = list(article_ids)
    articles = list(ArticlePage.objects.filter(pk__in=article_ids).only(*INDEXED_COLUMNS))
    missing = set(article_ids) - {article.pk for article in articles}
    if missing:
        removed_languages = set(
            SearchEntry.objects.filter(article_id__in=missing).values_list(
                "locale__language_code", flat=True
            )
        )
        engine().delete(missing)
        announce_change(*(search_index_key(language) for language in removed_languages))
    return index_articles(articles)
