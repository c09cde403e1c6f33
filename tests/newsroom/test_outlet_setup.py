"""setup_outlet: every configured edition gets a locale, a home page and its wording."""

from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale, Site

from newsdesk.articles.models import HomePage
from newsdesk.editions.models import EditionSettings
from newsdesk.newsroom.setup import outlet_setup

FOUR_EDITIONS = [("en", "English"), ("ru", "Русский"), ("hy", "Հայերեն"), ("az", "Azərbaycan")]


def test_every_edition_has_a_home_page_and_wording(outlet):
    for code in ("en", "ru", "hy"):
        assert HomePage.objects.filter(locale__language_code=code, live=True).count() == 1
        assert EditionSettings.objects.filter(locale__language_code=code).count() == 1


def test_edition_homes_are_translations_of_the_site_root(outlet):
    root = Site.objects.get(is_default_site=True).root_page
    homes = HomePage.objects.filter(translation_key=root.translation_key)
    assert {home.locale.language_code for home in homes} == {"en", "ru", "hy"}


def test_setup_outlet_changes_nothing_on_a_second_run(outlet):
    pages, settings_rows = HomePage.objects.count(), EditionSettings.objects.count()
    output = StringIO()
    call_command("setup_outlet", stdout=output)
    assert "nothing to add" in output.getvalue()
    assert HomePage.objects.count() == pages
    assert EditionSettings.objects.count() == settings_rows
    assert outlet_setup() == []


def test_a_fourth_edition_needs_only_settings(outlet):
    with override_settings(
        NEWSDESK_EDITIONS=FOUR_EDITIONS,
        LANGUAGES=FOUR_EDITIONS,
        WAGTAIL_CONTENT_LANGUAGES=FOUR_EDITIONS,
    ):
        created = outlet_setup()
    assert created == [
        "locale az",
        "home page az",
        "edition settings az",
        "group Translator (az)",
    ]
    azerbaijani = Locale.objects.get(language_code="az")
    home = HomePage.objects.get(locale=azerbaijani)
    assert home.live
    assert home.translation_key == Site.objects.get(is_default_site=True).root_page.translation_key
    assert EditionSettings.objects.filter(locale=azerbaijani).exists()


def test_a_fourth_edition_joins_the_switcher(outlet):
    from django.test import RequestFactory
    from django.utils import translation

    from newsdesk.editions.editions import edition_links

    with override_settings(
        NEWSDESK_EDITIONS=FOUR_EDITIONS,
        LANGUAGES=FOUR_EDITIONS,
        WAGTAIL_CONTENT_LANGUAGES=FOUR_EDITIONS,
    ):
        outlet_setup()
        with translation.override("en"):
            links = edition_links(RequestFactory().get("/"))
    assert [link.language_code for link in links] == ["en", "ru", "hy", "az"]
    assert links[-1].name == "Azərbaycan"
