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
