"""The README's screenshots: home and article, light and night, desktop and phone.

They are taken on every run and checked (the night one must be darker); they are written to
docs/screenshots/ only with UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the tree clean:

    UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser/test_screenshots.py
"""

import os

import pytest
from demo_site import ROOT
from PIL import Image, ImageStat

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "docs" / "screenshots"
DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "is_mobile": True,
        "has_touch": True,
    },
}


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory):
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("screenshots")


def brightness(path):
    with Image.open(path) as image:
        return ImageStat.Stat(image.convert("L")).mean[0]


@pytest.mark.parametrize("device", list(DEVICES))
@pytest.mark.parametrize("page_type", ["home", "article"])
def test_screenshots_of_light_and_night_themes(
    new_page, site_pages, screenshot_dir, page_type, device
):
    url = site_pages.editions["en"][page_type]
    paths = {}
    for theme in ("light", "dark"):
        page = new_page(color_scheme=theme, **DEVICES[device])
        page.goto(url)
        page.wait_for_load_state("networkidle")
        # Every image on screen has arrived (lazy ones further down are not wanted here).
        page.wait_for_function(
            "[...document.images].filter(image => image.getBoundingClientRect().top"
            " < innerHeight).every(image => image.complete && image.naturalWidth > 0)"
        )
        name = "night" if theme == "dark" else "light"
        paths[theme] = screenshot_dir / f"{page_type}-{name}-{device}.png"
        page.screenshot(path=paths[theme], animations="disabled", caret="hide")
        viewport = DEVICES[device]["viewport"]
        with Image.open(paths[theme]) as image:
            assert image.size == (viewport["width"], viewport["height"])
    assert brightness(paths["dark"]) < brightness(paths["light"]) - 40, (
        f"the night {page_type} on {device} is hardly darker than the light one"
    )
