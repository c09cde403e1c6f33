"""Header and footer come from the settings the newsroom edits in the admin."""

import pytest
from django.utils import timezone

from newsdesk.editions.models import EditionSettings, OutletSettings


@pytest.fixture
def outlet_links(outlet):
    links = OutletSettings.load()
    links.telegram_url = "https://t.me/newsdesk"
    links.x_url = "https://x.com/newsdesk"
    links.app_store_url = "https://apps.apple.com/app/newsdesk"
    links.save()
    return links


def test_social_and_app_links_are_shown_in_every_edition(client, outlet_links):
    for language_code in ("en", "ru", "hy"):
        text = client.get(f"/{language_code}/").text
        assert "https://t.me/newsdesk" in text
        assert "https://apps.apple.com/app/newsdesk" in text


def test_only_the_links_that_are_set_are_offered(outlet_links):
    assert outlet_links.social_links() == [
        ("X", "https://x.com/newsdesk"),
        ("Telegram", "https://t.me/newsdesk"),
    ]
    assert outlet_links.app_links() == [("App Store", "https://apps.apple.com/app/newsdesk")]


def test_footer_carries_the_editions_own_notice_and_the_current_year(client, outlet):
    EditionSettings.objects.filter(locale__language_code="ru").update(
        outlet_name="Ньюсдеск",
        reuse_notice="Использование материалов только с гиперссылкой",
        copyright_holder="ООО Ньюсдеск",
    )
    russian = client.get("/ru/").text
    english = client.get("/en/").text
    assert "Использование материалов только с гиперссылкой" in russian
    assert f"© {timezone.localdate().year} ООО Ньюсдеск" in russian
    assert "Ньюсдеск" not in english


def test_edition_without_its_own_wording_uses_the_main_editions(client, outlet):
    EditionSettings.objects.filter(locale__language_code="hy").delete()
    EditionSettings.objects.filter(locale__language_code="en").update(outlet_name="Main Outlet")
    response = client.get("/hy/")
    assert response.status_code == 200
    assert "Main Outlet" in response.text


def test_header_lists_the_editions_sections_in_their_order(client, newsroom):
    import factories

    factories.section("ru", title="Экономика", slug="economy", position=1)
    text = client.get("/ru/").text
    assert 'href="/ru/economy/"' in text
    assert 'href="/ru/politics/"' in text
    assert text.index('href="/ru/economy/"') < text.index('href="/ru/politics/"')
    assert 'href="/ru/economy/"' not in client.get("/en/").text


def test_listing_canonical_address_keeps_only_the_page_number(client, newsroom, settings):
    import factories

    settings.NEWSDESK_PAGE_SIZE = 1
    factories.article(newsroom.politics)
    text = client.get("/en/politics/?page=2&utm_source=x").text
    assert 'rel="canonical" href="http://testserver/en/politics/?page=2"' in text
