"""Scheduled articles read the time they went live, not the time their draft was begun."""

from wagtail.signals import page_published

from newsdesk.articles.models import ArticlePage


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
