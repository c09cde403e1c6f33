"""The shipped Varnish configuration in front of the real server: pages cached, purges arrive.

Starts its own demo site told to purge two varnishd nodes of the test's own (deploy/varnish/
newsdesk.vcl with the site's port), as a deployment with several Varnish machines does,
publishes an edit through Wagtail in the site's database, and reads the article back
through each node.
"""

import contextlib
import re
import time
import urllib.request

import pytest
from demo_site import demo_site, free_port
from servers import varnish

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"
EDIT_TITLE = """
from newsdesk.articles.models import ArticlePage
article = ArticlePage.objects.get(pk={pk})
article.title = {title!r}
article.save_revision().publish()
"""


def get(url, **headers):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER, **headers})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read().decode()


@pytest.fixture(scope="module")
def site_behind_varnishes():
    """A demo site whose publishes purge two Varnish nodes in front of it: (site, their URLs)."""
    ports = [free_port(), free_port()]
    env = {"NEWSDESK_VARNISH_URLS": ",".join(f"http://127.0.0.1:{port}" for port in ports)}
    with demo_site(articles=60, seed=3, env=env) as site, contextlib.ExitStack() as nodes:
        backend_port = int(site.base_url.rsplit(":", 1)[1])
        urls = [nodes.enter_context(varnish(backend_port, port=port)) for port in ports]
        yield site, urls


@pytest.fixture(scope="module")
def site_behind_varnish(site_behind_varnishes):
    """(site, the first Varnish node's URL)."""
    site, urls = site_behind_varnishes
    return site, urls[0]


def first_article(base_url):
    """(path, id) of the first story linked from the English home page."""
    _, _, home = get(base_url + "/en/")
    for path in re.findall(r'href="(/en/[\w-]+/[\w-]+/)"', home):
        _, _, article = get(base_url + path)
        found = re.search(r'data-article-id="(\d+)"', article)
        if found:
            return path, int(found.group(1))
    raise AssertionError("no article linked from /en/")


def test_varnish_caches_pages_and_hides_the_surrogate_keys(site_behind_varnish):
    site, varnish_url = site_behind_varnish
    path, _ = first_article(varnish_url)
    get(varnish_url + path)
    status, headers, _ = get(varnish_url + path)
    assert status == 200
    assert headers["X-Cache"] == "HIT"
    assert "xkey" not in {name.lower() for name in headers}
    # The app names what the page shows, for a cache that asks, to purge by.
    _, app_headers, _ = get(site.base_url + path, **{"Surrogate-Capability": "varnish=xkey"})
    assert f"page-{first_article(site.base_url)[1]}" in app_headers["xkey"].split()


def test_publishing_purges_the_article_from_every_varnish_node(site_behind_varnishes):
    site, varnish_urls = site_behind_varnishes
    path, article_id = first_article(varnish_urls[0])
    for url in varnish_urls:
        get(url + path)
        assert get(url + path)[1]["X-Cache"] == "HIT"

    title = "Corrected headline seen through Varnish"
    site.manage("shell", "-c", EDIT_TITLE.format(pk=article_id, title=title))

    # Without a purge Varnish would keep the old page for the app's s-maxage (minutes);
    # the soft purge lets one reader get the old copy while the new one is fetched.
    for url in varnish_urls:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            _, _, body = get(url + path)
            if title in body:
                break
            time.sleep(0.1)
        assert title in body, f"{url} still serves the old page"


def test_tracking_parameters_share_the_cached_page(site_behind_varnish):
    _, varnish_url = site_behind_varnish
    path, _ = first_article(varnish_url)
    get(varnish_url + path)
    _, headers, _ = get(varnish_url + path + "?utm_source=newsletter&fbclid=abc")
    assert headers["X-Cache"] == "HIT"


def test_editors_with_a_session_pass_through_varnish(site_behind_varnish):
    _, varnish_url = site_behind_varnish
    path, _ = first_article(varnish_url)
    get(varnish_url + path)
    _, headers, _ = get(varnish_url + path, Cookie="sessionid=abc")
    assert headers["X-Cache"] == "MISS"
