"""An article page stays light: HTML, CSS and JS under 100 KB, nothing render-blocking from
another site."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from demo_site import edition_languages, fetch

pytestmark = pytest.mark.quality

BUDGET = 100 * 1024  # bytes, uncompressed, images aside
# Static imports inside JS modules and @import inside stylesheets load more of the same kind.
JS_IMPORT = re.compile(
    r"""(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|"""
    r"""(?:^|[;\s])import\s*['"]([^'"]+)['"]""",
    re.MULTILINE,
)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s]+)""")


def page_assets(url, html):
    """The stylesheets and scripts an HTML page loads: (kind, absolute URL)."""
    soup = BeautifulSoup(html, "html.parser")
    assets = []
    for link in soup.find_all("link", href=True):
        rel = {value.lower() for value in link.get("rel", [])}
        if "stylesheet" in rel or (rel & {"preload"} and link.get("as") == "style"):
            assets.append(("css", urljoin(url, link["href"])))
        elif "modulepreload" in rel or (rel & {"preload"} and link.get("as") == "script"):
            assets.append(("js", urljoin(url, link["href"])))
    for script in soup.find_all("script", src=True):
        assets.append(("js", urljoin(url, script["src"])))
    return assets


def weigh(url):
    """{URL: bytes} for the page, its CSS and JS, and whatever those import in turn."""
    status, html = fetch(url)
    assert status == 200, f"{url} answered {status}"
    sizes = {url: len(html.encode("utf-8"))}
    pending = page_assets(url, html)
    while pending:
        kind, asset = pending.pop()
        if asset in sizes:
            continue
        status, text = fetch(asset)
        assert status == 200, f"{asset} (linked from {url}) answered {status}"
        sizes[asset] = len(text.encode("utf-8"))
        pattern = JS_IMPORT if kind == "js" else CSS_IMPORT
        for match in pattern.finditer(text):
            target = next(group for group in match.groups() if group)
            pending.append((kind, urljoin(asset, target)))
    return sizes


@pytest.mark.parametrize("language", edition_languages())
def test_article_page_html_css_and_js_weigh_under_100_kb(site_pages, language):
    sizes = weigh(site_pages.editions[language]["article"])
    total = sum(sizes.values())
    listing = "\n".join(f"  {size:>7} B  {url}" for url, size in sizes.items())
    assert total < BUDGET, f"{total} bytes, over {BUDGET}:\n{listing}"
    assert len(sizes) > 1, f"no stylesheet or script found on the page:\n{listing}"


@pytest.mark.parametrize("page_type", ["home", "section", "article"])
def test_no_stylesheet_or_script_from_another_site(site_pages, page_type):
    url = site_pages.editions["en"][page_type]
    _status, html = fetch(url)
    origin = urlsplit(url).netloc
    foreign = [asset for _kind, asset in page_assets(url, html) if urlsplit(asset).netloc != origin]
    assert not foreign, f"{page_type} loads CSS or JS from elsewhere: {foreign}"
