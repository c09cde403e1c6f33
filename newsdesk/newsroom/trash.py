"""The trash: deleting an article in the admin moves it here, from where it can be restored.

A newsroom deletes by mistake and under pressure; Wagtail deletes a page for good. So the
admin's Delete on an article unpublishes it and lists it in the trash instead, each step in
Wagtail's audit log ("newsroom.trash", "newsroom.restore"; the unpublish and a final
deletion log their own entries).
"""

from django.db import transaction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.log_actions import log

from newsdesk.newsroom.models import TrashedArticle

TRASH_ACTION = "newsroom.trash"
RESTORE_ACTION = "newsroom.restore"


def article_trash(page, user):
    """Unpublish `page` and put it in the trash; returns the trash entry."""
    with transaction.atomic():
        was_live = page.live
        if was_live:
            page.unpublish(user=user)
        entry, _ = TrashedArticle.objects.update_or_create(
            page=page, defaults={"trashed_by": user, "was_live": was_live}
        )
        log(instance=page, action=TRASH_ACTION, user=user)
    return entry


def article_restore(entry, user):
    """Take an article out of the trash, published again if it was published before."""
    page = entry.page.specific
    with transaction.atomic():
        entry.delete()
        if entry.was_live:
            # Demo and imported articles may have no revision yet: the live page is the latest.
            revision = page.get_latest_revision() or page.save_revision(user=user)
            revision.publish(user=user)
        log(instance=page, action=RESTORE_ACTION, user=user)
    return page


def article_delete_for_good(entry, user):
    """Delete a trashed article and its revisions; Wagtail logs the deletion."""
    DeletePageAction(entry.page.specific, user=user).execute()


def trash_for(user):
    """The trash entries of articles the user may edit, newest first."""
    entries = TrashedArticle.objects.select_related("page", "page__locale", "trashed_by")
    return [entry for entry in entries if entry.page.permissions_for_user(user).can_edit()]
