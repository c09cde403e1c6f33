"""axe-core on every page type, in light and night themes, in every edition; visible focus."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from demo_site import PAGE_TYPES, edition_languages

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def axe():
    return Axe()


def describe(violations):
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s): {'; '.join(targets)}]"
        )
        summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")
        lines.append(f"    {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("language", edition_languages())
def test_page_has_no_serious_accessibility_violation(
    new_page, site_pages, axe, language, page_type, theme
):
    page = new_page(color_scheme=theme)
    page.goto(site_pages.editions[language][page_type])
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    violations = axe.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{language} {page_type} ({theme}) {page.url}:\n{describe(blocking)}"


FOCUS_STYLE = """
() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const label = (element.getAttribute("aria-label") || element.textContent || element.name
                 || "").trim().slice(0, 40);
  return {
    tag: element.tagName.toLowerCase(),
    label,
    visible: outline || shadow,
    readerTool: !!element.closest("[data-reader-tools]"),
    style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
  };
}
"""


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_keyboard_focus_is_visible_up_to_the_reader_tools(new_page, site_pages, theme):
    """Tab from the top of an article to its reader tools; every stop shows where focus is."""
    page = new_page(color_scheme=theme)
    page.goto(site_pages.editions["en"]["article"])
    page.wait_for_load_state("load")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        stops.append(focus)
        assert focus["visible"], (
            f"focus on <{focus['tag']}> {focus['label']!r} (tab stop {len(stops)}) is not "
            f"visible in the {theme} theme: {focus['style']}"
        )
        if focus["readerTool"]:
            break
    else:
        pytest.fail(f"40 tabs never reached the reader tools: {[s['label'] for s in stops]}")
    assert stops[0]["tag"] == "a", "the first tab stop should be the skip link"
