"""Which article changes reach the search index: publish, edit, unpublish, move, delete."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_unpublished, post_page_move

from newsdesk.articles.models import ArticlePage
from newsdesk.editions.editions import language_code_of
from newsdesk.pagecache.keys import announce_change
from newsdesk.search.keys import search_index_key


def index_after_commit(article_id):
    """Queue the article's re-index for when the change is committed (a task that ran
    before the commit would read the old rows)."""
    from newsdesk.search.tasks import search_index_update

    transaction.on_commit(partial(search_index_update.enqueue, [article_id]), robust=True)


def article_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    # Saving a draft revision touches bookkeeping fields only; readers see no change.
    if update_fields is not None and "live" not in update_fields:
        return
    index_after_commit(instance.pk)


def article_changed(sender, instance, **kwargs):
    index_after_commit(instance.pk)


def article_deleted(sender, instance, **kwargs):
    """The entry went with the article (a cascade); cached results still show it."""
    announce_change(search_index_key(language_code_of(instance.locale_id)))


def connect():
    post_save.connect(article_saved, sender=ArticlePage)
    post_delete.connect(article_deleted, sender=ArticlePage)
    page_unpublished.connect(article_changed, sender=ArticlePage)
    post_page_move.connect(article_changed, sender=ArticlePage)
