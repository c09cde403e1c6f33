"""Every page type laid out for a 360 px wide phone, in every edition."""

import pytest
from demo_site import PAGE_TYPES, edition_languages, paged_section

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
MIN_TARGET = 44  # px, each side: the "tap targets at least 44 px"

# The page regions whose controls are checked, and the controls in them.
REGIONS = (
    "body > header, .site-header",
    "[data-reader-tools]",
    ".pagination, [data-load-more-nav]",
    "body > footer, .site-footer",
)
CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]"

# Returns the controls in REGIONS that are visible and smaller than MIN_TARGET in either
# direction. One exemption, that of WCAG 2.5.8 for inline targets: a link that sits in a
# sentence, i.e. inside a <p> whose text is longer than the link's own text, since its height is
# set by the line of text around it.
SMALL_TARGETS = """
([regions, controls, minimum]) => {
  const seen = new Set();
  const small = [];
  for (const region of document.querySelectorAll(regions)) {
    for (const element of region.querySelectorAll(controls)) {
      if (seen.has(element)) continue;
      seen.add(element);
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
      const paragraph = element.tagName === "A" && element.closest("p");
      if (paragraph && paragraph.textContent.trim().length > element.textContent.trim().length) {
        continue;
      }
      if (box.width < minimum || box.height < minimum) {
        const name = (element.getAttribute("aria-label") || element.textContent || element.name
                      || element.type || "").trim().slice(0, 40);
        small.push(`<${element.tagName.toLowerCase()}> "${name}" in ${region.className
                   || region.tagName.toLowerCase()}: ${Math.round(box.width)}x${Math.round(
                   box.height)} px`);
      }
    }
  }
  return small;
}
"""

# Elements wider than the viewport, to say what causes horizontal scrolling.
OVERFLOWING = """
(width) => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > width + 0.5)
  .slice(0, 5)
  .map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> right edge at ${
    Math.round(e.getBoundingClientRect().right)} px`)
"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("language", edition_languages())
def test_page_fits_a_phone_screen(new_page, site_pages, language, page_type):
    page = new_page(**PHONE)
    page.goto(site_pages.editions[language][page_type])
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, (
        f"{language} {page_type} scrolls sideways on a 360 px phone ({width} px wide): "
        f"{page.evaluate(OVERFLOWING, 360)}"
    )
    small = page.evaluate(SMALL_TARGETS, [", ".join(REGIONS), CONTROLS, MIN_TARGET])
    assert not small, f"{language} {page_type}: tap targets under {MIN_TARGET} px: " + "; ".join(
        small
    )


@pytest.mark.parametrize("language", edition_languages())
def test_phone_header_keeps_the_switcher_and_search_within_reach(new_page, site_pages, language):
    """A compact header: every edition and the search field on screen without scrolling."""
    page = new_page(**PHONE)
    page.goto(site_pages.editions[language]["article"])
    header = page.locator("body > header, .site-header").first
    for other in edition_languages():
        link = header.locator(f"a[hreflang='{other}']").first
        assert link.is_visible(), f"the {other} edition link is hidden in the phone header"
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{other} link is off screen"
    search = header.locator("input[type=search], a[href*='/search/'], button[aria-controls]")
    assert any(item.is_visible() for item in search.all()), "no search within reach"
    height = header.bounding_box()["height"]
    # A third of the screen at most, so the story starts on the first screen.
    assert height <= 740 / 3, f"the phone header is {height:.0f} px tall"


@pytest.mark.parametrize("language", edition_languages())
def test_pagination_links_fit_a_phone(new_page, site_pages, language):
    """A listing's second page, which has links both ways, checked the same way."""
    _section, page_two = paged_section(site_pages.editions[language].home, language)
    page = new_page(**PHONE)
    page.goto(page_two)
    assert page.locator(".pagination a[href], [data-load-more-nav] a[href]").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    small = page.evaluate(SMALL_TARGETS, [", ".join(REGIONS), CONTROLS, MIN_TARGET])
    assert not small, f"{language} {page_two}: tap targets under {MIN_TARGET} px: " + "; ".join(
        small
    )
