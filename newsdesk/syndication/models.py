"""What the outlet shows to search engines, aggregators and social networks."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="image")
class SyndicationSettings(BaseGenericSetting):
    """The outlet's logo as publishers' metadata and sharing cards show it.

    One for the whole outlet: structured data names it as every article's publisher, and
    every article's sharing card carries it. Without one, cards carry the outlet's name.
    """

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A wide picture on a plain background; shown at most 600×60 by Google."),
    )

    panels = [FieldPanel("logo")]

    class Meta:
        verbose_name = _("syndication")


class ArchiveDay(models.Model):
    """How many live stories one edition has on one UTC day: the sitemap index's sizes.

    The index cuts each edition's archive into sitemaps of at most MAX_URLS addresses, so it
    needs every month's size by day. Counted at each request, that was a pass over the whole
    archive's index: 300–370 ms of CPU at a million articles. Kept here instead, and counted
    again a month at a time whenever a story joins or leaves that month (syndication.archive).
    Days without stories have no row.
    """

    language_code = models.CharField(max_length=16)
    day = models.DateField()
    stories = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language_code", "day"], name="archive_day_unique")
        ]

    def __str__(self):
        return f"{self.language_code} {self.day}: {self.stories}"
