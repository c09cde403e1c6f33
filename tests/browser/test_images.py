"""Images never shift the page as they arrive, and those below the fold wait to be scrolled to."""

import pytest
from demo_site import edition_languages

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}

# For every <img>: its place on the page before any scrolling, and its loading/size attributes.
IMAGES = """
() => [...document.images].map(image => ({
  src: image.currentSrc || image.src,
  top: image.getBoundingClientRect().top + window.scrollY,
  displayed: image.getBoundingClientRect().width > 0,
  loading: image.getAttribute("loading"),
  width: image.getAttribute("width"),
  height: image.getAttribute("height"),
}))
"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("page_type", ["home", "section", "article", "tag", "person", "search"])
@pytest.mark.parametrize("language", edition_languages())
def test_images_have_sizes_and_load_lazily_below_the_fold(
    new_page, site_pages, language, page_type, viewport
):
    page = new_page(viewport=VIEWPORTS[viewport])
    page.goto(site_pages.editions[language][page_type], wait_until="domcontentloaded")
    images = page.evaluate(IMAGES)
    unsized = [image["src"] for image in images if not (image["width"] and image["height"])]
    assert not unsized, f"{language} {page_type}: <img> without width and height: {unsized}"
    fold = VIEWPORTS[viewport]["height"]
    eager = [
        f"{image['src']} at {image['top']:.0f} px"
        for image in images
        if image["displayed"] and image["top"] >= fold and image["loading"] != "lazy"
    ]
    assert not eager, (
        f"{language} {page_type} on a {viewport}: images below the fold ({fold} px) without "
        f'loading="lazy": {eager}'
    )
