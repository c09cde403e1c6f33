"""Benchmark: reader search over a large archive (issue 7), `make bench-search`.

On 127.0.0.1 only: build (once, then reuse) a dataset of --size published articles with
`bench_dataset`, as the speed bench does but in a dataset of its own, rebuild the search
index with `manage.py reindex_search` and time it, give a few stories invented words (rare
words, each in one to three stories, written through the ordinary save and index path),
then load the search page with wrk at 8 connections: rare words, common words (each in
most stories: Faker's word lists are short) and two-word "phrases" from titles, each alone
and all mixed, from an app with the page cache off; then the mix through the page cache.

    .venv/bin/python bench/search.py [--stack embedded|services] [--size 1000000]
        [--rebuild] [--reindex] [--duration 10] [--connections 8]

Datasets: var/bench/search-<stack>-<size>/ and, for the services stack, the PostgreSQL
database newsdesk_search_bench_<size> (never the speed bench's newsdesk_bench_<size>).
Writes docs/benchmarks/search-<stack>-<size>.json and .md. Exits 1 when it could not measure.
"""

import argparse
import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import speed
import speed_report
from speed import BenchmarkFailed, app_server, http_get, manage, marked_json
from wrk import WrkError, script_random_paths, wrk_available, wrk_run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from demo_site import free_port  # noqa: E402

DOCS_DIR = ROOT / "docs" / "benchmarks"
REINDEX_MARKER = ".reindexed"
QUERIES_PER_KIND = 30
RARE_STORIES = (1, 3)
TARGET_P95_MS = 100
TARGET_P99_MS = 250
TARGET_REINDEX_MINUTES = 30
LANGUAGES = ("en", "ru", "hy")
# Syllables of the invented rare words, per script (no such words exist in Faker's lists).
SYLLABLES = {
    "en": ["zor", "vel", "quan", "trix", "mol", "dra", "keth", "yum", "plo", "sarn"],
    "ru": ["зор", "вел", "кван", "трикс", "мол", "дра", "кеф", "юм", "пло", "сарн"],
    "hy": ["զոր", "վել", "քվան", "տրիքս", "մոլ", "դրա", "քեթ", "յում", "պլո", "սառն"],
}

RARE_SNIPPET = """
import json, random
from newsdesk.articles.models import ArticlePage
from newsdesk.search.models import SpellingWord
rng = random.Random(11)
made = {}
for language, syllables in params["syllables"].items():
    ids = list(ArticlePage.objects.published().filter(locale__language_code=language)
               .order_by("?").values_list("pk", flat=True)[: params["count"] * 3])
    words = []
    for number in range(params["count"]):
        word = "".join(rng.sample(syllables, 4))
        stories = rng.randint(*params["stories"])
        for article_id in ids[number * 3 : number * 3 + stories]:
            article = ArticlePage.objects.get(pk=article_id)
            article.lead = f"{article.lead} {word}"
            article.save()
        words.append(word)
    made[language] = words
print("BENCH-JSON", json.dumps(made))
"""

QUERIES_SNIPPET = """
import json, random
from django.db import connection
from newsdesk.search.models import SearchEntry, SpellingWord
from newsdesk.search.analysis import parse_query
from newsdesk.search.results import restriction_of, Filters
from newsdesk.search.engines import engine
from wagtail.models import Locale
rng = random.Random(12)
count = params["count"]
out = {}
for language in params["languages"]:
    locale = Locale.objects.get(language_code=language)
    common = list(SpellingWord.objects.filter(language=language, word__regex=r"^[^0-9]{5,}$")
                  .order_by("-documents").values_list("word", flat=True)[:count])
    # The same titles every run (an ORDER BY random() drew other phrases each time).
    entry_ids = sorted(SearchEntry.objects.filter(locale=locale)
                       .values_list("article_id", flat=True))
    picked = rng.sample(entry_ids, min(len(entry_ids), count * 2))
    keys = list(SearchEntry.objects.filter(article_id__in=picked).order_by("article_id")
                .values_list("title", flat=True))
    phrases = []
    for title in keys:
        words = title.split()
        if len(words) >= 3:
            start = rng.randrange(len(words) - 1)
            phrases.append('"' + " ".join(words[start:start + 2]).strip(",.:;!?") + '"')
    out[language] = {"common": common, "phrase": phrases[:count], "rare": params["rare"][language]}
print("BENCH-JSON", json.dumps(out))
"""

MATCHES_SNIPPET = """
import json
from django.db import connection
from newsdesk.search.analysis import parse_query
from newsdesk.search.engines import engine
from newsdesk.search.results import restriction_of, Filters
from wagtail.models import Locale
counts = {}
for language, kinds in params["queries"].items():
    locale = Locale.objects.get(language_code=language)
    for kind, queries in kinds.items():
        for query in queries[:1]:
            found = engine().candidates(parse_query(query, language),
                                        restriction_of(locale, Filters()), 10**7, scored=False)
            counts.setdefault(kind, []).append(len(found))
print("BENCH-JSON", json.dumps(counts))
"""


def load_average():
    return [round(value, 2) for value in os.getloadavg()]


def reindex(stack, force):
    """Rebuild the index with reindex_search once per dataset (timed); what it took."""
    marker = stack.var_dir / REINDEX_MARKER
    if marker.exists() and not force:
        done = json.loads(marker.read_text())
        print(f"Reusing the search index (rebuilt in {done['seconds']:.0f} s)")
        return {**done, "status": "reused"}
    print("manage.py reindex_search --restart", flush=True)
    before = load_average()
    started = time.monotonic()
    manage(stack.env, "reindex_search", "--restart", quiet=False)
    seconds = time.monotonic() - started
    done = {
        "seconds": round(seconds, 1),
        "articles_per_second": round(stack.size / seconds, 1),
        "load_average_before": before,
        "load_average_after": load_average(),
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }
    marker.write_text(json.dumps(done, indent=2) + "\n")
    return {**done, "status": "rebuilt"}


def rare_words(stack):
    """Invented words given to a few stories each (made once per dataset)."""
    path = stack.var_dir / "rare-words.json"
    if path.exists():
        return json.loads(path.read_text())
    print("Giving a few stories rare words…", flush=True)
    code = speed.snippet(
        RARE_SNIPPET, syllables=SYLLABLES, count=QUERIES_PER_KIND, stories=RARE_STORIES
    )
    made = marked_json(manage(stack.env, "shell", "-c", code))
    path.write_text(json.dumps(made, ensure_ascii=False, indent=2) + "\n")
    return made


def query_paths(queries, kinds):
    return [
        f"/{language}/search/?q={quote(query)}"
        for language, by_kind in queries.items()
        for kind in kinds
        for query in by_kind[kind]
    ]


def measure(url, paths, work_dir, log_dir, key, options):
    """One wrk run over random paths; its figures, also printed."""
    paths_file = Path(work_dir) / f"{key}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    script = script_random_paths(work_dir, paths_file)
    before = load_average()
    try:
        result = wrk_run(
            url,
            script,
            options.duration,
            connections=options.connections,
            log_path=log_dir / f"wrk-search-{key}.txt",
        )
    except (WrkError, subprocess.TimeoutExpired) as error:
        raise BenchmarkFailed(str(error)) from error
    row = {
        "key": key,
        "queries": len(paths),
        "wrk": result.as_dict(),
        "load_average_before": before,
        "load_average_after": load_average(),
    }
    print(
        f"  {key}: {result.requests_per_second:,.0f} req/s, p50 {result.p50_us / 1000:.1f} ms, "
        f"p95 {result.p95_us / 1000:.1f} ms, p99 {result.p99_us / 1000:.1f} ms"
        + (f", {result.non_2xx} non-2xx" if result.non_2xx else "")
        + (f", {result.socket_errors} socket errors" if result.socket_errors else ""),
        flush=True,
    )
    return row


def benchmark(options, command_line):
    stack = speed.stack_setup(options.stack, options.size, purpose="search")
    if not wrk_available():
        raise BenchmarkFailed("wrk is missing and `apt-get install -y wrk` did not install it")
    date = subprocess.run(["date", "-u"], capture_output=True, text=True).stdout.strip()
    machine = speed_report.machine_info(*speed.service_versions(stack))
    dataset = speed.dataset_prepare(stack, options.rebuild)
    report = {
        "stack": stack.name,
        "size": stack.size,
        "date": date,
        "command": command_line,
        "machine": machine,
        "dataset": dataset,
        "reindex": reindex(stack, options.reindex or options.rebuild),
        "connections": options.connections,
        "duration": options.duration,
    }
    rare = rare_words(stack)
    queries = marked_json(
        manage(
            stack.env,
            "shell",
            "-c",
            speed.snippet(
                QUERIES_SNIPPET, count=QUERIES_PER_KIND, languages=list(LANGUAGES), rare=rare
            ),
        )
    )
    report["queries"] = queries
    report["matches_sampled"] = marked_json(
        manage(stack.env, "shell", "-c", speed.snippet(MATCHES_SNIPPET, queries=queries))
    )
    log_dir = stack.var_dir / "logs"
    log_dir.mkdir(exist_ok=True)
    # One client (wrk) asks far more often than a reader may: the limiter is measured apart.
    cached_env = {**stack.env, "NEWSDESK_RATE_LIMITS": "off"}
    uncached_env = {**cached_env, "NEWSDESK_PAGE_CACHE": "off"}
    app_options = (options.workers, options.threads, log_dir)
    rows = []
    with contextlib.ExitStack() as servers:
        work_dir = servers.enter_context(tempfile.TemporaryDirectory(prefix="newsdesk-search-"))
        print("Starting the apps…", flush=True)
        uncached = servers.enter_context(
            app_server("search-uncached", uncached_env, free_port(), *app_options)
        )
        cached = servers.enter_context(
            app_server("search-cached", cached_env, free_port(), *app_options)
        )
        every = query_paths(queries, ("rare", "common", "phrase"))
        for path in every[:: max(1, len(every) // 30)]:
            http_get(uncached.base_url + path)
        print(f"Measuring (wrk -t2 -c{options.connections} -d{options.duration}s)…", flush=True)
        for kind in ("rare", "common", "phrase"):
            rows.append(
                measure(
                    uncached.base_url,
                    query_paths(queries, (kind,)),
                    work_dir,
                    log_dir,
                    kind,
                    options,
                )
            )
        rows.append(measure(uncached.base_url, every, work_dir, log_dir, "mixed", options))
        for path in every:
            http_get(cached.base_url + path)
        rows.append(measure(cached.base_url, every, work_dir, log_dir, "mixed-page-cache", options))
    report["rows"] = rows
    return report


def markdown(report):
    """The report as the Markdown docs/benchmarks.md quotes."""
    reindex_minutes = report["reindex"]["seconds"] / 60
    lines = [
        f"# Search at {report['size']:,} articles ({report['stack']})",
        "",
        f"- Command: `{report['command']}`",
        f"- Date: {report['date']}",
        f"- Machine: {report['machine']}",
        f"- Reindex ({report['reindex']['status']}): {report['reindex']['seconds']:.0f} s "
        f"({reindex_minutes:.1f} min, {report['reindex']['articles_per_second']:,.0f} "
        f"articles/s; target < {TARGET_REINDEX_MINUTES} min), load average before "
        f"{report['reindex']['load_average_before']}, after "
        f"{report['reindex']['load_average_after']}",
        f"- Matches of the first query of each kind: {report['matches_sampled']}",
        "",
        f"| queries (wrk -c{report['connections']}, {report['duration']} s) | req/s | p50 ms "
        "| p95 ms | p99 ms | non-2xx | load before → after |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in report["rows"]:
        wrk = row["wrk"]
        lines.append(
            f"| {row['key']} ({row['queries']}) | {wrk['requests_per_second']:,.0f} | "
            f"{wrk['p50_us'] / 1000:.1f} | {wrk['p95_us'] / 1000:.1f} | "
            f"{wrk['p99_us'] / 1000:.1f} | {wrk['non_2xx']} | "
            f"{row['load_average_before'][0]} → {row['load_average_after'][0]} |"
        )
    mixed = next(row for row in report["rows"] if row["key"] == "mixed")["wrk"]
    lines += [
        "",
        f"Targets (mixed, page cache off): p95 {mixed['p95_us'] / 1000:.0f} ms "
        f"(< {TARGET_P95_MS}), p99 {mixed['p99_us'] / 1000:.0f} ms (< {TARGET_P99_MS}); "
        f"reindex {reindex_minutes:.1f} min (< {TARGET_REINDEX_MINUTES}).",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="articles in the dataset")
    parser.add_argument("--stack", choices=("embedded", "services"), default="embedded")
    parser.add_argument("--rebuild", action="store_true", help="build a new dataset")
    parser.add_argument("--reindex", action="store_true", help="time reindex_search again")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="granian workers per app")
    parser.add_argument("--threads", type=int, default=4, help="threads per granian worker")
    options = parser.parse_args()
    if options.size < 1 or options.duration < 1 or options.connections < 2:
        parser.error("--size and --duration take 1 or more, --connections 2 or more")
    signal.signal(signal.SIGTERM, speed.stop_on_sigterm)
    command_line = shlex.join(["bench/search.py", *sys.argv[1:]])
    report = speed.measured(benchmark, options, command_line)
    text = markdown(report)
    print()
    print(text)
    DOCS_DIR.mkdir(parents=True, exist_ok=True)
    base = DOCS_DIR / f"search-{report['stack']}-{report['size']}"
    base.with_suffix(".json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    base.with_suffix(".md").write_text(text)
    print(f"Written to {base.relative_to(ROOT)}.json and .md")


if __name__ == "__main__":
    main()
