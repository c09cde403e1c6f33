"""The background task that brings the index up to date after an article changes.

Enqueued when the change commits (newsdesk.search.signals). With django-tasks'
ImmediateBackend, the embedded default, it runs at once in the process that committed;
with a queue backend a worker runs it within its polling interval (docs/search.md).
"""

from django_tasks import task

from newsdesk.search.indexing import index_article_ids


@task()
def search_index_update(article_ids):
    """Re-index these articles (their entries go when they are no longer live or exist)."""
    return index_article_ids(article_ids)
