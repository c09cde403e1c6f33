"""The article page's reader tools clicked in a real browser: theme, text size, copy, print."""

import re

import pytest
from demo_site import articles_on, edition_languages, ui_text
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LIGHT = {"color_scheme": "light"}
DARK = {"color_scheme": "dark"}


def html_theme(page):
    return page.evaluate("document.documentElement.dataset.theme")


# The computed font size, in px, of the article body's first paragraph.
BODY_FONT_SIZE = "parseFloat(getComputedStyle(document.querySelector('.article__body p')).fontSize)"


def body_font_size(page):
    return page.evaluate(BODY_FONT_SIZE)


def press_text_size(page, button, change):
    """Press A+ ('larger') or A- ('smaller') and wait until the body text size moves by `change`."""
    initial = body_font_size(page)
    page.locator(f"[data-reader-tools] [data-text-size='{button}']").click()
    page.wait_for_function(f"{BODY_FONT_SIZE} {change} {initial}")


@pytest.fixture(scope="session")
def en(site_pages):
    return site_pages.editions["en"]


@pytest.fixture(scope="session")
def other_article(en):
    """A second English article, to check what the reader chose carries over to other pages."""
    article = en["article"]
    return next(url for url in articles_on(en["home"], "en") if url != article)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_follows_system_setting_until_reader_chooses(new_page, en, scheme):
    page = new_page(color_scheme=scheme)
    page.goto(en["article"])
    assert html_theme(page) == scheme


def test_night_theme_persists_across_reload_and_pages(new_page, en, other_article):
    page = new_page(**LIGHT)
    page.goto(en["article"])
    assert html_theme(page) == "light"
    toggle = page.locator("[data-reader-tools] [data-theme-toggle]")
    toggle.click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.reload()
    assert html_theme(page) == "dark"
    page.goto(other_article)
    assert html_theme(page) == "dark"


# Records the theme at the moment <body> is parsed, i.e. before the first paint.
THEME_AT_FIRST_PAINT = """
new MutationObserver((changes, observer) => {
  if (document.body) {
    window.themeAtFirstPaint = document.documentElement.dataset.theme;
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def test_chosen_night_theme_applies_before_first_paint(new_page, en):
    """No flash of the light theme: the stored choice is applied before the body is drawn."""
    page = new_page(**LIGHT)
    page.goto(en["article"])
    page.locator("[data-reader-tools] [data-theme-toggle]").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.add_init_script(THEME_AT_FIRST_PAINT)
    page.reload()
    assert page.evaluate("window.themeAtFirstPaint") == "dark"


def test_readers_day_choice_beats_a_dark_system_setting(new_page, en):
    page = new_page(**DARK)
    page.goto(en["article"])
    assert html_theme(page) == "dark"
    page.locator("[data-reader-tools] [data-theme-toggle]").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    page.reload()
    assert html_theme(page) == "light"


def test_night_theme_changes_the_colours(new_page, en):
    page = new_page(**LIGHT)
    page.goto(en["article"])
    background = "getComputedStyle(document.body).backgroundColor"
    light_background = page.evaluate(background)
    page.locator("[data-reader-tools] [data-theme-toggle]").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert page.evaluate(background) != light_background


def test_without_javascript_the_palette_follows_the_system_setting(new_page, en):
    background = "getComputedStyle(document.body).backgroundColor"
    backgrounds = {}
    for scheme in ("light", "dark"):
        page = new_page(color_scheme=scheme, java_script_enabled=False)
        page.goto(en["article"])
        assert html_theme(page) is None
        backgrounds[scheme] = page.evaluate(background)
    assert backgrounds["light"] == "rgb(255, 255, 255)"
    assert backgrounds["dark"] != backgrounds["light"]


def test_larger_text_grows_the_body_and_is_remembered(new_page, en, other_article):
    page = new_page(**LIGHT)
    page.goto(en["article"])
    press_text_size(page, "larger", ">")
    larger = body_font_size(page)
    page.reload()
    assert body_font_size(page) == larger, "the larger text size was not kept across a reload"
    page.goto(other_article)
    assert body_font_size(page) == larger, "the larger text size did not carry to another article"


def test_smaller_text_shrinks_the_body(new_page, en):
    page = new_page(**LIGHT)
    page.goto(en["article"])
    press_text_size(page, "smaller", "<")


@pytest.mark.parametrize("language", edition_languages())
def test_copy_link_puts_the_url_on_the_clipboard_and_says_so_in_the_edition_language(
    new_page, site_pages, language
):
    expected = ui_text(language, "Link copied")
    if language == "ru":
        assert expected == "Ссылка скопирована", "the ru catalogue lacks 'Link copied'"
    elif language != "en":
        assert expected != "Link copied", f"the {language} catalogue lacks 'Link copied'"
    page = new_page(**LIGHT)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    url = site_pages.editions[language]["article"]
    page.goto(url)
    page.locator("[data-reader-tools] [data-copy-link]").click()
    toast = page.locator("[data-reader-tools] [role=status]")
    try:
        expect(toast).to_have_text(expected)
    except AssertionError:
        pytest.fail(f"{language}: the toast says {toast.inner_text()!r}, not {expected!r}")
    assert page.evaluate("navigator.clipboard.readText()") == url


@pytest.mark.parametrize("language", edition_languages())
def test_reader_tools_are_buttons_labelled_in_the_edition_language(new_page, site_pages, language):
    page = new_page(**LIGHT)
    page.goto(site_pages.editions[language]["article"])
    tools = page.locator("[data-reader-tools]")
    for message in ("Smaller text", "Larger text", "Night theme", "Print", "Copy link"):
        label = ui_text(language, message)
        if language != "en":
            assert label != message, f"the {language} catalogue lacks {message!r}"
        button = tools.get_by_role("button", name=label, exact=True)
        assert button.count() == 1 and button.is_visible(), (
            f"{language}: no visible reader-tools button named {label!r}; the tools read:\n"
            + tools.aria_snapshot()
        )


def test_print_stylesheet_leaves_navigation_and_buttons_off_paper(new_page, en):
    page = new_page(**LIGHT)
    page.goto(en["article"])
    page.emulate_media(media="print")
    for selector in (
        "body > header",
        "nav",
        "body > footer",
        "[data-reader-tools]",
        ".share",
        "button",
        ".skip-link",
        ".ad-slot",
        "form[role=search]",
    ):
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} is visible in print: {element}"
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".article__body")).to_be_visible()


def test_view_count_shows_the_number_the_counter_answers(new_page, en):
    page = new_page(**LIGHT)
    with page.expect_response(re.compile(r"/views/\d+/$")) as counted:
        page.goto(en["article"])
    response = counted.value
    assert response.request.method == "POST"
    views = response.json()["views"]
    assert response.json()["counted"], "a reader's browser was taken for a bot"
    expect(page.locator("[data-view-count]")).to_have_text(str(views))
