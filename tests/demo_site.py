"""A demo site for the page checkers: start one like `running_site`, and find its pages.

Shared by the browser tests, the quality tests and `bench/audit.py`. Page addresses are read
from the pages themselves (links on the home page, the switcher, an article's tags), never
hard-coded, because the demo content is random.
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import services
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".test-tools"
CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
VNU_JAR = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Flags for every chromium these checks start: no sandbox (root in a container), and no
# traffic of the browser's own (updates, field trials) that could slow or skew a measurement.
CHROME_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Path prefixes that are not sections (see newsdesk/urls.py).
NON_SECTION_SEGMENTS = {"search", "tags", "people", "static", "media", "admin", "news"}
PAGE_TYPES = (
    "home",
    "section",
    "article",
    "tag",
    "person",
    "search",
    "search_nothing",
    "not_found",
)


def require_tool(available, reason):
    """Skip a test whose tool is missing on a developer's machine; fail it under CI."""
    if available:
        return
    # Imported here: `make bench` uses this module without the test dependencies.
    import pytest

    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the tools must be installed, run `make test-tools`)")
    pytest.skip(f"{reason}; `make test-tools` installs it")


def fetch(url, timeout=30):
    """GET a URL and return (status, body text), 4xx/5xx included."""
    request = urllib.request.Request(url, headers={"User-Agent": "newsdesk-page-checks"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def path_segments(url):
    """The non-empty segments of a URL's path: '/en/world/x/' -> ['en', 'world', 'x']."""
    return [segment for segment in urlsplit(url).path.split("/") if segment]


@dataclass
class Edition:
    """The addresses of one edition's page types on the running site, absolute."""

    language: str
    home: str
    pages: dict = field(default_factory=dict)

    def __getitem__(self, page_type):
        return self.pages[page_type]


@dataclass
class SitePages:
    """Every edition of the running site with one address per page type."""

    base_url: str
    editions: dict

    def all_pages(self, page_types=PAGE_TYPES):
        """(language, page type, URL) for each edition and each of the given page types."""
        return [
            (language, page_type, edition.pages[page_type])
            for language, edition in self.editions.items()
            for page_type in page_types
        ]


def _soup(url):
    status, html = fetch(url)
    assert status == 200, f"{url} answered {status}"
    return BeautifulSoup(html, "html.parser")


def _same_site_links(soup, page_url):
    """Absolute same-origin link targets of a page, in document order, without repeats."""
    origin = urlsplit(page_url).netloc
    seen = []
    for anchor in soup.find_all("a", href=True):
        url = urljoin(page_url, anchor["href"]).split("#")[0]
        if urlsplit(url).netloc == origin and url not in seen:
            seen.append(url)
    return seen


def _is_section(url, language):
    segments = path_segments(url)
    return (
        len(segments) == 2 and segments[0] == language and segments[1] not in NON_SECTION_SEGMENTS
    )


def _is_article(url, language):
    segments = path_segments(url)
    return (
        len(segments) == 3 and segments[0] == language and segments[1] not in NON_SECTION_SEGMENTS
    )


def _under(url, language, segment):
    segments = path_segments(url)
    return len(segments) == 3 and segments[:2] == [language, segment]


def edition_homes(base_url):
    """{language: home URL} as the default edition's switcher lists them."""
    status, html = fetch(base_url + "/")
    soup = BeautifulSoup(html, "html.parser")
    if status != 200 or not soup.select("[hreflang]"):
        soup = _soup(base_url + "/en/")
    homes = {}
    for anchor in soup.select("header a[hreflang]"):
        homes[anchor["hreflang"]] = urljoin(base_url + "/", anchor["href"])
    assert homes, "the home page's header has no edition switcher links (a[hreflang])"
    return homes


def translated_article(edition_home, language, other_language):
    """An article of this edition that has a translation in other_language, and that URL.

    The switcher points at the translation when one exists and at the other edition's home
    page otherwise, so an article whose switcher link for other_language is itself an article
    is one with a translation.
    """
    home = _soup(edition_home)
    for url in _same_site_links(home, edition_home):
        if not _is_article(url, language):
            continue
        soup = _soup(url)
        for anchor in soup.select(f"header a[hreflang='{other_language}']"):
            target = urljoin(url, anchor["href"])
            if _is_article(target, other_language):
                return url, target
    raise AssertionError(f"no article on {edition_home} has a {other_language} translation")


def paged_section(edition_home, language):
    """A section of this edition with a second page of stories, and that page's URL."""
    home = _soup(edition_home)
    sections = [url for url in _same_site_links(home, edition_home) if _is_section(url, language)]
    for section_url in sections:
        next_link = _soup(section_url).select_one("a[rel~=next]")
        if next_link:
            return section_url, urljoin(section_url, next_link["href"])
    raise AssertionError(
        f"no section of {edition_home} has a second page (a[rel=next]) among {sections}: "
        "the demo content is too small for the page size (NEWSDESK_PAGE_SIZE)"
    )


def articles_on(page_url, language):
    """Article URLs linked from a page, in document order."""
    return [
        url for url in _same_site_links(_soup(page_url), page_url) if _is_article(url, language)
    ]


def discover_edition(base_url, language, home_url):
    """Find one address of each page type in an edition, reading links from its pages."""
    edition = Edition(language=language, home=home_url)
    home = _soup(home_url)
    links = _same_site_links(home, home_url)
    sections = [url for url in links if _is_section(url, language)]
    articles = [url for url in links if _is_article(url, language)]
    assert sections, f"no section link on {home_url}"
    assert articles, f"no article link on {home_url}"
    edition.pages["home"] = home_url
    edition.pages["section"] = sections[0]
    edition.pages["article"] = articles[0]
    # Tags and people hang off articles; look through a few until both turn up.
    for article_url in articles[:15]:
        article_links = _same_site_links(_soup(article_url), article_url)
        for page_type, segment in (("tag", "tags"), ("person", "people")):
            if page_type not in edition.pages:
                found = [url for url in article_links if _under(url, language, segment)]
                if found:
                    edition.pages[page_type] = found[0]
        if "tag" in edition.pages and "person" in edition.pages:
            break
    for page_type in ("tag", "person"):
        assert page_type in edition.pages, f"no {page_type} link on the first articles"
    # A word from the first article's title is sure to be found.
    title = _soup(edition.pages["article"]).find("h1").get_text(" ", strip=True)
    word = max(title.split(), key=len).strip(".,:;!?«»\"'")
    search = urljoin(home_url, f"/{language}/search/")
    edition.pages["search"] = f"{search}?q={quote(word)}"
    edition.pages["search_nothing"] = f"{search}?q=qzxjvwq"
    edition.pages["not_found"] = urljoin(home_url, f"/{language}/no-such-page-qzxjvwq/")
    return edition


def discover(base_url):
    """SitePages for every edition of the site running at base_url."""
    homes = edition_homes(base_url)
    return SitePages(
        base_url=base_url,
        editions={
            language: discover_edition(base_url, language, home) for language, home in homes.items()
        },
    )


def free_port():
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url, server, timeout=60):
    """Block until url answers, or raise if the server exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url} within {timeout}s")


@dataclass
class DemoSite:
    """A running demo site: its address, and how to run manage.py against its database."""

    base_url: str
    env: dict
    server: subprocess.Popen

    def manage(self, *args, **options):
        """Run a manage.py command against the site's database and caches; returns its output."""
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
            **options,
        ).stdout


@contextlib.contextmanager
def serve_demo_site(articles=600, seed=7, quiet=True, env=None, port=None):
    """The production server on a fresh SQLite database with demo content, as `running_site`.

    Yields the base URL; the database and media live in a temporary folder removed afterwards.
    """
    with demo_site(articles=articles, seed=seed, quiet=quiet, env=env, port=port) as site:
        yield site.base_url


@contextlib.contextmanager
def demo_site(articles=600, seed=7, quiet=True, env=None, port=None):
    """`serve_demo_site` yielding a DemoSite; `env` adds to the server's environment."""
    var_dir = Path(tempfile.mkdtemp(prefix="newsdesk-audit-"))
    extra = env or {}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "NEWSDESK_VAR_DIR": str(var_dir),
        "DEBUG": "false",
        "CACHE_URL": "locmem://test",
        **services_env(var_dir.name),
        **extra,
    }
    # A fresh SQLite database of its own, unless the services or the caller name one.
    if "DATABASE_URL" not in extra and not using_services():
        env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    output = subprocess.DEVNULL if quiet else None
    try:
        for command in (
            ["migrate", "--noinput", "-v0"],
            ["collectstatic", "--noinput", "-v0"],
            ["setup_outlet"],
            ["seed_demo", "--articles", str(articles), "--seed", str(seed), "--no-progress"],
        ):
            subprocess.run(manage + command, env=env, check=True, cwd=ROOT, stdout=output)
        port = port or free_port()
        server = subprocess.Popen(
            manage + ["serve", "--port", str(port), "--workers", "2", "--publish-every", "0"],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=output,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(base_url + "/en/", server)
            yield DemoSite(base_url=base_url, env=env, server=server)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
        if using_services():
            services.database_drop(site_database_name(var_dir.name))


def using_services():
    """True under `make test-services`: demo servers run on PostgreSQL and Redis too."""
    return os.environ.get("NEWSDESK_TEST_SERVICES") == "1"


def site_database_name(run_name):
    return "newsdesk_site_" + "".join(char for char in run_name if char.isalnum()).lower()


def services_env(run_name):
    """Environment for a demo server of its own on the services: a fresh PostgreSQL
    database, and Redis (page cache, view buffer, Django's cache) under a prefix of its own."""
    if not using_services():
        return {}
    name = site_database_name(run_name)
    services.database_create(name, drop_first=True)
    return {
        "DATABASE_URL": services.database_url(name),
        "CACHE_URL": services.REDIS_URL,
        "CACHE_KEY_PREFIX": name,
    }


def edition_languages():
    """The configured editions' language codes, for parametrizing tests at collection time."""
    from django.conf import settings

    return [code for code, _name in settings.LANGUAGES]


def ui_text(language, message):
    """An interface string as the edition shows it, from the project's gettext catalogues."""
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(message)


LIGHTHOUSE_CHROME_FLAGS = ["--headless=new", *CHROME_FLAGS]


def lighthouse(url, categories, output_dir, name, attempts=2):
    """Run the Lighthouse CLI (its default phone profile) on url; return the JSON report.

    Chromium is Debian's, via CHROME_PATH; the report is also kept as output_dir/name.json.
    A run that Lighthouse itself could not complete (e.g. NO_NAVSTART, a trace it failed to
    record) is tried again, up to `attempts` runs; a score is never retried.
    """
    report_path = Path(output_dir) / f"{name}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(categories)}",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
        f"--chrome-flags={' '.join(LIGHTHOUSE_CHROME_FLAGS)}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    for attempt in range(1, attempts + 1):
        report_path.unlink(missing_ok=True)
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
        if result.returncode == 0 and report_path.exists():
            report = json.loads(report_path.read_text())
            error = report.get("runtimeError")
            if not error:
                return report
        else:
            error = f"exited {result.returncode}: {result.stderr[-2000:]}"
        if attempt < attempts:
            print(f"lighthouse {url}: {error}; trying again", file=sys.stderr)
    raise RuntimeError(f"lighthouse {url} failed {attempts} times; last: {error}")


def lighthouse_scores(report):
    """{category id: score 0–100, or None when Lighthouse could not score it}."""
    return {
        category_id: None if category["score"] is None else round(category["score"] * 100)
        for category_id, category in report["categories"].items()
    }


def lighthouse_failures(report, category_id):
    """'id: title (score)' for each scored audit of a category that did not pass in full."""
    failures = []
    for ref in report["categories"][category_id]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            where = [
                (item.get("node") or {}).get("selector") or item.get("url") or ""
                for item in items[:3]
                if isinstance(item, dict)
            ]
            failures.append(
                f"{ref['id']}: {audit['title']} (score {audit['score']})"
                + (f" at {[w for w in where if w]}" if any(where) else "")
            )
    return failures
