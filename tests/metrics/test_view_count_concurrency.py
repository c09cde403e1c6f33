"""No view is lost when many readers arrive at once: hammer the real server (granian, SQLite).

Hundreds of clients post thousands of views at once; every acknowledged view must be in
the stored total once the server has flushed its buffer, and every answer must be the
count right after its own view.
"""

import json
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urljoin

VIEWS = 3000
CLIENTS = 200
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
BOT = "curl/8.5.0"
STORED_COUNT = (
    "from newsdesk.articles.models import ArticlePage; "
    "print('stored', ArticlePage.objects.get(pk={pk}).view_count)"
)


def fetch_text(url):
    request = urllib.request.Request(url, headers={"User-Agent": BROWSER})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def post_view(url, user_agent):
    """POST one view; answers (status, JSON body)."""
    request = urllib.request.Request(
        url, data=b"", method="POST", headers={"User-Agent": user_agent}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, json.loads(response.read())


def published_article_id(base_url):
    """Follow the first story link of the English home page and read the article's id."""
    home = fetch_text(base_url + "/en/")
    for href in re.findall(r'href="(/en/[\w-]+/[\w-]+/)"', home):
        article = fetch_text(urljoin(base_url, href))
        found = re.search(r'data-article-id="(\d+)"', article)
        if found:
            return int(found.group(1))
    raise AssertionError("no story link on /en/ leads to an article page")


def stored_count(site, article_id):
    """The count in the site's database once everything buffered is written."""
    site.manage("flush_views")
    output = site.manage("shell", "-c", STORED_COUNT.format(pk=article_id))
    return int(re.search(r"stored (\d+)", output).group(1))


def test_concurrent_views_are_all_counted_and_stored(running_demo_site):
    site = running_demo_site
    article_id = published_article_id(site.base_url)
    endpoint = f"{site.base_url}/views/{article_id}/"
    status, before = post_view(endpoint, BOT)
    assert status == 200 and before["counted"] is False

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        answers = list(pool.map(lambda _: post_view(endpoint, BROWSER), range(VIEWS)))

    assert [status for status, _ in answers] == [200] * VIEWS
    assert all(body["counted"] for _, body in answers)
    # Every answer is the count right after its own increment: all different, none skipped.
    assert sorted(body["views"] for _, body in answers) == list(
        range(before["views"] + 1, before["views"] + VIEWS + 1)
    )
    _, after = post_view(endpoint, BOT)
    assert after["views"] == before["views"] + VIEWS
    assert stored_count(site, article_id) == before["views"] + VIEWS


def test_real_server_answers_an_unknown_article_with_a_problem(running_site):
    request = urllib.request.Request(
        f"{running_site}/views/999999/", data=b"", method="POST", headers={"User-Agent": BROWSER}
    )
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as error:
        assert error.code == 404
        assert error.headers["Content-Type"] == "application/problem+json"
        assert json.loads(error.read())["status"] == 404
    else:
        raise AssertionError("an unknown article was counted")
