"""Announcing changes to pages and tags to the caches (articles announce themselves on save)."""

from django.db.models.signals import post_delete, post_save, pre_delete
from taggit.models import Tag
from wagtail.signals import page_unpublished, post_page_move

from newsdesk.articles.frontpage import BreakingNews, FrontPagePin, front_page_changed
from newsdesk.articles.keys import month_list_key, page_key, section_list_key, tag_key
from newsdesk.articles.models import ArticlePage, HomePage, SectionPage
from newsdesk.editions.editions import language_code_of
from newsdesk.editions.keys import edition_key, translations_key
from newsdesk.pagecache.keys import announce_change


def article_deleted(sender, instance, **kwargs):
    """Before the rows go: the lists it was on are still readable."""
    if instance.live:
        instance.announce_change(instance.stored_list_keys())


def article_unpublished(sender, instance, **kwargs):
    """Wagtail may unpublish a plain Page (scheduled expiry does): bring the copy along."""
    lists_before = instance.stored_list_keys()
    ArticlePage.objects.filter(pk=instance.pk).update(live_copy=False)
    instance.live = instance.live_copy = False
    instance.announce_change(lists_before)


def article_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    """Wagtail saves a moved page as a plain Page, so its section is brought along here.

    A section of another edition moves the story to that edition's archive month.
    """
    ArticlePage.objects.filter(pk=instance.pk).update(section_id=parent_page_after.pk)
    # The instance may be a plain Page, without a publication time.
    moment = ArticlePage.objects.filter(pk=instance.pk).values_list("published_at", flat=True)[0]
    months = {
        month_list_key(language_code_of(parent.locale_id), moment)
        for parent in (parent_page_before, parent_page_after)
    }
    announce_change(
        page_key(instance.pk),
        section_list_key(parent_page_before.pk),
        section_list_key(parent_page_after.pk),
        *months,
    )


def edition_page_changed(sender, instance, update_fields=None, **kwargs):
    """A section or home page changed: every page of the edition shows its menu or links."""
    if update_fields is not None and "live" not in update_fields:
        return  # a draft was saved; readers see nothing new
    announce_change(
        page_key(instance.pk),
        edition_key(language_code_of(instance.locale_id)),
        translations_key(instance.translation_key),
    )


def tag_changed(sender, instance, **kwargs):
    announce_change(tag_key(instance.pk))


def connect():
    pre_delete.connect(article_deleted, sender=ArticlePage)
    page_unpublished.connect(article_unpublished, sender=ArticlePage)
    post_page_move.connect(article_moved, sender=ArticlePage)
    for model in (SectionPage, HomePage):
        post_save.connect(edition_page_changed, sender=model)
        post_delete.connect(edition_page_changed, sender=model)
        post_page_move.connect(edition_page_changed, sender=model)
    for model in (FrontPagePin, BreakingNews):
        post_save.connect(front_page_changed, sender=model)
        post_delete.connect(front_page_changed, sender=model)
    post_save.connect(tag_changed, sender=Tag)
    post_delete.connect(tag_changed, sender=Tag)
