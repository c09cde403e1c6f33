"""Scheduled articles read the time they went live, not the time their draft was begun; the
translation gaps are counted again where a story changes (gaps.py)."""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom import gaps
from newsdesk.pagecache.keys import content_changed


def scheduled_article_published(sender, instance, revision=None, **kwargs):
    """A story scheduled for 09:00 was written earlier: it is dated, and listed, at 09:00.

    The live revision gets the same time, so the next edit does not take it back.
    """
    go_live = instance.go_live_at
    if go_live is None or instance.published_at >= go_live:
        return
    instance.published_at = go_live
    instance.save(update_fields=["published_at"])
    if revision is not None:
        revision.content["published_at"] = go_live.isoformat()
        revision.save(update_fields=["content"])
    instance.announce_change()


def connect():
    page_published.connect(scheduled_article_published, sender=ArticlePage)
    pre_save.connect(gaps.gaps_before_save, sender=ArticlePage, dispatch_uid="newsroom.gaps.pre")
    post_save.connect(gaps.gaps_after_save, sender=ArticlePage, dispatch_uid="newsroom.gaps.post")
    post_delete.connect(
        gaps.gaps_after_delete, sender=ArticlePage, dispatch_uid="newsroom.gaps.delete"
    )
    content_changed.connect(gaps.gaps_after_bulk, dispatch_uid="newsroom.gaps.bulk")
