"""The editions of the outlet: which exist, where each one's home is, how to switch between them."""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from newsdesk.editions.models import EditionSettings, OutletSettings


@dataclass(frozen=True)
class EditionLink:
    """One entry of the edition switcher."""

    language_code: str
    name: str
    url: str
    is_current: bool
    # True when url is the same content in that language, not just that edition's home.
    is_translation: bool


def edition_names():
    """Language code -> the edition's name in its own language, in configured order."""
    return dict(settings.NEWSDESK_EDITIONS)


def edition_homes(request=None):
    """Language code -> the live home page of that edition (editions without one are left out)."""
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        return {}
    homes = Page.objects.live().filter(translation_key=site.root_page.translation_key)
    return {home.locale.language_code: home for home in homes.select_related("locale")}


def edition_links(request, page=None):
    """The switcher for a page: its translation where one is live, else each edition's home."""
    current = translation.get_language()
    homes = edition_homes(request)
    translations = {}
    if page is not None:
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other
    links = []
    for code, name in edition_names().items():
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        links.append(
            EditionLink(
                language_code=code,
                name=name,
                url=target.get_url(request),
                is_current=code == current,
                is_translation=code in translations,
            )
        )
    return links


class Edition:
    """What every page needs to know about the edition it is shown in; read lazily."""

    def __init__(self, request):
        self.request = request
        self.language_code = translation.get_language()

    @cached_property
    def name(self):
        return edition_names().get(self.language_code, self.language_code)

    @cached_property
    def locale(self):
        return Locale.get_active()

    @cached_property
    def settings(self):
        """This edition's wording; falls back to the default edition's, then to empty text."""
        found = EditionSettings.objects.filter(locale=self.locale).first()
        if found is None:
            found = EditionSettings.objects.filter(
                locale__language_code=settings.LANGUAGE_CODE
            ).first()
        return found or EditionSettings(outlet_name="", reuse_notice="", copyright_holder="")

    @cached_property
    def links(self):
        return OutletSettings.load(request_or_site=self.request)

    @cached_property
    def home_url(self):
        home = edition_homes(self.request).get(self.language_code)
        return home.get_url(self.request) if home else "/"

    @property
    def year(self):
        return timezone.localdate().year
