"""What the admin's article editor posts, built from an article (to drive the real views)."""

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

ADMIN_DATETIME = "%Y-%m-%d %H:%M"


def admin_time(moment):
    """A datetime as the admin's date-time widget sends it, in the site's time zone."""
    return timezone.localtime(moment).strftime(ADMIN_DATETIME) if moment else ""


def article_form(page, action=None, **changes):
    """The edit form's fields for `page` with `changes`, plus the button pressed (`action`).

    `action` is "publish", "submit" (for review) or None (save draft).
    """
    fields = {
        "title": page.title,
        "slug": page.slug,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "subtitle": page.subtitle,
        "lead": page.lead,
        "authors": inline_formset([]),
        "byline_credit": page.byline_credit,
        "hero_image": page.hero_image_id or "",
        "hero_caption": page.hero_caption,
        "hero_credit": page.hero_credit,
        "body": streamfield([("paragraph", rich_text("<p>The text of the story.</p>"))]),
        "tags": "",
        "people": [],
        "published_at": admin_time(page.published_at),
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    fields.update(changes)
    for name in ("published_at", "go_live_at", "expire_at"):
        if not isinstance(fields[name], str):
            fields[name] = admin_time(fields[name])
    data = nested_form_data({key: value for key, value in fields.items() if value is not False})
    if changes.get("is_breaking"):
        data["is_breaking"] = "on"
    if changes.get("is_featured"):
        data["is_featured"] = "on"
    if action:
        data[f"action-{action}"] = action
    return data
