"""What the newsroom keeps of its own: permissions of its screens, the trash, its imports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsroomAccess(models.Model):
    """Holds the permissions of newsroom screens that belong to no content model (no table)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("manage_sections", _("Add, edit and delete sections and edition home pages")),
        ]

    def __str__(self):
        return "newsroom access"


class TrashedArticle(models.Model):
    """An article moved to the trash: unpublished, out of the article list, restorable.

    The page stays where it was in the tree, so restoring it needs no move and its address
    is still its own; only emptying the trash deletes it for good.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("article"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="trashed",
    )
    trashed_at = models.DateTimeField(_("moved to the trash"), auto_now_add=True)
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    was_live = models.BooleanField(_("was published"), default=False)

    class Meta:
        verbose_name = _("article in the trash")
        verbose_name_plural = _("trash")
        ordering = ["-trashed_at"]

    def __str__(self):
        return str(self.page)


class ImportedItem(models.Model):
    """What an import made of one item of a WordPress export: an article or a picture.

    Keyed by the export's site and the item's WordPress id, so importing the same file
    again finds its work done and creates nothing.
    """

    source = models.CharField(_("WordPress site"), max_length=255)
    kind = models.CharField(max_length=20)
    wordpress_id = models.PositiveBigIntegerField(_("WordPress id"))
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wordpress_id"], name="imported_item_once"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.wordpress_id}"


class TranslationGapDay(models.Model):
    """How many of one UTC day's live stories in `source` have no version (of any state) in
    `target`: the dashboard's translation gaps, kept for the last days (newsroom/gaps.py)."""

    source = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    missing = models.PositiveIntegerField(_("stories missing"))

    class Meta:
        verbose_name = _("translation gaps of a day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "source", "target"], name="translation_gap_day_pair"
            )
        ]

    def __str__(self):
        return f"{self.day}: {self.missing} of {self.source_id} missing in {self.target_id}"
