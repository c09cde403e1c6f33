"""Playwright on Debian's chromium, against the real server of `running_site`."""

import pytest
from demo_site import CHROME_FLAGS, CHROMIUM, require_tool

BROWSER_TESTS = __file__.rsplit("/", 1)[0]


def pytest_collection_modifyitems(items):
    """Every test in this folder drives a browser, so `-m "not browser"` leaves them out."""
    for item in items:
        if str(item.path).startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the whole run; a new context per test keeps tests apart."""
    require_tool(CHROMIUM.exists(), f"chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh context (own storage, cookies, permissions); closed after the test.

    Takes the browser context's options: viewport, color_scheme, java_script_enabled…
    """
    contexts = []

    def open_page(**context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
