"""Moving around the site in a real browser: load more, the edition switcher, pages without JS."""

import re

import pytest
from demo_site import (
    articles_on,
    edition_languages,
    fetch,
    paged_section,
    path_segments,
    translated_article,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CARDS = "[data-load-more-list] > li"


def card_links(page, scope="body"):
    return page.eval_on_selector_all(
        f"{scope} [data-load-more-list] > li a[href]", "links => links.map(a => a.href)"
    )


def scroll_until_more(page, scope, initial):
    """Scroll to the bottom of the page until the list in scope holds more than initial cards."""
    for _ in range(10):
        page.mouse.wheel(0, 20_000)
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        try:
            page.wait_for_function(
                f"document.querySelectorAll('{scope} {CARDS}').length > {initial}", timeout=1_500
            )
            return
        except Exception:  # noqa: BLE001 - a timeout: scroll again
            continue
    raise AssertionError(f"scrolling to the bottom never loaded more than {initial} stories")


@pytest.fixture(scope="session")
def en_paged_section(site_pages):
    return paged_section(site_pages.editions["en"].home, "en")


def test_scrolling_to_the_bottom_of_a_section_loads_the_next_stories(new_page, en_paged_section):
    section_url, _page_two = en_paged_section
    page = new_page()
    page.goto(section_url)
    initial = page.locator(CARDS).count()
    assert initial > 0
    scroll_until_more(page, "body", initial)
    links = card_links(page)
    assert len(links) == len(set(links)), "load more repeated stories already on the page"


def test_scrolling_an_article_loads_more_of_its_section(new_page, site_pages, en_paged_section):
    section_url, _page_two = en_paged_section
    section_articles = [
        url for url in articles_on(section_url, "en") if url.startswith(section_url)
    ]
    page = new_page()
    page.goto(section_articles[0])
    scope = ".more-stories"
    expect(page.locator(scope)).to_have_count(1)
    initial = page.locator(f"{scope} {CARDS}").count()
    assert initial > 0
    scroll_until_more(page, scope, initial)
    links = card_links(page, scope)
    assert len(links) == len(set(links)), "load more repeated stories already on the page"
    assert section_articles[0] not in links, "the article lists itself under 'More in'"


# Each edition to the next one round the list: en→ru, ru→hy, hy→en.
LANGUAGES = edition_languages()
EDITION_PAIRS = list(zip(LANGUAGES, LANGUAGES[1:] + LANGUAGES[:1], strict=True))


@pytest.mark.parametrize(("language", "other"), EDITION_PAIRS)
def test_switcher_lands_on_the_translation(new_page, site_pages, language, other):
    article, translation = translated_article(site_pages.editions[language].home, language, other)
    page = new_page()
    page.goto(article)
    page.locator(f"header a[hreflang='{other}']").first.click()
    page.wait_for_url(translation)
    assert page.url != article
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("article[data-article-id] h1")).to_have_count(1)
    # The translation's switcher leads back to the article it came from.
    assert page.locator(f"header a[hreflang='{language}']").first.evaluate("a => a.href") == article


def test_switcher_on_an_article_without_translation_goes_to_the_other_home(new_page, site_pages):
    """Where no translation exists the switcher offers the other edition's home page."""
    en = site_pages.editions["en"]
    ru_home = site_pages.editions["ru"].home
    page = new_page()
    for url in articles_on(en["home"], "en") + articles_on(en["section"], "en"):
        page.goto(url)
        target = page.locator("header a[hreflang='ru']").first.evaluate("a => a.href")
        if len(path_segments(target)) != 3:
            assert target == ru_home
            status, _html = fetch(target)
            assert status == 200
            return
    pytest.fail("every article found has a Russian translation; none to check the fallback on")


def test_pagination_works_without_javascript(new_page, en_paged_section):
    section_url, page_two = en_paged_section
    page = new_page(java_script_enabled=False)
    page.goto(section_url)
    first_page_links = set(card_links(page))
    page.locator("a[rel~=next]").first.click()
    page.wait_for_url(page_two)
    assert "page=2" in page.url
    expect(page.locator("h1")).to_have_count(1)
    second_page_links = set(card_links(page))
    assert second_page_links, "page 2 lists no stories"
    assert not second_page_links & first_page_links, "page 2 repeats stories of page 1"
    expect(page.locator("a[rel~=prev]").first).to_be_visible()


def test_article_reads_without_javascript(new_page, site_pages):
    page = new_page(java_script_enabled=False)
    page.goto(site_pages.editions["en"]["article"])
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".article__body")).to_be_visible()
    expect(page.locator("[data-view-count]")).to_have_text(re.compile(r"^\d"))
