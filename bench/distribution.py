"""Benchmark: the apps' API and the sitemaps at a million articles, `make bench-distribution`.

On the dataset `bench/speed.py` builds (the same folder or PostgreSQL database, built when
missing), it starts the app twice (page cache on with Varnish in front, and off) plus nginx
serving a copy of one API answer, then measures with wrk:

- an article's API detail from nginx, from the page cache and through Varnish (the cached
  ratio to the static limit, as issue 5 measures the article page);
- the detail and a section list at a random depth (a keyset cursor taken from a random story)
  uncached, one client at a time (`-t1 -c1`: the time of one answer) and at 16 connections;
- the sitemap index, the default edition's busiest monthly sitemap and its news sitemap,
  uncached, one client at a time.

    .venv/bin/python bench/distribution.py [--size 1000000] [--stack embedded|services]
        [--duration 10] [--connections 16]

Writes docs/benchmarks/distribution-<stack>-<size>.json and .md. Exits 0 when a target is
missed (that is a measurement), 1 when it could not measure.

    .venv/bin/python bench/distribution.py --read-only-sqlite PATH [--requests 200]

measures the same API and sitemap answers in one process (Django's test client, no HTTP
server, one request at a time) on a SQLite dataset someone else built, opened read-only
(`mode=ro`): for a machine without the disk for a dataset of one's own. Nothing is written
to that database or beside it; the page cache and media are a temporary folder's.
"""

import argparse
import contextlib
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402 - the dataset, servers and wrk helpers of issue 5's benchmark
import speed_report  # noqa: E402
from speed import (  # noqa: E402
    BenchmarkFailed,
    app_server,
    dataset_prepare,
    free_port,
    http_get,
    marked_json,
    nginx_static,
    service_versions,
    site_manage,
    snippet,
    stack_setup,
    tools_check,
    varnish,
    wait_for_ok,
)
from wrk import WrkError, script_random_paths, script_single, wrk_run  # noqa: E402

ROOT = speed.ROOT
DOCS_DIR = ROOT / "docs" / "benchmarks"
SAMPLE_SIZE = 5_000
SAMPLE_SEED = 8
TARGET_API_P99_MS = 30
TARGET_SITEMAP_MS = 200
# The article page's ratios to the static limit (issue 5): page cache and Varnish.
TARGET_PAGE_CACHE_RATIO = 0.2
TARGET_VARNISH_RATIO = 0.7

SAMPLE_SNIPPET = """
import json, random
from django.conf import settings
from newsdesk.api.cursors import cursor_encode
from newsdesk.articles.models import ArticlePage
from newsdesk.syndication.archive import section_ids
from newsdesk.syndication.sitemaps import archive_spans, published_between

ids = list(ArticlePage.objects.published().order_by().values_list("pk", flat=True))
sample = random.Random(params["seed"]).sample(ids, min(params["size"], len(ids)))
details, lists = [], []
for start in range(0, len(sample), 500):
    rows = ArticlePage.objects.filter(pk__in=sample[start:start + 500]).values_list(
        "pk", "section_id", "published_at", "locale__language_code"
    )
    for pk, section_id, published_at, code in rows:
        details.append(f"/api/v1/articles/{pk}")
        lists.append(
            f"/api/v1/editions/{code}/sections/{section_id}/articles"
            f"?cursor={cursor_encode(published_at, pk)}"
        )
code = settings.LANGUAGE_CODE
spans = [span for span in archive_spans() if span.language_code == code]
sections = section_ids(code)
counts = {span: published_between(span.start, span.end, sections).count() for span in spans}
busiest = max(spans, key=counts.get)
sample = {
    "published": len(ids),
    "details": details,
    "lists": lists,
    "article": details[0],
    "index_entries": len(archive_spans()) + 2 * len(settings.NEWSDESK_EDITIONS),
    "month": {"path": f"/sitemaps/{code}/{busiest.name}.xml", "urls": counts[busiest]},
    "news": f"/sitemaps/{code}/news.xml",
}
# END OF SAMPLE
print("BENCH-JSON " + json.dumps(sample))
"""


IN_PROCESS_SNIPPET = (
    SAMPLE_SNIPPET.split("# END OF SAMPLE")[0]
    + """
import time
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")

def percentiles(values):
    values = sorted(values)
    return {"p50": round(values[len(values) // 2], 2),
            "p99": round(values[min(len(values) - 1, int(len(values) * 0.99))], 2),
            "max": round(values[-1], 2)}

def timed(paths, count):
    # Wall time, and this process's CPU time: on a shared machine the second says what a
    # request costs, the first also how long it waited for a core.
    wall, cpu = [], []
    for number in range(count):
        path = paths[number % len(paths)]
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return {"requests": count, "wall_ms": percentiles(wall), "cpu_ms": percentiles(cpu)}

count = params["requests"]
for path in sample["details"][-5:] + sample["lists"][-5:]:
    client.get(path)
results = {
    "API detail": timed(sample["details"], count),
    "API section list at a random cursor": timed(sample["lists"], count),
    "sitemap index": timed(["/sitemap.xml"], max(10, count // 10)),
    "monthly sitemap": timed([sample["month"]["path"]], max(10, count // 10)),
    "news sitemap": timed([sample["news"]], max(10, count // 10)),
}
kept = {k: v for k, v in sample.items() if k not in ("details", "lists")}
kept["sampled"] = len(sample["details"])
print("BENCH-JSON " + json.dumps({**kept, "results": results}))
"""
)

# Opens the dataset read-only before the first query: every write fails instead of landing.
READ_ONLY_PREFIX = """
from django.db import connections
connections["default"].settings_dict.update(
    NAME="file:" + params["database"] + "?mode=ro",
    OPTIONS={"uri": True, "timeout": 30},
)
"""


def in_process(options):
    """--read-only-sqlite: the API and sitemap timings in one process, read-only (see top)."""
    database = Path(options.read_only_sqlite).resolve()
    if not database.exists():
        raise BenchmarkFailed(f"no SQLite database at {database}")
    with tempfile.TemporaryDirectory(prefix="newsdesk-readonly-") as folder:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in speed.DROPPED_ENV and not key.startswith("NEWSDESK_")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="newsdesk.settings",
            DEBUG="false",
            NEWSDESK_VAR_DIR=folder,
            NEWSDESK_RATE_LIMITS="off",
            ALLOWED_HOSTS="127.0.0.1",
        )
        load_before = round(os.getloadavg()[0], 2)
        code = READ_ONLY_PREFIX + IN_PROCESS_SNIPPET
        params = {"database": str(database), "seed": SAMPLE_SEED, "size": SAMPLE_SIZE,
                  "requests": options.requests}  # fmt: skip
        output = speed.manage(env, "shell", "-c", snippet(code, **params))
        found = marked_json(output)
    return {**found, "database": str(database), "load_average_before": load_before,
            "load_average_after": round(os.getloadavg()[0], 2)}  # fmt: skip


def measure(rows, label, url, script, log_dir, duration, **options):
    """One wrk run, recorded as a row and printed."""
    slug = "".join(char if char.isalnum() else "-" for char in label)[:60]
    try:
        result = wrk_run(url, script, duration, log_path=log_dir / f"wrk-{slug}.txt", **options)
    except (WrkError, subprocess.TimeoutExpired) as error:
        raise BenchmarkFailed(str(error)) from error
    row = {"label": label, "url": url, "options": options, "wrk": result.as_dict()}
    rows.append(row)
    print(
        f"  {label}: {result.requests_per_second:,.0f} req/s, p50 {result.p50_us / 1000:.2f} ms, "
        f"p99 {result.p99_us / 1000:.2f} ms, {result.bytes_per_response:,.0f} B/response, "
        f"{result.non_2xx} non-2xx, {result.socket_errors} socket errors",
        flush=True,
    )
    return row


def benchmark(options, command_line):
    stack = stack_setup(options.stack, options.size)
    tools_check(stack)
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    machine = speed_report.machine_info(*service_versions(stack))
    load_before = round(os.getloadavg()[0], 2)
    dataset = dataset_prepare(stack, rebuild=False)
    log_dir = stack.var_dir / "logs"
    log_dir.mkdir(exist_ok=True)
    varnish_port = free_port()
    # The benchmark measures serving, not the rate limiter: one wrk client would be refused.
    cached_env = {
        **stack.env,
        "NEWSDESK_VARNISH_URLS": f"http://127.0.0.1:{varnish_port}",
        "NEWSDESK_RATE_LIMITS": "off",
    }
    uncached_env = {**cached_env, "NEWSDESK_PAGE_CACHE": "off"}
    rows = []
    duration = options.duration
    with contextlib.ExitStack() as servers:
        work_dir = Path(servers.enter_context(tempfile.TemporaryDirectory(prefix="newsdesk-")))
        print("Starting the apps and Varnish…", flush=True)
        cached = servers.enter_context(app_server("cached", cached_env, free_port(), 2, 4, log_dir))
        uncached = servers.enter_context(
            app_server("uncached", uncached_env, free_port(), 2, 4, log_dir)
        )
        varnish_url = servers.enter_context(varnish(urlsplit(cached.base_url).port, varnish_port))
        started = time.monotonic()
        sample = marked_json(
            site_manage(
                cached, "shell", "-c", snippet(SAMPLE_SNIPPET, seed=SAMPLE_SEED, size=SAMPLE_SIZE)
            )
        )
        print(
            f"Sampled {len(sample['details']):,} of {sample['published']:,} published articles "
            f"in {time.monotonic() - started:.1f} s; busiest month {sample['month']['path']} "
            f"({sample['month']['urls']:,} addresses)",
            flush=True,
        )
        single = script_single(work_dir)
        details_file = work_dir / "details.txt"
        details_file.write_text("\n".join(sample["details"]) + "\n")
        lists_file = work_dir / "lists.txt"
        lists_file.write_text("\n".join(sample["lists"]) + "\n")
        (work_dir / "d").mkdir()
        (work_dir / "l").mkdir()
        details = script_random_paths(work_dir / "d", details_file)
        lists = script_random_paths(work_dir / "l", lists_file)

        article = sample["article"]
        status, body, _headers = http_get(cached.base_url + article)
        if status != 200:
            raise BenchmarkFailed(f"{article} answered {status}")
        copy = work_dir / "detail.json"
        copy.write_bytes(body)
        print("Measuring…", flush=True)
        with nginx_static(copy, article) as static_url:
            wrk_run(static_url, single, min(3, duration))
            measure(rows, "static (nginx), API detail bytes", static_url, single, log_dir, duration)
        for _ in range(3):
            http_get(cached.base_url + article)
        wrk_run(cached.base_url + article, single, min(3, duration))
        measure(
            rows, "API detail, page cache", cached.base_url + article, single, log_dir, duration
        )
        wait_for_ok(varnish_url + article)
        wrk_run(varnish_url + article, single, min(3, duration))
        measure(rows, "API detail, Varnish", varnish_url + article, single, log_dir, duration)

        # The uncached app's code and templates are loaded before anything is timed.
        for path in sample["details"][-5:] + sample["lists"][-5:]:
            http_get(uncached.base_url + path)
        base = uncached.base_url + "/"
        one = {"threads": 1, "connections": 1}
        many = {"connections": options.connections}
        measure(rows, "API detail, uncached (-c1)", base, details, log_dir, duration, **one)
        measure(rows, f"API detail, uncached (-c{options.connections})", base, details, log_dir,
                duration, **many)  # fmt: skip
        measure(rows, "API section list at a random cursor, uncached (-c1)", base, lists, log_dir,
                duration, **one)  # fmt: skip
        measure(rows, f"API section list at a random cursor, uncached (-c{options.connections})",
                base, lists, log_dir, duration, **many)  # fmt: skip
        for label, path in (
            (f"sitemap index ({sample['index_entries']} sitemaps), uncached (-c1)", "/sitemap.xml"),
            (
                f"monthly sitemap {sample['month']['path']} ({sample['month']['urls']:,} "
                "addresses), uncached (-c1)",
                sample["month"]["path"],
            ),
            (f"news sitemap {sample['news']}, uncached (-c1)", sample["news"]),
        ):
            http_get(uncached.base_url + path)
            measure(rows, label, uncached.base_url + path, single, log_dir, duration, **one)
    return {
        "stack": stack.name,
        "size": stack.size,
        "date": date,
        "command": command_line,
        "machine": machine,
        "dataset": dataset,
        "load_average_before": load_before,
        "load_average_after": round(os.getloadavg()[0], 2),
        "sample": {key: sample[key] for key in ("published", "article", "month", "news")},
        "rows": rows,
    }


def targets(report):
    """(target, measured, met) for each of issue 8's numbers."""
    rows = {row["label"].split(" (")[0] + (" c1" if "(-c1)" in row["label"] else ""): row
            for row in report["rows"]}  # fmt: skip
    static = rows["static"]["wrk"]["requests_per_second"]
    checks = []
    for name, target in (("API detail, page cache", TARGET_PAGE_CACHE_RATIO),
                         ("API detail, Varnish", TARGET_VARNISH_RATIO)):  # fmt: skip
        ratio = rows[name]["wrk"]["requests_per_second"] / static
        checks.append((f"{name} ≥ {target}× static", f"{ratio:.2f}×", ratio >= target))
    for name in ("API detail, uncached c1", "API section list at a random cursor, uncached c1"):
        p99 = rows[name]["wrk"]["p99_us"] / 1000
        checks.append((f"{name.removesuffix(' c1')} p99 < {TARGET_API_P99_MS} ms", f"{p99:.1f} ms",
                       p99 < TARGET_API_P99_MS))  # fmt: skip
    for row in report["rows"]:
        if row["label"].startswith(("sitemap index", "monthly sitemap")):
            p99 = row["wrk"]["p99_us"] / 1000
            checks.append((f"{row['label'].split(',')[0]} p99 < {TARGET_SITEMAP_MS} ms",
                           f"{p99:.1f} ms", p99 < TARGET_SITEMAP_MS))  # fmt: skip
    return checks


def markdown(report):
    machine = report["machine"]
    lines = [
        f"### distribution, {report['stack']}, {report['size']:,} articles",
        "",
        f"`{report['command']}`",
        "",
        f"- {report['date']}; load average before {report['load_average_before']}, after "
        f"{report['load_average_after']} (the 2 cores are shared)",
        f"- machine: {json.dumps(machine, ensure_ascii=False)}",
        f"- dataset: {report['dataset'].get('status')}; "
        f"{report['sample']['published']:,} published articles",
        "",
        "| target | requests/s | p50 ms | p99 ms | bytes/response | non-2xx/socket errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in report["rows"]:
        wrk = row["wrk"]
        errors = wrk["connect_errors"] + wrk["read_errors"] + wrk["write_errors"] + wrk["timeouts"]
        lines.append(
            f"| {row['label']} | {wrk['requests_per_second']:,.0f} | {wrk['p50_us'] / 1000:.2f} | "
            f"{wrk['p99_us'] / 1000:.2f} | {wrk['bytes_per_response']:,} | "
            f"{wrk['non_2xx']}/{errors} |"
        )
    lines += ["", "| target (issue 8) | measured | |", "|---|---|---|"]
    lines += [
        f"| {name} | {value} | {'met' if met else 'MISSED'} |"
        for name, value, met in targets(report)
    ]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="articles in the dataset")
    parser.add_argument("--stack", choices=("embedded", "services"), default="embedded")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--read-only-sqlite", help="measure in one process on this dataset")
    parser.add_argument("--requests", type=int, default=200, help="with --read-only-sqlite")
    options = parser.parse_args()
    if options.size < 1 or options.duration < 1 or options.connections < 2:
        parser.error("--size and --duration take 1 or more, --connections 2 or more")
    command_line = shlex.join(["bench/distribution.py", *sys.argv[1:]])
    if options.read_only_sqlite:
        try:
            report = {"command": command_line, **in_process(options)}
        except BenchmarkFailed as error:
            sys.exit(f"bench: {error}")
        print(json.dumps(report, indent=2))
        name = Path(report["database"]).parent.name
        path = DOCS_DIR / f"distribution-readonly-{name}.json"
        path.write_text(json.dumps(report, indent=2) + "\n")
        print(f"Written to {path.relative_to(ROOT)}")
        return
    report = speed.measured(benchmark, options, command_line)
    text = markdown(report)
    print()
    print(text)
    DOCS_DIR.mkdir(parents=True, exist_ok=True)
    base = DOCS_DIR / f"distribution-{report['stack']}-{report['size']}"
    base.with_suffix(".json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    base.with_suffix(".md").write_text(text)
    finished = datetime.now(UTC).strftime("%H:%M UTC")
    print(f"Written to {base.relative_to(ROOT)}.json and .md at {finished}")


if __name__ == "__main__":
    main()
