"""A newsdesk site on servers of its own, and the load a reader crowd and an editor put on it.

`StackTemplate` migrates and seeds one database on a test cluster (tests/clusters.py);
each `stack_site` copies it (CREATE DATABASE … TEMPLATE, a fraction of a second) with its
media, and runs `manage.py serve` on it with the services named (replica, Redis). `Load`
sends page reads, searches and view counts from threads, with bounded time, to 127.0.0.1
only. Used by the fault tests (tests/operations) and `make soak` (bench/soak.py).
"""

import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from demo_site import ROOT, free_port, wait_until_serving

MANAGE = [sys.executable, str(ROOT / "manage.py")]
JSON_MARK = "STACK-JSON"
# Variables of the calling shell (make test-services sets some) that would point a site of
# ours at the machine's own services.
INHERITED = {"DATABASE_URL", "DATABASE_REPLICA_URL", "CACHE_URL", "REDIS_URL", "MEDIA_ROOT",
             "CACHE_KEY_PREFIX", "NEWSDESK_TEST_SERVICES", "PROMETHEUS_MULTIPROC_DIR"}  # fmt: skip
ARTICLES_QUERY = """
import json
from newsdesk.articles.models import ArticlePage
rows = [{"id": a.pk, "url": a.get_url(None), "title": a.title, "language": a.locale.language_code}
        for a in ArticlePage.objects.published().order_by("pk")]
print("STACK-JSON", json.dumps(rows))
"""


def base_env(**extra):
    env = {key: value for key, value in os.environ.items() if key not in INHERITED}
    env.update({"DJANGO_SETTINGS_MODULE": "newsdesk.settings", "DEBUG": "false"})
    env.update({key: str(value) for key, value in extra.items() if value is not None})
    return env


def manage(env, *args, timeout=600):
    """Run a manage.py command and return its output; raise with its errors if it fails."""
    result = subprocess.run(MANAGE + list(args), env=env, cwd=ROOT, capture_output=True,
                            text=True, timeout=timeout)  # fmt: skip
    if result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}"
        )
    return result.stdout


def shell_json(env, code):
    """Run Python in `manage.py shell -c` and return what it printed after JSON_MARK."""
    output = manage(env, "shell", "-c", code)
    for line in output.splitlines():
        if line.startswith(JSON_MARK + " "):
            return json.loads(line.split(" ", 1)[1])
    raise RuntimeError(f"no result in the shell's output:\n{output[-2000:]}")


class StackTemplate:
    """A migrated database with a small outlet, to copy for each site."""

    NAME = "newsdesk_template"

    def __init__(self, primary, articles=12):
        self.primary = primary
        self.folder = Path(tempfile.mkdtemp(prefix="newsdesk-stack-template-"))
        primary.database_create(self.NAME)
        env = self.env()
        for command in (["migrate", "--noinput", "-v0"], ["setup_outlet"],
                        ["seed_demo", "--articles", str(articles), "--seed", "11", "--no-progress"],
                        ["collectstatic", "--noinput", "-v0"]):  # fmt: skip
            manage(env, *command)
        self.articles = shell_json(env, ARTICLES_QUERY)
        # Nobody may stay connected to a template that is copied.
        primary.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{self.NAME}' AND pid <> pg_backend_pid()"
        )

    def env(self, database=None, var_dir=None):
        return base_env(
            DATABASE_URL=self.primary.url(database or self.NAME),
            NEWSDESK_VAR_DIR=var_dir or self.folder,
            CACHE_URL="locmem://stack",
        )

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class StackSite:
    """One running site: its address, environment, server process and database."""

    base_url: str
    env: dict
    server: subprocess.Popen
    database: str
    var_dir: Path
    articles: list
    log_path: Path
    port: int

    def manage(self, *args, **options):
        return manage(self.env, *args, **options)

    def shell_json(self, code):
        return shell_json(self.env, code)

    def log_lines(self):
        return self.log_path.read_text(errors="replace").splitlines()


@contextlib.contextmanager
def stack_database(template, replica=None, redis=None, **extra):
    """(environment, database name, var folder) of a fresh copy of the template's database
    and media, with the services named: `replica` (a PostgresCluster) becomes
    DATABASE_REPLICA_URL, `redis` (a RedisServer) the cache, page cache store, view buffer
    and rate limit store; `extra` adds variables."""
    database = f"newsdesk_{uuid.uuid4().hex[:12]}"
    var_dir = Path(tempfile.mkdtemp(prefix="newsdesk-stack-"))
    try:
        shutil.copytree(template.folder / "media", var_dir / "media", dirs_exist_ok=True)
        # Collected static files are the same for every site (collectstatic is slow: brotli).
        (var_dir / "static").symlink_to(template.folder / "static")
        template.primary.database_create(database, template=template.NAME)
        env = template.env(database, var_dir)
        env["CACHE_KEY_PREFIX"] = database
        if replica is not None:
            env["DATABASE_REPLICA_URL"] = replica.url(database)
        if redis is not None:
            env["CACHE_URL"] = redis.url
        env.update({key: str(value) for key, value in extra.items()})
        yield env, database, var_dir
    finally:
        with contextlib.suppress(Exception):
            template.primary.database_drop(database)
        shutil.rmtree(var_dir, ignore_errors=True)


@contextlib.contextmanager
def stack_site(template, replica=None, redis=None, workers=2, threads=4, background="embedded",
               **extra):  # fmt: skip
    """`manage.py serve` on a fresh copy of the template's database (see stack_database)."""
    with stack_database(template, replica, redis, **extra) as (env, database, var_dir):
        port = free_port()
        log_path = var_dir / "server.log"
        server = None
        try:
            with open(log_path, "w") as log:
                server = subprocess.Popen(
                    MANAGE + ["serve", "--port", str(port), "--workers", str(workers),
                              "--threads", str(threads), "--publish-every", "0",
                              "--background", background],
                    env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            base_url = f"http://127.0.0.1:{port}"
            wait_until_serving(base_url + "/healthz", server)
            yield StackSite(base_url, env, server, database, var_dir, template.articles,
                            log_path, port)  # fmt: skip
        finally:
            if server is not None:
                process_group_stop(server)


def process_group_stop(process, timeout=30):
    """Stop a server started in a session of its own, and whatever it started (granian)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=timeout)
    # Anything left of the group (a worker that did not stop) goes now.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


def send(base_url, method, path, body=None, headers=None, timeout=15):
    """(status, headers by lower-case name, body text) of one request; status 0 when it
    failed outright."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read().decode("utf-8", "replace")
    except OSError as error:
        return 0, {}, str(error)
    finally:
        connection.close()


@dataclass
class Outcome:
    """What one kind of request got during a load: statuses and times."""

    statuses: Counter = field(default_factory=Counter)
    samples: list = field(default_factory=list)  # (started at, seconds, status)
    # The first few failures, as (status, path, the start of the body), to say what failed.
    failures: list = field(default_factory=list)

    def add(self, started, seconds, status, path="", body=b""):
        self.statuses[status] += 1
        self.samples.append((started, seconds, status))
        if (status >= 500 or status == 0) and len(self.failures) < 5:
            self.failures.append((status, path, body[:300].decode("utf-8", "replace")))

    @property
    def server_errors(self):
        return sum(count for status, count in self.statuses.items() if status >= 500 or status == 0)


class Load:
    """Readers reading pages and searching, and their views counted, from threads.

    Each thread keeps one connection open (as a browser does) and sends at most one request
    every `pause` seconds; `acknowledged` counts the views answered 200 per article.
    """

    def __init__(self, base_url, articles, readers=4, pause=0.02, searches=True, views=True,
                 seed=3):  # fmt: skip
        self.base_url = base_url
        self.articles = articles
        self.readers = readers
        self.pause = pause
        self.searches = searches
        self.views = views
        self.random = random.Random(seed)
        self.stop_event = threading.Event()
        self.lock = threading.Lock()
        self.outcomes = {"page": Outcome(), "search": Outcome(), "view": Outcome()}
        self.acknowledged = Counter()
        self.sent = Counter()
        self.threads = []

    def request_pick(self, rng):
        article = rng.choice(self.articles)
        roll = rng.random()
        if self.views and roll < 0.3:
            return "view", "POST", f"/views/{article['id']}/", article
        if self.searches and roll < 0.4:
            word = max(article["title"].split(), key=len).strip(".,:;!?«»\"'")
            return "search", "GET", f"/{article['language']}/search/?q={quote_word(word)}", article
        return "page", "GET", article["url"], article

    def reader(self, index):
        rng = random.Random(self.random.random() + index)
        parts = urlsplit(self.base_url)
        connection = None
        while not self.stop_event.is_set():
            kind, method, path, article = self.request_pick(rng)
            if connection is None:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
            started = time.time()
            if kind == "view":
                with self.lock:
                    self.sent[article["id"]] += 1
            body = b""
            try:
                connection.request(method, path, headers={"User-Agent": "newsdesk-load"})
                response = connection.getresponse()
                body = response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                status, body = 0, str(error).encode()
                connection.close()
                connection = None
            seconds = time.time() - started
            with self.lock:
                self.outcomes[kind].add(started, seconds, status, path, body)
                if kind == "view" and status == 200:
                    self.acknowledged[article["id"]] += 1
            self.stop_event.wait(self.pause)
        if connection is not None:
            connection.close()

    def start(self):
        for index in range(self.readers):
            thread = threading.Thread(target=self.reader, args=(index,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def stop(self):
        self.stop_event.set()
        for thread in self.threads:
            thread.join(30)

    def run_for(self, seconds):
        self.start()
        time.sleep(seconds)
        self.stop()


def quote_word(word):
    from urllib.parse import quote

    return quote(word)


def stored_views(site):
    """{article id: view_count} in the site's database, after its buffer is flushed."""
    site.manage("flush_views")
    rows = site.shell_json(
        "import json\nfrom newsdesk.articles.models import ArticlePage\n"
        "print('STACK-JSON', json.dumps(dict(ArticlePage.objects.values_list('pk', 'view_count'))))"
    )
    return {int(key): value for key, value in rows.items()}


CONSISTENCY_CHECK = """
import json
from wagtail.models import Page
from newsdesk.articles.models import ArticlePage
problems = [str(p) for group in Page.find_problems() for p in group if p]
# (Demo articles loaded in bulk have no revisions; every article edited since has.)
for article in ArticlePage.objects.filter(live=True, live_revision__isnull=False):
    if article.live_revision.content.get("title") != article.title:
        problems.append(f"{article.pk}: title {article.title!r} is not its live revision's")
    if article.latest_revision_id < article.live_revision_id:
        problems.append(f"{article.pk}: its live revision is newer than its latest")
print("STACK-JSON", json.dumps(problems))
"""


def consistency_problems(site):
    """What is half-written: Wagtail's tree problems, live pages unlike their revisions."""
    return site.shell_json(CONSISTENCY_CHECK)
