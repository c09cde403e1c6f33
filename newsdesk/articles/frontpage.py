"""What editors set on an edition's front page by hand: pinned stories and the breaking strip.

A pin holds a story in a numbered slot of the front page (slot 1 is the top story, the next
ones the first places of "Latest news") until it expires; slots nobody pinned fill with the
newest stories. The breaking strip is a line of its own (title, link, end time), raised and
lowered in seconds. Both are snippets, edited without touching the home page; saving one
announces the edition's front page key, so every cached copy is renewed at once, and a pin
or strip that ends by itself limits how long the page is kept (`changes_at`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PageChooserPanel

from newsdesk.articles.keys import front_page_key
from newsdesk.editions.editions import language_code_of
from newsdesk.editions.keys import REMEMBER_SECONDS
from newsdesk.pagecache.cache import remembered
from newsdesk.pagecache.keys import announce_change

# Slot 1 and the places of "Latest news" after it.
MAX_SLOT = 20


class FrontPagePinQuerySet(models.QuerySet):
    def unexpired(self, locale_id, now=None):
        """The edition's pins that have not expired, by slot."""
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now), locale_id=locale_id
        ).order_by("slot")


class FrontPagePin(models.Model):
    """A story held in one slot of its edition's front page until `expires_at` (or unpinned)."""

    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    slot = models.PositiveSmallIntegerField(
        _("slot"),
        default=1,
        help_text=_("1 is the top story; 2 and on are the first places of the latest news."),
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    expires_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: until someone unpins it.")
    )

    objects = FrontPagePinQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("locale"), FieldPanel("slot")]),
        PageChooserPanel("article", "articles.ArticlePage"),
        FieldPanel("expires_at"),
    ]

    class Meta:
        verbose_name = _("front page pin")
        verbose_name_plural = _("front page")
        ordering = ["locale", "slot"]

    def __str__(self):
        return f"{self.slot}. {self.article.title}"

    def is_running(self, now):
        return self.expires_at is None or now < self.expires_at

    def clean(self):
        super().clean()
        if not 1 <= self.slot <= MAX_SLOT:
            raise ValidationError(
                {"slot": _("Choose a slot from 1 to %(max)s.") % {"max": MAX_SLOT}}
            )
        if self.article_id and self.locale_id and self.article.locale_id != self.locale_id:
            raise ValidationError({"article": _("This story belongs to another edition.")})
        others = FrontPagePin.objects.unexpired(self.locale_id).exclude(pk=self.pk)
        taken = others.filter(slot=self.slot).select_related("article").first()
        if taken:
            message = _("Slot %(slot)s holds '%(title)s'; unpin it first or choose another.")
            raise ValidationError(
                {"slot": message % {"slot": self.slot, "title": taken.article.title}}
            )
        if self.article_id and others.filter(article_id=self.article_id).exists():
            raise ValidationError({"article": _("This story is pinned already.")})


class BreakingNewsQuerySet(models.QuerySet):
    def not_ended(self, locale_id, now=None):
        """The edition's strips that are up or still to come, newest first."""
        return self.filter(locale_id=locale_id, ends_at__gt=now or timezone.now()).order_by(
            "-starts_at", "-pk"
        )


class BreakingNews(models.Model):
    """The breaking-news strip of one edition's front page: a line and a link, until `ends_at`."""

    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The story the strip leads to; or give a link below."),
    )
    link_url = models.URLField(_("link"), blank=True)
    starts_at = models.DateTimeField(_("from"), default=timezone.now)
    ends_at = models.DateTimeField(_("until"))

    objects = BreakingNewsQuerySet.as_manager()

    panels = [
        FieldPanel("locale"),
        FieldPanel("title"),
        PageChooserPanel("article", "articles.ArticlePage"),
        FieldPanel("link_url"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]

    class Meta:
        verbose_name = _("breaking news")
        verbose_name_plural = _("breaking news")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def is_up(self, now):
        return self.starts_at <= now < self.ends_at

    @property
    def url(self):
        """Where the strip leads: the story's address, else the link given."""
        if self.article_id and self.article.live:
            return self.article.url
        return self.link_url

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The strip must end after it starts.")})
        if self.article_id and self.locale_id and self.article.locale_id != self.locale_id:
            raise ValidationError({"article": _("This story belongs to another edition.")})

    def lower(self, now=None):
        """Take the strip down now."""
        self.ends_at = now or timezone.now()
        if self.starts_at > self.ends_at:
            self.starts_at = self.ends_at
        self.save()


def front_page_changed(sender, instance, **kwargs):
    """A pin or a strip was saved or deleted: the edition's front page shows something else."""
    announce_change(front_page_key(language_code_of(instance.locale_id)))


def front_page_settings(locale_id):
    """(unexpired pins, strips not ended) of an edition, remembered in this process.

    Purged by the edition's front page key; which of them run now is decided at each render.
    """
    language_code = language_code_of(locale_id)
    return remembered(
        f"front-page:{language_code}",
        lambda: (
            list(FrontPagePin.objects.unexpired(locale_id).select_related("article")),
            list(BreakingNews.objects.not_ended(locale_id).select_related("article")),
        ),
        keys=[front_page_key(language_code)],
        seconds=REMEMBER_SECONDS,
    )
