"""The people of the news: the newsroom's authors and the experts its stories quote."""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from newsdesk.editions.editions import language_code_of


class PersonQuerySet(models.QuerySet):
    def in_locale(self, locale):
        """People as written in one edition."""
        return self.filter(locale=locale)

    def authors(self):
        """People who write for the outlet (shown in bylines)."""
        return self.filter(is_author=True)


class Person(TranslatableMixin, index.Indexed, models.Model):
    """A person with a page of their own: an author on staff or an expert the outlet quotes.

    Translatable because names are transliterated and credentials translated per edition;
    the translations of one person share a translation key, which is how an article in any
    edition finds the person's page in the reader's edition.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=False)
    credentials = models.CharField(
        _("credentials"), max_length=200, blank=True, help_text=_("e.g. 'Political scientist'")
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_author = models.BooleanField(
        _("writes for the outlet"), default=False, help_text=_("Authors appear in bylines.")
    )

    objects = PersonQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credentials"),
        FieldPanel("affiliation"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("is_author"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="person_slug_per_locale")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The person's page in the person's own edition."""
        with translation.override(language_code_of(self.locale_id)):
            return reverse("person", kwargs={"slug": self.slug})

    @property
    def surrogate_key(self):
        """The cache key of pages that show this person's name, credentials or photo."""
        return f"person-{self.pk}"
