"""Bringing the database in line with the configured editions: locales, home pages, wording."""

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from newsdesk.articles.models import HomePage
from newsdesk.editions.models import EditionSettings
from newsdesk.newsroom.roles import roles_setup

DEFAULT_OUTLET_NAME = "Newsdesk"


def default_home_page():
    """The default edition's home page as the site root, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    tree_root = Page.get_first_root_node()
    home = HomePage(title=DEFAULT_OUTLET_NAME, slug=f"home-{locale.language_code}", locale=locale)
    tree_root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, site_name="")
    welcome = site.root_page if site.pk else None
    site.root_page = home
    site.save()
    if welcome is not None and not isinstance(welcome.specific, HomePage):
        welcome.delete()
    return home


def outlet_setup(stdout=None):
    """Create whatever the configured editions lack; safe to run any number of times.

    Each edition gets a Locale, a translation of the default home page (so it has its own
    page tree under its URL prefix), a row of wording in EditionSettings and a group of
    translators; the newsroom's roles are brought up to date (see roles.py).
    """
    created = []
    with transaction.atomic():
        locales = []
        for code, _name in settings.NEWSDESK_EDITIONS:
            locale, made = Locale.objects.get_or_create(language_code=code)
            locales.append(locale)
            if made:
                created.append(f"locale {code}")
        home = default_home_page()
        for locale in locales:
            if not home.has_translation(locale):
                translated = home.copy_for_translation(locale)
                translated.slug = f"home-{locale.language_code}"
                translated.save_revision().publish()
                created.append(f"home page {locale.language_code}")
            if not EditionSettings.objects.filter(locale=locale).exists():
                EditionSettings.objects.create(
                    locale=locale,
                    outlet_name=DEFAULT_OUTLET_NAME,
                    reuse_notice="",
                    copyright_holder=DEFAULT_OUTLET_NAME,
                )
                created.append(f"edition settings {locale.language_code}")
        homes = [(locale.language_code, home.get_translation(locale)) for locale in locales]
        created += roles_setup(apps, translated_homes=homes)
    if stdout is not None:
        stdout.write("Editions ready: " + (", ".join(created) if created else "nothing to add"))
    return created
