"""Advertising placed by the newsroom into the fixed slots of the page templates."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel


class Slot(models.TextChoices):
    """The places in the templates that can carry an ad."""

    HEADER = "header", _("Below the header")
    ARTICLE_BODY = "article_body", _("Inside an article, after the lead or paragraph N")
    ARTICLE_END = "article_end", _("After an article")
    LISTING = "listing", _("Between stories on listings")
    SIDEBAR = "sidebar", _("Sidebar on wide screens")


# The surrogate key of every page with an ad slot (see newsdesk.pagecache.keys).
ADS_KEY = "ads"
# Placements of the same priority rotate: at most this many are sent with a page.
ROTATION_LIMIT = 5


class AdPlacementQuerySet(models.QuerySet):
    def booked(self, slot, language_code, now=None):
        """Active placements in a slot for one edition (or all) that have not ended yet."""
        now = now or timezone.now()
        return self.filter(
            Q(language_code="") | Q(language_code=language_code),
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            slot=slot,
            is_active=True,
        ).order_by("-priority", "-pk")

    def running(self, slot, language_code, now=None):
        """Placements showing now in a slot, for one edition or for all editions."""
        now = now or timezone.now()
        return self.booked(slot, language_code, now).filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now)
        )

    def with_section_keys(self):
        """The placements as a list, each knowing the translation keys of its sections."""
        placements = list(self.prefetch_related("sections"))
        for placement in placements:
            placement.section_keys = frozenset(
                str(section.translation_key) for section in placement.sections.all()
            )
        return placements


class AdPlacement(models.Model):
    """One advertisement in one slot: an image linking to the advertiser, or an HTML snippet.

    With no running placement a slot renders nothing at all, so pages without ads carry
    no empty boxes.
    """

    name = models.CharField(_("name"), max_length=120, help_text=_("For the newsroom only."))
    slot = models.CharField(_("slot"), max_length=20, choices=Slot.choices)
    language_code = models.CharField(
        _("edition"),
        max_length=12,
        blank=True,
        help_text=_("Language code of the edition (e.g. 'ru'); empty for every edition."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link_url = models.URLField(_("link"), blank=True)
    alt_text = models.CharField(_("image description"), max_length=200, blank=True)
    html = models.TextField(
        _("HTML code"), blank=True, help_text=_("Used instead of the image when filled in.")
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    priority = models.SmallIntegerField(
        _("priority"),
        default=0,
        help_text=_("The highest priority running shows; placements of equal priority rotate."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sections = models.ManyToManyField(
        "articles.SectionPage",
        verbose_name=_("sections"),
        blank=True,
        related_name="+",
        help_text=_(
            "Only on these sections and their articles (in every edition's version of them); "
            "none: everywhere."
        ),
    )
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"),
        null=True,
        blank=True,
        help_text=_("Inside an article: after this many paragraphs; empty: after the lead."),
    )
    frame_width = models.PositiveSmallIntegerField(
        _("width"), default=728, help_text=_("Of the frame an HTML ad is shown in, in pixels.")
    )
    frame_height = models.PositiveSmallIntegerField(
        _("height"), default=90, help_text=_("Of the frame an HTML ad is shown in, in pixels.")
    )

    objects = AdPlacementQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("slot"), FieldPanel("language_code")]),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("link_url")],
            heading=_("Image ad"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("html"),
                FieldRowPanel([FieldPanel("frame_width"), FieldPanel("frame_height")]),
            ],
            heading=_("HTML ad (shown in a sandboxed frame)"),
        ),
        FieldPanel("sections"),
        FieldPanel("after_paragraph"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("priority"), FieldPanel("is_active")]),
    ]

    class Meta:
        verbose_name = _("ad placement")
        verbose_name_plural = _("ad placements")

    def __str__(self):
        return self.name

    def is_running(self, now):
        return (self.starts_at is None or self.starts_at <= now) and (
            self.ends_at is None or now < self.ends_at
        )

    def shows_in(self, section_key):
        """Whether it runs on a page of the section with translation key `section_key`
        (None: a page of no section, such as the front page)."""
        return not self.section_keys or section_key in self.section_keys

    def frame_document(self):
        """The HTML ad as the document of its sandboxed frame; links open a new tab."""
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_blank">'
            "<style>html,body{margin:0}</style></head><body>" + self.html + "</body></html>"
        )


class AdDailyStats(models.Model):
    """Impressions and clicks one placement had on one day (UTC), flushed from the buffer."""

    placement = models.ForeignKey(
        AdPlacement, on_delete=models.CASCADE, related_name="daily_stats", db_index=False
    )
    day = models.DateField(_("day"))
    impressions = models.PositiveIntegerField(_("impressions"), default=0)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        verbose_name = _("ad statistics of a day")
        verbose_name_plural = _("ad statistics")
        constraints = [
            models.UniqueConstraint(fields=["placement", "day"], name="ad_stats_placement_day")
        ]

    def __str__(self):
        return f"{self.placement_id} on {self.day}: {self.impressions} / {self.clicks}"


def slot_choice(placements, now, section_key):
    """The placements a slot offers now: the best priority's, up to ROTATION_LIMIT of them."""
    running = [
        placement
        for placement in placements
        if placement.is_running(now) and placement.shows_in(section_key)
    ]
    if not running:
        return []
    best = running[0].priority
    return [placement for placement in running if placement.priority == best][:ROTATION_LIMIT]


def next_ad_change(placements, now):
    """When the choice among `placements` changes by itself: one starts or one ends."""
    moments = [placement.starts_at for placement in placements if placement.starts_at] + [
        placement.ends_at for placement in placements if placement.ends_at
    ]
    future = [moment for moment in moments if moment > now]
    return min(future) if future else None
