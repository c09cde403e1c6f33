"""What makes an outlet itself: its brand, links and per-edition wording, edited in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import TranslatableMixin


@register_setting(icon="site")
class OutletSettings(BaseGenericSetting):
    """What every edition shares: the logo, the social accounts and the mobile apps.

    One row for the whole outlet, so a link changed once shows in every edition's header and
    footer, and one logo serves the admin, the publisher in structured data and the sharing
    cards.
    """

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A wide picture on a plain background: shown in the admin, named as the "
            "publisher's logo to search engines (at most 600×60) and set on sharing cards."
        ),
    )
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    telegram_url = models.URLField(_("Telegram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    app_store_url = models.URLField(_("App Store"), blank=True)
    google_play_url = models.URLField(_("Google Play"), blank=True)

    panels = [
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("facebook_url"),
                FieldPanel("telegram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Social accounts"),
        ),
        MultiFieldPanel(
            [FieldPanel("app_store_url"), FieldPanel("google_play_url")],
            heading=_("Mobile apps"),
        ),
    ]

    class Meta:
        verbose_name = _("outlet")

    def social_links(self):
        """The social accounts that are set, as (network name, url) pairs in display order."""
        networks = [
            ("X", self.x_url),
            ("Facebook", self.facebook_url),
            ("Telegram", self.telegram_url),
            ("YouTube", self.youtube_url),
            ("Instagram", self.instagram_url),
        ]
        return [(name, url) for name, url in networks if url]

    def app_links(self):
        """The app-store links that are set, as (store name, url) pairs."""
        stores = [("App Store", self.app_store_url), ("Google Play", self.google_play_url)]
        return [(name, url) for name, url in stores if url]


class EditionSettings(TranslatableMixin, models.Model):
    """The outlet's wording in one edition's language: its name, tagline and reuse notice.

    Kept as a translatable snippet (one per locale) because the reuse notice and the
    copyright holder are sentences, and sentences differ from language to language.
    """

    outlet_name = models.CharField(_("outlet name"), max_length=80)
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    reuse_notice = models.CharField(
        _("reuse notice"),
        max_length=300,
        help_text=_(
            "Shown in every footer, e.g. 'Materials may be used only with a hyperlink to …'"
        ),
    )
    copyright_holder = models.CharField(_("copyright holder"), max_length=120)
    default_byline = models.CharField(
        _("default byline"),
        max_length=120,
        blank=True,
        help_text=_("Credit shown on stories with no named author, e.g. the outlet's name."),
    )

    panels = [
        FieldPanel("outlet_name"),
        FieldPanel("tagline"),
        FieldPanel("reuse_notice"),
        FieldPanel("copyright_holder"),
        FieldPanel("default_byline"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("edition settings")
        verbose_name_plural = _("edition settings")

    def __str__(self):
        return f"{self.outlet_name} ({self.locale})"
