"""Benchmark: a million articles at the speed of a static file (issue 5), `make bench`.

In one go, on 127.0.0.1 only: build (once, then reuse) a dataset of --size published articles,
start the app twice (page cache on, and off), Varnish in front of the first and nginx serving
a static copy of one article, load each with wrk, and measure publish-to-visible, the renders
a burst after a change costs, and that the view counter loses nothing. Prints one table and
the issue's targets, and writes both to docs/benchmarks/<stack>-<size>.json and .md.

    .venv/bin/python bench/speed.py [--size 1000000] [--stack embedded|services] [--rebuild]
        [--duration 10] [--connections 16] [--workers 2] [--threads 4]

Exits 0 when a target is missed (that is a measurement); 1 when the benchmark itself failed:
a server did not start, wrk is missing, or the view counter lost a view.
"""

import argparse
import contextlib
import http.client
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import services  # noqa: E402 - the shared test helpers live under tests/
import speed_report  # noqa: E402
from demo_site import DemoSite, free_port, wait_until_serving  # noqa: E402
from servers import nginx_static, varnish  # noqa: E402
from speed_report import (  # noqa: E402
    HOME,
    ONE_RENDER,
    PAGE_CACHE,
    SECTION,
    STATIC,
    TAG,
    UNCACHED,
    VARNISH,
    VIEWS,
)
from workers import WorkerUsage, resident_mb, worker_pids  # noqa: E402
from wrk import (  # noqa: E402
    WrkError,
    script_random_paths,
    script_single,
    script_view_posts,
    wrk_available,
    wrk_run,
)

BENCH_DIR = ROOT / "var" / "bench"
DOCS_DIR = ROOT / "docs" / "benchmarks"
MANAGE = [sys.executable, str(ROOT / "manage.py")]
COMPLETE_MARKER = ".complete"
SAMPLE_SIZE = 20_000
SAMPLE_SEED = 5
SECTION_PAGE = 500
PUBLISH_STREAK = 20
PUBLISH_WAIT_SECONDS = 30
POLLERS_PER_TARGET = 2
BURST_REQUESTS = 500
# The app's processes add their page cache counters to the shared store on a request at
# least two seconds after their last addition: wait, then send each a request (NUDGES).
STATS_SETTLE_SECONDS = 2.5
NUDGES = 40
JSON_MARK = "BENCH-JSON "
# Variables of the caller's shell that would change what is measured (and every NEWSDESK_*).
DROPPED_ENV = {"DATABASE_URL", "CACHE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "MEDIA_ROOT"}
DROPPED_ENV |= {"WEB_WORKERS", "WEB_THREADS", "PORT", "HOST"}


class BenchmarkFailed(Exception):
    """The benchmark could not measure (a server did not start, a tool is missing, a check)."""


# Run in `manage.py shell -c` with `params` defined first: one sample of published articles
# (ids and paths), and the addresses of the other pages measured.
SAMPLE_SNIPPET = """
import json, math, random
from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from newsdesk.articles.models import ArticlePage, ArticleTag, HomePage, SectionPage

ids = list(ArticlePage.objects.published().order_by().values_list("pk", flat=True))
sample = random.Random(params["seed"]).sample(ids, min(params["size"], len(ids)))
homes = sorted(
    ((home.url_path, home.url) for home in HomePage.objects.live()), key=lambda h: -len(h[0])
)
paths = {}
for start in range(0, len(sample), 500):
    rows = ArticlePage.objects.filter(pk__in=sample[start:start + 500])
    for pk, url_path in rows.values_list("pk", "url_path"):
        for home_path, home_url in homes:
            if url_path.startswith(home_path):
                paths[pk] = home_url + url_path[len(home_path):]
                break
sample = [pk for pk in sample if pk in paths]
article = ArticlePage.objects.get(pk=sample[0])
default_home = HomePage.objects.live().filter(locale=Locale.get_default()).first()
section = SectionPage.objects.live().order_by("-numchild").first()
section_stories = ArticlePage.objects.published().filter(section=section).count()
section_pages = max(1, math.ceil(section_stories / settings.NEWSDESK_PAGE_SIZE))
top = ArticleTag.objects.values("tag_id").annotate(n=Count("id")).order_by("-n").first()
tag = ArticleTag._meta.get_field("tag").related_model.objects.get(pk=top["tag_id"])
language = (
    ArticlePage.objects.filter(tagged_items__tag_id=tag.pk)
    .values_list("locale__language_code", flat=True)
    .first()
)
with translation.override(language):
    tag_url = reverse("tag", kwargs={"slug": tag.slug})
print("BENCH-JSON " + json.dumps({
    "published": len(ids),
    "ids": sample,
    "paths": [paths[pk] for pk in sample],
    "article": {"id": article.pk, "path": paths[article.pk], "title": article.title},
    "home": default_home.url,
    "section": {
        "path": section.url,
        "stories": section_stories,
        "page": min(params["section_page"], section_pages),
    },
    "tag": {"path": tag_url, "name": tag.name, "stories": top["n"]},
}))
"""

# An editor's publish runs in a warm app process; this shell is a fresh one, whose first
# publish took 0.79-0.96 s against 0.25-0.46 s for the next (imports, first queries): so the
# page is published once as it is, first, and the change timed after.
PUBLISH_SNIPPET = """
import time
from newsdesk.articles.models import ArticlePage
ArticlePage.objects.get(pk=params["id"]).save_revision().publish(); time.sleep(1)
a = ArticlePage.objects.get(pk=params["id"]); a.title = params["title"]
started = time.time(); a.save_revision().publish()
print("BENCH-JSON", [started, time.time()])
"""

# Pages show pictures at a few fixed sizes, each made once per picture on its first render.
# The dataset reuses a small pool of pictures, so all of them are made up front: a render
# measured should be a page's, not Pillow's. Sizes seen in use count too (body images).
RENDITIONS_SNIPPET = """
from wagtail.images import get_image_model
from newsdesk.articles.models import HERO_RENDITIONS
Image = get_image_model()
Rendition = Image.get_rendition_model()
before = Rendition.objects.count()
specs = set(HERO_RENDITIONS) | set(Rendition.objects.values_list("filter_spec", flat=True))
for image in Image.objects.all():
    image.get_renditions(*sorted(specs))
print("BENCH-JSON", Rendition.objects.count() - before)
"""

VIEW_TOTAL_SNIPPET = """
from django.db.models import Sum
from newsdesk.articles.models import ArticlePage
print("BENCH-JSON", ArticlePage.objects.aggregate(total=Sum("view_count"))["total"] or 0)
"""


def snippet(code, **params):
    """Python source for `manage.py shell -c`: `params` bound, then the code."""
    return f"params = {params!r}\n{code}"


def marked_json(output):
    """The JSON value printed after JSON_MARK by a snippet (the shell prints other lines too)."""
    for line in output.splitlines():
        if line.startswith(JSON_MARK.strip()):
            return json.loads(line.split(None, 1)[1])
    raise BenchmarkFailed(f"no result in the shell's output:\n{output[-2000:]}")


def manage(env, *args, quiet=True):
    """Run a manage.py command; quiet ones return their output, others show their progress."""
    completed = subprocess.run(
        MANAGE + list(args),
        env=env,
        cwd=ROOT,
        capture_output=quiet,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        detail = (completed.stderr or "")[-3000:] if quiet else ""
        raise BenchmarkFailed(f"manage.py {' '.join(args)} exited {completed.returncode}\n{detail}")
    return completed.stdout


def site_manage(site, *args):
    """`DemoSite.manage`, with a failure turned into the benchmark's own error."""
    try:
        return site.manage(*args)
    except subprocess.CalledProcessError as error:
        raise BenchmarkFailed(
            f"manage.py {' '.join(args[:2])} exited {error.returncode}\n{error.stderr[-3000:]}"
        ) from error


# Dataset -----------------------------------------------------------------------------------


@dataclass
class Stack:
    """Where one dataset lives, and the environment every command and server gets."""

    name: str
    size: int
    var_dir: Path
    env: dict
    database: str | None = None
    cache_prefix: str | None = None

    @property
    def marker(self):
        return self.var_dir / COMPLETE_MARKER


def stack_setup(name, size, purpose=None):
    """The dataset of `size` articles on stack `name`, and the environment its commands get.

    Another benchmark with datasets of its own names its `purpose` ("search": the folder
    var/bench/search-<stack>-<size>/ and the database newsdesk_search_bench_<size>).
    """
    folder = f"{name}-{size}" if purpose is None else f"{purpose}-{name}-{size}"
    label = "bench" if purpose is None else f"{purpose}-bench"
    var_dir = BENCH_DIR / folder
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in DROPPED_ENV and not key.startswith("NEWSDESK_")
    }
    env.update(DJANGO_SETTINGS_MODULE="newsdesk.settings", DEBUG="false")
    env["NEWSDESK_VAR_DIR"] = str(var_dir)
    # wrk is one client counting thousands of views a second: the limit stays in the path
    # (its cost is measured) but set where it refuses nothing.
    env["NEWSDESK_RATE_LIMITS_BY_SCOPE"] = "views=1000000/s"
    if name == "embedded":
        return Stack(name, size, var_dir, env)
    database = f"newsdesk_{label.replace('-', '_')}_{size}"
    prefix = f"newsdesk-{label}-{size}"
    env.update(
        DATABASE_URL=services.database_url(database),
        CACHE_URL=services.REDIS_URL,
        CACHE_KEY_PREFIX=prefix,
    )
    return Stack(name, size, var_dir, env, database=database, cache_prefix=prefix)


def postgres_database_exists(name):
    import psycopg

    with psycopg.connect(services.POSTGRES_URL, connect_timeout=5) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return found.fetchone() is not None


def redis_keys_delete(prefix):
    """Delete the page cache, view buffer and Django cache keys of an old dataset."""
    import redis

    client = redis.Redis.from_url(services.REDIS_URL)
    batch = []
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            client.delete(*batch)
            batch = []
    if batch:
        client.delete(*batch)


def dataset_present(stack):
    if not stack.marker.exists():
        return False
    if stack.database:
        return postgres_database_exists(stack.database)
    return (stack.var_dir / "db.sqlite3").exists()


def dataset_prepare(stack, rebuild):
    """Reuse the stack's dataset when complete, else build it; returns what happened."""
    if not rebuild and dataset_present(stack):
        built = json.loads(stack.marker.read_text() or "{}")
        print(f"Reusing the dataset in {stack.var_dir} (built {built.get('finished', '?')})")
        manage(stack.env, "migrate", "--noinput", "-v0")
        # Static files follow the code: a stale manifest would turn pages into errors.
        manage(stack.env, "collectstatic", "--noinput", "-v0")
        renditions_make(stack)
        return {"status": f"reused, built {built.get('finished', '?')}", **built}
    print(f"Building the {stack.name} dataset of {stack.size:,} articles in {stack.var_dir}…")
    shutil.rmtree(stack.var_dir, ignore_errors=True)
    stack.var_dir.mkdir(parents=True)
    if stack.database:
        services.database_create(stack.database, drop_first=True)
        redis_keys_delete(stack.cache_prefix)
    started = time.monotonic()
    steps = [
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["setup_outlet"],
        ["bench_dataset", "--size", str(stack.size)],
    ]
    seconds = {}
    for step in steps:
        print(f"  manage.py {' '.join(step)}", flush=True)
        step_started = time.monotonic()
        manage(stack.env, *step, quiet=False)
        seconds[step[0]] = round(time.monotonic() - step_started, 1)
    renditions_make(stack)
    built = {
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "size": stack.size,
        "build_seconds": round(time.monotonic() - started, 1),
        "step_seconds": seconds,
    }
    stack.marker.write_text(json.dumps(built, indent=2) + "\n")
    print(f"Dataset built in {built['build_seconds']:.0f} s")
    return {"status": f"built in {built['build_seconds']:.0f} s", **built}


def renditions_make(stack):
    """Make the image renditions pages use that do not exist yet (see RENDITIONS_SNIPPET)."""
    started = time.monotonic()
    made = marked_json(manage(stack.env, "shell", "-c", RENDITIONS_SNIPPET))
    if made:
        print(f"  made {made:,} image renditions in {time.monotonic() - started:.0f} s")


# Servers -----------------------------------------------------------------------------------


@contextlib.contextmanager
def app_server(name, env, port, workers, threads, log_dir):
    """`manage.py serve` (granian) on port, in a session of its own; yields a DemoSite."""
    log_path = log_dir / f"app-{name}.log"
    command = MANAGE + [
        "serve",
        "--port", str(port),
        "--workers", str(workers),
        "--threads", str(threads),
        "--publish-every", "0",
    ]  # fmt: skip
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_serving(base_url + "/healthz", server, timeout=120)
        except RuntimeError as error:
            tail = log_path.read_text()[-2000:]
            raise BenchmarkFailed(f"the {name} app did not start: {error}\n{tail}") from error
        yield DemoSite(base_url=base_url, env=env, server=server)
    finally:
        app_stop(server)


def app_stop(server):
    """SIGTERM (serve stops granian and writes the last views), then SIGKILL the session."""
    if server.poll() is None:
        server.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=40)
    # Whatever of this server's own session is left (granian, its workers).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=10)


def http_get(url, timeout=30, headers=None):
    """GET on a fresh connection: (status, body bytes, headers), any status."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(
            "GET",
            path,
            headers={"Connection": "close", "User-Agent": "newsdesk-bench", **(headers or {})},
        )
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


def wait_for_ok(url, timeout=60):
    """Block until url answers 200 (Varnish answers 503 until its probe finds the app)."""
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            status = http_get(url, timeout=5)[0]
            if status == 200:
                return
        time.sleep(0.3)
    raise BenchmarkFailed(f"{url} did not answer 200 within {timeout} s (last {status})")


# Measurements ------------------------------------------------------------------------------


@dataclass
class Bench:
    """The running servers, the sample of pages, and the rows measured so far."""

    options: argparse.Namespace
    work_dir: Path
    log_dir: Path
    cached: DemoSite
    uncached: DemoSite
    varnish_url: str
    sample: dict
    rows: list = field(default_factory=list)
    rss_seen: dict = field(default_factory=dict)

    @property
    def warmup_seconds(self):
        return min(3, max(1, self.options.duration // 3))

    def measure(self, key, label, url, script, app=None, warmup=False, **wrk_options):
        """One wrk run (after a warm-up run when asked); the row, also printed."""
        wrk_options.setdefault("connections", self.options.connections)
        slug = "".join(char if char.isalnum() else "-" for char in key)
        try:
            if warmup:
                wrk_run(url, script, self.warmup_seconds, **wrk_options)
            usage = WorkerUsage(app.server.pid) if app else None
            if usage:
                usage.start()
            result = wrk_run(
                url,
                script,
                self.options.duration,
                log_path=self.log_dir / f"wrk-{slug}.txt",
                **wrk_options,
            )
        except (WrkError, subprocess.TimeoutExpired) as error:
            raise BenchmarkFailed(str(error)) from error
        cpu, rss = usage.stop() if usage else (None, {})
        for pid, size in rss.items():
            self.rss_seen[pid] = max(self.rss_seen.get(pid, 0.0), size)
        row = {
            "key": key,
            "label": label,
            "url": url,
            "wrk_options": {k: v for k, v in wrk_options.items() if k != "log_path"},
            "wrk": result.as_dict(),
            "cpu_seconds": round(cpu, 2) if cpu is not None else None,
            "rss_mb": {str(pid): round(size, 1) for pid, size in rss.items()},
        }
        self.rows.append(row)
        errors = result.non_2xx + result.socket_errors
        print(
            f"  {label}: {result.requests_per_second:,.0f} req/s, p50 {result.p50_us / 1000:.2f} "
            f"ms, p99 {result.p99_us / 1000:.2f} ms, {result.bytes_per_response:,.0f} B/response"
            + (
                f", {result.non_2xx} non-2xx, {result.socket_errors} socket errors"
                if errors
                else ""
            )
            + (f", workers {cpu:.1f} CPU s" if cpu is not None else ""),
            flush=True,
        )
        return result


def site_sample(site, size):
    """Published article ids and paths (a uniform sample), and the other pages to measure."""
    started = time.monotonic()
    output = site_manage(
        site,
        "shell",
        "-c",
        snippet(SAMPLE_SNIPPET, seed=SAMPLE_SEED, size=size, section_page=SECTION_PAGE),
    )
    sample = marked_json(output)
    print(
        f"Sampled {len(sample['ids']):,} of {sample['published']:,} published articles "
        f"in {time.monotonic() - started:.1f} s"
    )
    return sample


def static_copy(bench, folder):
    """The cached article as the app sends it without compression, saved to a file."""
    url = bench.cached.base_url + bench.sample["article"]["path"]
    status, body, _headers = http_get(url)
    if status != 200:
        raise BenchmarkFailed(f"{url} answered {status}")
    path = Path(folder) / "article.html"
    path.write_bytes(body)
    return path


def warm_uncached(bench):
    """Load the uncached app's code paths once (templates, first queries) before measuring."""
    sample = bench.sample
    paths = [sample["home"], section_path(sample), sample["tag"]["path"], *sample["paths"][-8:]]
    for path in paths:
        for _ in range(2):
            http_get(bench.uncached.base_url + path)


def section_path(sample):
    return f"{sample['section']['path']}?page={sample['section']['page']}"


def view_total(site):
    return marked_json(site_manage(site, "shell", "-c", VIEW_TOTAL_SNIPPET))


def views_check(bench, result, before, after):
    """Compare what wrk saw acknowledged with what reached the database."""
    stored = after - before
    acknowledged = result.acknowledged
    return {
        "sum_before": before,
        "sum_after": after,
        "stored": stored,
        "requests": result.requests,
        "acknowledged": acknowledged,
        "non_2xx": result.non_2xx,
        "socket_errors": result.socket_errors,
        "timeouts": result.timeouts,
        "connections": bench.options.connections,
        "lost": max(0, acknowledged - stored),
        "unacknowledged_counted": max(0, stored - acknowledged),
    }


def wrk_runs(bench):
    """Targets a to g: every wrk run, in order."""
    sample = bench.sample
    folder = bench.work_dir
    article_path = sample["article"]["path"]
    single = script_single(folder)
    paths_file = folder / "paths.txt"
    paths_file.write_text("\n".join(sample["paths"]) + "\n")
    ids_file = folder / "ids.txt"
    ids_file.write_text("\n".join(str(pk) for pk in sample["ids"]) + "\n")
    random_paths = script_random_paths(folder, paths_file)

    copy = static_copy(bench, folder)
    with nginx_static(copy, article_path) as static_url:
        status, body, _headers = http_get(static_url)
        if status != 200 or body != copy.read_bytes():
            raise BenchmarkFailed(f"nginx answered {status} with other bytes at {static_url}")
        bench.measure(STATIC, "static (nginx)", static_url, single, warmup=True)

    cached_url = bench.cached.base_url + article_path
    for _ in range(3):
        http_get(cached_url)
    bench.measure(PAGE_CACHE, PAGE_CACHE, cached_url, single, app=bench.cached, warmup=True)
    varnish_article = bench.varnish_url + article_path
    wait_for_ok(varnish_article)
    bench.measure(VARNISH, VARNISH, varnish_article, single, app=bench.cached, warmup=True)

    warm_uncached(bench)
    uncached = bench.uncached.base_url
    random_label = f"article, uncached (random of {len(sample['paths']):,})"
    bench.measure(UNCACHED, random_label, uncached + "/", random_paths, app=bench.uncached)
    bench.measure(
        ONE_RENDER,
        ONE_RENDER + " (-t1 -c1)",
        uncached + "/",
        random_paths,
        app=bench.uncached,
        threads=1,
        connections=1,
    )
    bench.measure(HOME, f"home {sample['home']}, uncached", uncached + sample["home"], single,
                  app=bench.uncached)  # fmt: skip
    section = sample["section"]
    bench.measure(
        SECTION,
        f"section page {section['page']} ({section['stories']:,} stories), uncached",
        uncached + section_path(sample),
        single,
        app=bench.uncached,
    )
    tag = sample["tag"]
    bench.measure(
        TAG,
        f"tag page ({tag['stories']:,} stories), uncached",
        uncached + tag["path"],
        single,
        app=bench.uncached,
    )

    site_manage(bench.cached, "flush_views")
    before = view_total(bench.cached)
    result = bench.measure(
        VIEWS,
        "view counter (POST /views/{id}/)",
        bench.cached.base_url + "/",
        script_view_posts(folder, ids_file),
        app=bench.cached,
        timeout="30s",
    )
    # The server writes its buffer every second too; this catches the last views.
    time.sleep(1.5)
    site_manage(bench.cached, "flush_views")
    views = views_check(bench, result, before, view_total(bench.cached))
    print(f"  {speed_report.views_lines({'views': views})[0]}", flush=True)
    return views


class Poller(threading.Thread):
    """Reads one URL over and over, each time on a fresh connection, noting the title seen."""

    def __init__(self, url, marker, reads, lock, stop):
        super().__init__(daemon=True)
        self.url = url
        self.marker = marker.encode()
        self.reads = reads
        self.lock = lock
        self.stop_event = stop

    def run(self):
        while not self.stop_event.is_set():
            try:
                status, body, headers = http_get(self.url, timeout=10)
                # Age and X-Cache tell where an old copy came from.
                seen = f"Age {headers.get('Age')}, X-Cache {headers.get('X-Cache')}"
                read = (time.time(), status == 200 and self.marker in body, status, seen)
            except OSError as error:
                read = (time.time(), False, type(error).__name__, "")
            with self.lock:
                self.reads.append(read)
            # A short pause: ~100 reads a second per poller, without crowding the publish.
            time.sleep(0.005)


def visible_after(reads, published_at, streak=PUBLISH_STREAK):
    """Seconds from published_at to the first of `streak` consecutive reads of the new title.

    Also returns how many reads showed the old title after that moment.
    """
    ordered = sorted(reads, key=lambda read: read[0])
    run_length, run_start = 0, None
    for index, (moment, is_new, *_rest) in enumerate(ordered):
        if not is_new:
            run_length = 0
            continue
        if run_length == 0:
            run_start = (moment, index)
        run_length += 1
        if run_length >= streak:
            old_after = sum(1 for read in ordered[run_start[1] :] if not read[1])
            return run_start[0] - published_at, old_after
    return None, 0


def publish_to_visible(bench):
    """Target h: change the cached article's title; when do the app and Varnish show it?"""
    article = bench.sample["article"]
    marker = f"Bench publish {int(time.time())}"
    targets = {
        "app": bench.cached.base_url + article["path"],
        "Varnish": bench.varnish_url + article["path"],
    }
    stop = threading.Event()
    lock = threading.Lock()
    reads = {name: [] for name in targets}
    pollers = [
        Poller(url, marker, reads[name], lock, stop)
        for name, url in targets.items()
        for _ in range(POLLERS_PER_TARGET)
    ]
    for poller in pollers:
        poller.start()
    try:
        time.sleep(0.5)
        output = site_manage(
            bench.cached,
            "shell",
            "-c",
            snippet(PUBLISH_SNIPPET, id=article["id"], title=marker),
        )
        # From the moment the editor's publish starts: readers see the change before the call
        # returns (the purge runs at its commit, the revision's bookkeeping after).
        published_at, publish_returned = marked_json(output)
        deadline = time.time() + PUBLISH_WAIT_SECONDS
        while time.time() < deadline:
            with lock:
                seen = [visible_after(list(reads[name]), published_at)[0] for name in targets]
            if all(seconds is not None for seconds in seen):
                break
            time.sleep(0.2)
        # A little longer, to see whether an old copy comes back after the new one.
        time.sleep(1)
    finally:
        stop.set()
        for poller in pollers:
            poller.join(timeout=15)
    figures = {}
    for name in targets:
        seconds, old_after = visible_after(reads[name], published_at)
        figures[name] = {
            "visible_after_seconds": round(seconds, 3) if seconds is not None else None,
            "reads": len(reads[name]),
            "old_after_visible": old_after,
            "errors": sum(1 for read in reads[name] if read[2] != 200),
            "last_read": "new title" if reads[name][-1][1] else "old title",
            "last_read_headers": reads[name][-1][3],
        }
    # Put the title back, so the dataset stays as built (a publish, not measured).
    site_manage(
        bench.cached,
        "shell",
        "-c",
        snippet(PUBLISH_SNIPPET, id=article["id"], title=article["title"]),
    )
    times = [figure["visible_after_seconds"] for figure in figures.values()]
    publish = {
        "article_id": article["id"],
        "streak": PUBLISH_STREAK,
        "publish_call_seconds": round(publish_returned - published_at, 3),
        "targets": figures,
        "max_seconds": None if None in times else max(times),
    }
    print(f"  {speed_report.publish_lines({'publish': publish})[0]}", flush=True)
    return publish


def page_cache_renders(bench, article_url):
    """The shared `render` counter once every app process has added its latest counts."""
    time.sleep(STATS_SETTLE_SECONDS)
    for _ in range(NUDGES):
        http_get(article_url)
    output = site_manage(bench.cached, "pagecache", "stats", "--json")
    stats = json.loads(output.strip().splitlines()[-1])
    return stats.get("render", 0)


def burst(bench, name, url):
    """Target i: purge the article, then BURST_REQUESTS concurrent GETs; renders it cost."""
    article = bench.sample["article"]
    app_article = bench.cached.base_url + article["path"]
    for _ in range(3):
        http_get(url)
    renders_before = page_cache_renders(bench, app_article)
    barrier = threading.Barrier(BURST_REQUESTS + 1)
    statuses = Counter()
    lock = threading.Lock()

    def reader():
        barrier.wait()
        try:
            status = http_get(url, timeout=60)[0]
        except OSError as error:
            status = type(error).__name__
        with lock:
            statuses[status] += 1

    readers = [threading.Thread(target=reader, daemon=True) for _ in range(BURST_REQUESTS)]
    for thread in readers:
        thread.start()
    site_manage(bench.cached, "pagecache", "purge", f"page-{article['id']}")
    started = time.monotonic()
    barrier.wait()
    for thread in readers:
        thread.join(timeout=90)
    seconds = time.monotonic() - started
    renders = page_cache_renders(bench, app_article) - renders_before
    result = {
        "url": url,
        "requests": BURST_REQUESTS,
        "seconds": round(seconds, 3),
        "renders": renders,
        "statuses": {str(status): count for status, count in sorted(statuses.items(), key=str)},
    }
    print(f"  {speed_report.burst_lines({'bursts': {name: result}})[0]}", flush=True)
    return result


# Orchestration -----------------------------------------------------------------------------


def tools_check(stack):
    """Fail early, with what to do, when a tool or a service is missing."""
    if not wrk_available():
        raise BenchmarkFailed("wrk is missing and `apt-get install -y wrk` did not install it")
    missing = [tool for tool in ("varnishd", "nginx") if not shutil.which(tool)]
    if missing:
        raise BenchmarkFailed(
            f"{', '.join(missing)} missing: `make bench` installs them "
            "(apt-get install varnish varnish-modules nginx)"
        )
    if stack.name == "services":
        problems = [p for p in (services.postgres_problem(), services.redis_problem()) if p]
        if problems:
            raise BenchmarkFailed("the services stack needs them running: " + "; ".join(problems))


def service_versions(stack):
    if stack.name != "services":
        return None, None
    import psycopg
    import redis

    with psycopg.connect(services.POSTGRES_URL, connect_timeout=5) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    redis_version = redis.Redis.from_url(services.REDIS_URL).info("server")["redis_version"]
    return postgres, redis_version


def benchmark(options, command_line):
    """Build or reuse the dataset, start the servers, run every measurement; the report."""
    stack = stack_setup(options.stack, options.size)
    tools_check(stack)
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    machine = speed_report.machine_info(*service_versions(stack))
    dataset = dataset_prepare(stack, options.rebuild)
    log_dir = stack.var_dir / "logs"
    log_dir.mkdir(exist_ok=True)
    varnish_port = free_port()
    cached_env = {**stack.env, "NEWSDESK_VARNISH_URLS": f"http://127.0.0.1:{varnish_port}"}
    uncached_env = {**cached_env, "NEWSDESK_PAGE_CACHE": "off"}
    report = {
        "stack": stack.name,
        "size": stack.size,
        "date": date,
        "command": command_line,
        "machine": machine,
        "dataset": dataset,
        "duration": options.duration,
        "connections": options.connections,
        "workers": options.workers,
        "threads": options.threads,
        "notes": [],
    }
    app_options = (options.workers, options.threads, log_dir)
    with contextlib.ExitStack() as servers:
        work_dir = Path(
            servers.enter_context(tempfile.TemporaryDirectory(prefix="newsdesk-bench-"))
        )
        print("Starting the apps and Varnish…", flush=True)
        cached = servers.enter_context(app_server("cached", cached_env, free_port(), *app_options))
        uncached = servers.enter_context(
            app_server("uncached", uncached_env, free_port(), *app_options)
        )
        varnish_url = servers.enter_context(varnish(urlsplit(cached.base_url).port, varnish_port))
        bench = Bench(
            options=options,
            work_dir=work_dir,
            log_dir=log_dir,
            cached=cached,
            uncached=uncached,
            varnish_url=varnish_url,
            sample=site_sample(cached, SAMPLE_SIZE),
        )
        report["sample"] = {
            key: bench.sample[key] for key in ("published", "article", "home", "section", "tag")
        }
        report["sample"]["articles"] = len(bench.sample["ids"])
        if bench.sample["section"]["page"] < SECTION_PAGE:
            report["notes"].append(
                f"no section has {SECTION_PAGE} pages at this size: the largest "
                f"({bench.sample['section']['stories']:,} stories) is measured at its last page, "
                f"{bench.sample['section']['page']}"
            )
        print(f"Measuring (wrk -t2 -c{options.connections} -d{options.duration}s)…", flush=True)
        report["views"] = wrk_runs(bench)
        report["rows"] = bench.rows
        report["publish"] = publish_to_visible(bench)
        report["bursts"] = {
            "app": burst(bench, "app", cached.base_url + bench.sample["article"]["path"]),
            "Varnish": burst(bench, "Varnish", varnish_url + bench.sample["article"]["path"]),
        }
        end_rss = {}
        for name, site in (("cached", cached), ("uncached", uncached)):
            sizes = resident_mb(worker_pids(site.server.pid))
            end_rss[name] = [round(size, 1) for size in sizes.values()]
        report["worker_rss_end_mb"] = end_rss
        report["worker_rss_max_mb"] = max(size for sizes in end_rss.values() for size in sizes)
        report["load_average_after"] = round(os.getloadavg()[0], 2)
        report["worker_rss_max_during_runs_mb"] = round(max(bench.rss_seen.values(), default=0), 1)
    return report


def report_write(report):
    DOCS_DIR.mkdir(parents=True, exist_ok=True)
    base = DOCS_DIR / f"{report['stack']}-{report['size']}"
    base.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n")
    base.with_suffix(".md").write_text(speed_report.markdown_report(report))
    return base


def stop_on_sigterm(signum, frame):
    # SystemExit unwinds the ExitStack, which stops every server.
    raise SystemExit(143)


def measured(benchmark, options, command_line):
    """The report of benchmark(options, command_line); a failure or Ctrl-C ends the process
    with a message (every server is stopped by then: each is a context manager)."""
    try:
        return benchmark(options, command_line)
    except BenchmarkFailed as error:
        sys.exit(f"bench: {error}")
    except KeyboardInterrupt:
        sys.exit("bench: interrupted; every server was stopped")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="articles in the dataset")
    parser.add_argument("--stack", choices=("embedded", "services"), default="embedded")
    parser.add_argument("--rebuild", action="store_true", help="build a new dataset")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="granian workers per app")
    parser.add_argument("--threads", type=int, default=4, help="threads per granian worker")
    options = parser.parse_args()
    if options.size < 1 or options.duration < 1 or options.connections < 2:
        parser.error("--size and --duration take 1 or more, --connections 2 or more")
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    command_line = shlex.join(["bench/speed.py", *sys.argv[1:]])
    started = time.monotonic()
    report = measured(benchmark, options, command_line)
    print()
    print(speed_report.text_report(report))
    base = report_write(report)
    print(
        f"\nWritten to {base.relative_to(ROOT)}.json and .md in {time.monotonic() - started:.0f} s"
    )
    if report["views"]["lost"]:
        sys.exit(f"bench: the view counter lost {report['views']['lost']} acknowledged views")


if __name__ == "__main__":
    main()
