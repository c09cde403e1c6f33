"""Titles offered while the reader types in the search page, in a real browser."""

import pytest
from bs4 import BeautifulSoup
from demo_site import fetch
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_typing_offers_matching_titles_as_links(new_page, site_pages):
    article = site_pages.editions["en"].pages["article"]
    title = BeautifulSoup(fetch(article)[1], "html.parser").find("h1").get_text(" ", strip=True)
    first, second, *_rest = title.split()
    page = new_page()
    page.goto(site_pages.editions["en"].pages["search"].split("?")[0])
    page.locator("#search-page-q").press_sequentially(f"{first} {second[:3]}", delay=30)
    offered = page.locator("[data-search-titles-list] a", has_text=title)
    expect(offered.first).to_be_visible()
    offered.first.click()
    expect(page.locator("h1")).to_have_text(title)


def test_without_javascript_the_form_still_searches(new_page, site_pages):
    page = new_page(java_script_enabled=False)
    page.goto(site_pages.editions["ru"].pages["search"].split("?")[0])
    page.locator("#search-page-q").fill("qzxjvwq")
    page.locator("#search-page-q").press("Enter")
    expect(page.locator(".notice")).to_contain_text("qzxjvwq")
