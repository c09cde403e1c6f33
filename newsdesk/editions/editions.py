"""The editions of the outlet: which exist, where each one's home is, how to switch between them."""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.conf import settings
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from newsdesk.editions.keys import EVERYTHING, REMEMBER_SECONDS, edition_key, translations_key
from newsdesk.editions.models import EditionSettings, OutletSettings
from newsdesk.pagecache.cache import remembered
from newsdesk.pagecache.keys import changes_at, shows
from newsdesk.prepared import PreparedQuery


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


def live_children(page):
    """A page's live children, read as one range of the (depth, path) index.

    Wagtail's child_of matches a path prefix (LIKE), which SQLite cannot answer from the
    index: under an edition's home that read every page, a million articles included. A
    range of the path index alone holds the articles too; editions' migration 0002 adds
    the index on (depth, path) that holds just the children.
    """
    return children_of(Page.objects.live(), page)


def children_of(pages, page):
    """`pages` (a queryset of Page or a page type) narrowed to the children of `page`, as
    one range of the (depth, path) index (see live_children)."""
    children = (page.path + "0" * Page.steplen, page.path + "Z" * Page.steplen)
    return pages.filter(depth=page.depth + 1, path__range=children)


def current_site(request):
    """The Wagtail site answering this request, as Site.find_for_request finds it.

    Remembered per host and port, and handed to Wagtail for the request, so that neither
    Wagtail's routing nor our templates look the site up again.
    """
    if not hasattr(request, "_wagtail_site"):
        host, port = request._get_raw_host(), request.get_port()
        request._wagtail_site = remembered(
            f"site:{host}:{port}",
            lambda: Site._find_for_request(request),
            keys=[EVERYTHING],
            seconds=REMEMBER_SECONDS,
        )
    return request._wagtail_site


def default_site():
    return remembered(
        "site:default",
        lambda: Site.objects.filter(is_default_site=True).select_related("root_page").first(),
        keys=[EVERYTHING],
        seconds=REMEMBER_SECONDS,
    )


def homes_keys():
    """What the editions' homes and their addresses depend on: the sites, every edition."""
    return [EVERYTHING, *map(edition_key, edition_names())]


def edition_homes(request=None):
    """Language code -> the live home page of that edition (editions without one are left out)."""
    site = current_site(request) if request else default_site()
    if site is None:
        return {}

    def homes():
        pages = Page.objects.live().filter(translation_key=site.root_page.translation_key)
        return {
            home.locale.language_code: home
            for home in pages.select_related("locale").specific(defer=False)
        }

    return remembered(
        f"homes:{site.pk}",
        homes,
        keys=homes_keys(),
        seconds=REMEMBER_SECONDS,
    )


def site_root_paths():
    """Wagtail's `Site.get_site_root_paths()`, remembered in this process like the homes.

    Wagtail reads it from Django's cache for the first page address of every request: on
    Redis a round trip and an unpickling, 6% of an uncached article's CPU (py-spy --gil on
    a worker under wrk, the million-article set on PostgreSQL and Redis).
    """
    return remembered(
        "site-root-paths",
        Site.get_site_root_paths,
        keys=homes_keys(),
        seconds=REMEMBER_SECONDS,
    )


def edition_home_urls(request):
    """Language code -> (home page's url_path, home page's URL) for this request's site."""
    site = current_site(request)

    def urls():
        return {
            code: (home.url_path, home.get_url(request))
            for code, home in edition_homes(request).items()
        }

    return remembered(
        f"home-urls:{site.pk if site else 0}",
        urls,
        keys=homes_keys(),
        seconds=REMEMBER_SECONDS,
    )


# Prepared: every page's switcher asks, and the ORM built this query on each page view.
TRANSLATION_ADDRESSES = PreparedQuery(
    Page,
    lambda translation_key: (
        Page.objects.filter(translation_key=translation_key, live=True)
        .order_by()
        .values_list("locale_id", "url_path")
    ),
)


def translation_urls(page, homes):
    """Language code -> URL of each live translation of `page` (itself included).

    Read as plain values and placed under each edition's home address: a translation lives
    below its edition's home page, and asking Wagtail for each URL costs a page object and
    a routing computation per edition on every page view.
    """
    urls = {}
    for locale_id, url_path in TRANSLATION_ADDRESSES.rows(page.translation_key):
        code = language_code_of(locale_id)
        url = url_under_home(url_path, code, homes)
        if url is not None:
            urls[code] = url
    return urls


def url_under_home(url_path, language_code, homes):
    """The URL of the page at `url_path` in an edition, placed under its home's address
    (`homes` from edition_home_urls); None for a page outside that edition's home."""
    if language_code not in homes:
        return None
    home_path, home_url = homes[language_code]
    if not url_path.startswith(home_path):
        return None
    return home_url + url_path[len(home_path) :]


def edition_links(request, page=None):
    """The switcher for a page: its translation where one is live, else each edition's home."""
    current = translation.get_language()
    homes = edition_home_urls(request)
    translations = {}
    if page is not None:
        shows(translations_key(page.translation_key))
        # Remembered for home and section pages, which every reader passes through; an
        # article's are read with it (a million of them would only crowd the memory).
        remember = page.depth <= current_site(request).root_page.depth + 1
        translations = (
            remembered(
                f"translations:{page.translation_key}",
                lambda: translation_urls(page, homes),
                keys=[translations_key(page.translation_key)],
                seconds=REMEMBER_SECONDS,
            )
            if remember
            else translation_urls(page, homes)
        )
    links = []
    for code, name in edition_names().items():
        url = translations.get(code) or (homes[code][1] if code in homes else None)
        if url is None:
            continue
        links.append(
            EditionLink(
                language_code=code,
                name=name,
                url=url,
                is_current=code == current,
                is_translation=code in translations,
            )
        )
    return links


def active_locale():
    """The Locale of the active language (Locale.get_active, remembered in this process)."""
    return remembered(
        f"locale:{translation.get_language()}",
        Locale.get_active,
        keys=[EVERYTHING],
        seconds=REMEMBER_SECONDS,
    )


def language_code_of(locale_id):
    """The language code of a Locale id, without a query."""
    codes = remembered(
        "locale-codes",
        lambda: dict(Locale.objects.values_list("pk", "language_code")),
        keys=[EVERYTHING],
        seconds=REMEMBER_SECONDS,
    )
    return codes.get(locale_id) or Locale.objects.get(pk=locale_id).language_code


def edition_settings(locale):
    """An edition's wording, else the default edition's, else empty wording."""
    found = EditionSettings.objects.filter(locale=locale).first()
    if found is None:
        found = EditionSettings.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return found or EditionSettings(outlet_name="", reuse_notice="", copyright_holder="")


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
        return active_locale()

    @cached_property
    def settings(self):
        """This edition's wording; falls back to the default edition's, then to empty text."""
        shows(edition_key(self.language_code))
        return remembered(
            f"edition-settings:{self.language_code}",
            lambda: edition_settings(self.locale),
            keys=[edition_key(self.language_code), edition_key(settings.LANGUAGE_CODE)],
            seconds=REMEMBER_SECONDS,
        )

    @cached_property
    def links(self):
        return remembered(
            "outlet-links",
            lambda: OutletSettings.load(request_or_site=self.request),
            keys=[EVERYTHING],
            seconds=REMEMBER_SECONDS,
        )

    @cached_property
    def home_url(self):
        home = edition_homes(self.request).get(self.language_code)
        return home.get_url(self.request) if home else "/"

    @property
    def year(self):
        """This year in the outlet's time zone (the footer's copyright line)."""
        today = timezone.localdate()
        new_year = datetime(today.year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
        changes_at(new_year)
        return today.year
