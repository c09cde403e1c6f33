"""Soak: steady mixed load on the production stack for ten minutes (`make soak`).

Builds the stack of docs/deploy.md on 127.0.0.1 from servers of its own (a PostgreSQL
primary and its streaming replica, Redis, Varnish, one app server of 2 workers x 4 threads
and the background worker), then for --duration seconds readers read pages and search
through Varnish and count views, while an editor publishes a change every few seconds.
It reports the 5xx answers (the target is none), the app workers' memory over time (flat),
page read latency per 30 s window (p50, p99), whether every published change became
visible to readers (and how soon), and whether any acknowledged view was lost; and writes
docs/benchmarks/soak.json, docs/benchmarks/soak.md and docs/benchmarks/soak.svg.

    .venv/bin/python bench/soak.py [--duration 600] [--readers 8] [--edit-every 5]

Exits 1 when a target is missed (a 5xx, a change not seen, a view lost, memory growing).
"""

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from clusters import postgres_cluster, postgres_replica, redis_server  # noqa: E402
from servers import varnish  # noqa: E402
from stack import (  # noqa: E402
    MANAGE,
    Load,
    StackTemplate,
    consistency_problems,
    send,
    stack_site,
    stored_views,
)
from workers import resident_mb, worker_pids  # noqa: E402

DOCS = ROOT / "docs" / "benchmarks"
WINDOW_SECONDS = 30
VISIBLE_WITHIN_SECONDS = 15
# Memory "flat": the last window's RSS at most this much above the first window's (after
# warming up, when the caches have filled).
MEMORY_GROWTH_LIMIT = 0.15

EDITOR = """
import json, random, sys, time
from newsdesk.articles.models import ArticlePage
ids = list(ArticlePage.objects.published().values_list("pk", flat=True))
# Each article in turn, in a shuffled order: no change is overwritten before it is looked for.
random.Random(5).shuffle(ids)
for number, line in enumerate(sys.stdin):
    article = ArticlePage.objects.get(pk=ids[number % len(ids)])
    token = line.strip()
    article.title = "Soak edit " + token
    article.save_revision().publish()
    print("EDIT", json.dumps({"id": article.pk, "url": article.get_url(None), "token": token,
                              "at": time.time()}), flush=True)
"""


def title_of(html):
    start = html.find("<h1")
    return html[start : html.find("</h1>", start) + 5][:200] if start >= 0 else None


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Editor:
    """A newsroom process that publishes a change whenever asked; each change is then
    looked for through Varnish until readers see it."""

    def __init__(self, env, front_url, app_url):
        self.process = subprocess.Popen(
            MANAGE + ["shell", "-c", EDITOR], env=env, cwd=ROOT, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, bufsize=1,
        )  # fmt: skip
        self.front_url = front_url
        self.app_url = app_url
        self.edits = []
        self.checkers = []

    def publish(self, number):
        self.process.stdin.write(f"{number}-{int(time.time())}\n")
        self.process.stdin.flush()
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the editor process stopped")
            if line.startswith("EDIT "):
                edit = json.loads(line[5:])
                break
        checker = threading.Thread(target=self.look_for, args=(edit,), daemon=True)
        checker.start()
        self.checkers.append(checker)

    def look_for(self, edit):
        deadline = edit["at"] + VISIBLE_WITHIN_SECONDS
        while time.time() < deadline:
            status, headers, body = send(self.front_url, "GET", edit["url"])
            if status == 200 and ("Soak edit " + edit["token"]) in body:
                edit["visible_after"] = round(time.time() - edit["at"], 2)
                break
            # What readers were shown instead, kept for the report.
            edit["last_seen"] = {"status": status, "x-cache": headers.get("x-cache"),
                                 "age": headers.get("age"), "title": title_of(body)}  # fmt: skip
            time.sleep(0.2)
        if "visible_after" not in edit:
            # Varnish's copy or the app's? The app asked directly, as a reader.
            status, headers, body = send(self.app_url, "GET", edit["url"])
            edit["app_answer"] = {"status": status, "x-cache": headers.get("x-cache"),
                                  "age": headers.get("age"), "title": title_of(body),
                                  "new": ("Soak edit " + edit["token"]) in body}  # fmt: skip
        self.edits.append(edit)

    def stop(self):
        for checker in self.checkers:
            checker.join(VISIBLE_WITHIN_SECONDS + 5)
        self.process.stdin.close()
        self.process.wait(timeout=30)


def memory_sampler(serve_pid, samples, stop):
    while not stop.is_set():
        sizes = resident_mb(worker_pids(serve_pid))
        samples.append((time.time(), round(sum(sizes.values()), 1), len(sizes)))
        stop.wait(10)


def windows(load, started, duration):
    """Per 30 s window: page reads, p50 and p99 (ms), 5xx."""
    rows = []
    samples = load.outcomes["page"].samples + load.outcomes["search"].samples
    for start in range(0, int(duration), WINDOW_SECONDS):
        inside = [s for s in samples if start <= s[0] - started < start + WINDOW_SECONDS]
        times = [s[1] * 1000 for s in inside]
        rows.append({
            "from_s": start,
            "requests": len(inside),
            "p50_ms": round(percentile(times, 0.5) or 0, 2),
            "p99_ms": round(percentile(times, 0.99) or 0, 2),
            "server_errors": sum(1 for s in inside if s[2] >= 500 or s[2] == 0),
        })  # fmt: skip
    return rows


def soak(duration, readers, edit_every, articles):
    started_at = datetime.now(UTC)
    load_before = os.getloadavg()
    with (
        postgres_cluster() as primary,
        postgres_replica(primary) as replica,
        redis_server() as redis,
    ):
        print("Building the outlet...", flush=True)
        template = StackTemplate(primary, articles=articles)
        try:
            return soak_on(template, replica, redis, duration, readers, edit_every, started_at,
                           load_before)  # fmt: skip
        finally:
            template.remove()


def soak_on(template, replica, redis, duration, readers, edit_every, started_at=None,
            load_before=None):  # fmt: skip
    """The soak on servers already running (the services suite runs a short one)."""
    started_at = started_at or datetime.now(UTC)
    load_before = load_before or os.getloadavg()
    # Rate limits off: every reader here is 127.0.0.1, and the limiter is not what is soaked.
    with stack_site(template, replica=replica, redis=redis, background="none",
                    TASKS_BACKEND="database", NEWSDESK_RATE_LIMITS="false") as site:  # fmt: skip
        return soak_run(site, template, duration, readers, edit_every, started_at, load_before)


def soak_run(site, template, duration, readers, edit_every, started_at, load_before):
    worker = subprocess.Popen(MANAGE + ["worker"], env=site.env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        with varnish(site.port) as front_url:
            # Purges are sent by the process that publishes: the editor's, the worker's.
            site.env["NEWSDESK_VARNISH_URLS"] = front_url
            editor = Editor(site.env, front_url, site.base_url)
            before = stored_views(site)
            load = Load(front_url, template.articles, readers=readers, pause=0.01)
            memory, stop = [], threading.Event()
            sampler = threading.Thread(target=memory_sampler, args=(site.server.pid, memory, stop))
            print(f"Soaking for {duration} s...", flush=True)
            started = time.time()
            load.start()
            sampler.start()
            number = 0
            while time.time() - started < duration:
                time.sleep(edit_every)
                number += 1
                editor.publish(number)
            load.stop()
            stop.set()
            sampler.join()
            editor.stop()
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    after = stored_views(site)
    lost = {
        article_id: (acknowledged, after.get(article_id, 0) - before.get(article_id, 0))
        for article_id, acknowledged in load.acknowledged.items()
        if after.get(article_id, 0) - before.get(article_id, 0) < acknowledged
    }
    statuses = {kind: dict(outcome.statuses) for kind, outcome in load.outcomes.items()}
    server_errors = sum(outcome.server_errors for outcome in load.outcomes.values())
    visible = [edit for edit in editor.edits if "visible_after" in edit]
    warm = [m for m in memory if m[0] - memory[0][0] >= 60] or memory
    first_mb, last_mb = warm[0][1], memory[-1][1]
    report = {
        "command": " ".join(["bench/soak.py", *sys.argv[1:]]),
        "date": started_at.isoformat(timespec="seconds"),
        "machine": f"{platform.node()} ({os.cpu_count()} cores), {platform.platform()}",
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "duration_s": duration,
        "readers": readers,
        "requests": {kind: sum(counts.values()) for kind, counts in statuses.items()},
        "statuses": statuses,
        "server_errors": server_errors,
        "failures": {kind: outcome.failures for kind, outcome in load.outcomes.items()},
        "server_log_problems": [
            line
            for line in site.log_lines()
            if '"level": "ERROR"' in line or '"level": "WARNING"' in line
        ][:20],
        "views_acknowledged": sum(load.acknowledged.values()),
        "views_lost": lost,
        "edits": len(editor.edits),
        "edits_visible": len(visible),
        "edits_not_visible": [edit for edit in editor.edits if "visible_after" not in edit],
        "visible_after_s": {
            "median": percentile([e["visible_after"] for e in visible], 0.5),
            "max": max((e["visible_after"] for e in visible), default=None),
        },
        "memory_mb": memory,
        "memory_growth": round((last_mb - first_mb) / first_mb, 3) if first_mb else None,
        "windows": windows(load, started, duration),
        "consistency_problems": consistency_problems(site),
        "readyz": json.loads(send(site.base_url, "GET", "/readyz")[2])["status"],
    }
    report["targets_met"] = {
        "zero_5xx": server_errors == 0,
        "every_change_visible": len(visible) == len(editor.edits) > 0,
        "no_view_lost": not lost,
        "memory_flat": report["memory_growth"] is not None
        and report["memory_growth"] <= MEMORY_GROWTH_LIMIT,
        "nothing_half_written": not report["consistency_problems"],
    }
    return report


def chart_svg(report):
    """p99 of page reads per window, and the workers' memory, as a small SVG."""
    rows = report["windows"]
    width, height, pad = 640, 240, 40
    top_ms = max([row["p99_ms"] for row in rows] + [1])
    step = (width - 2 * pad) / max(1, len(rows) - 1)
    p99 = " ".join(
        f"{pad + i * step:.1f},{height - pad - row['p99_ms'] / top_ms * (height - 2 * pad):.1f}"
        for i, row in enumerate(rows)
    )
    memory = report["memory_mb"]
    top_mb = max([m[1] for m in memory] + [1])
    span = max(1.0, memory[-1][0] - memory[0][0]) if memory else 1.0
    rss = " ".join(
        f"{pad + (m[0] - memory[0][0]) / span * (width - 2 * pad):.1f},"
        f"{height - pad - m[1] / top_mb * (height - 2 * pad):.1f}"
        for m in memory
    )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" \
role="img" aria-label="Soak: p99 of page reads and worker memory over time">
<title>Soak: p99 of page reads (blue, top {top_ms:.0f} ms) and workers' memory (orange, top \
{top_mb:.0f} MB) over {report["duration_s"]} s</title>
<rect width="100%" height="100%" fill="#fff"/>
<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#444"/>
<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#444"/>
<polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="{p99}"/>
<polyline fill="none" stroke="#d9730d" stroke-width="2" points="{rss}"/>
<text x="{pad}" y="{pad - 10}" font-size="12" fill="#1f5fbf">p99 page read, \
max {top_ms:.1f} ms</text>
<text x="{width - pad}" y="{pad - 10}" font-size="12" fill="#d9730d" text-anchor="end">workers' \
RSS, max {top_mb:.0f} MB</text>
<text x="{width / 2}" y="{height - 10}" font-size="12" text-anchor="middle">time, \
{report["duration_s"]} s</text>
</svg>
"""


def markdown(report):
    lines = [
        f"# Soak, {report['date']}",
        "",
        f"`{report['command']}` on {report['machine']}; load average before "
        f"{report['load_average_before']}, after {report['load_average_after']} (the machine "
        "is shared: other work ran meanwhile).",
        "",
        "| target | met |",
        "| --- | --- |",
        *[f"| {name} | {'yes' if met else '**no**'} |"
          for name, met in report["targets_met"].items()],
        "",
        f"Requests: {report['requests']}; statuses {report['statuses']}.",
        f"Views acknowledged: {report['views_acknowledged']}, lost: {len(report['views_lost'])}.",
        f"Edits published: {report['edits']}, seen by readers: {report['edits_visible']} "
        f"(median {report['visible_after_s']['median']} s, "
        f"max {report['visible_after_s']['max']} s).",
        f"Workers' memory growth after the first minute: {report['memory_growth']:.1%}.",
        "",
        "![p99 and memory over time](soak.svg)",
        "",
        "| from (s) | page reads | p50 (ms) | p99 (ms) | 5xx |",
        "| --- | --- | --- | --- | --- |",
        *[f"| {r['from_s']} | {r['requests']} | {r['p50_ms']} | {r['p99_ms']} | "
          f"{r['server_errors']} |" for r in report["windows"]],
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def stop_on_sigterm(signum, frame):
    """A stopped soak still stops its servers and removes their folders (the `finally`s)."""
    raise SystemExit(1)


def main():
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=600)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--edit-every", type=float, default=5.0)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--no-write", action="store_true", help="Print, write no report.")
    options = parser.parse_args()
    report = soak(options.duration, options.readers, options.edit_every, options.articles)
    print(markdown(report))
    if report["edits_not_visible"]:
        print("Changes readers did not see:", json.dumps(report["edits_not_visible"], indent=1))
    if report["server_errors"]:
        print("First failures:", json.dumps(report["failures"], indent=1))
        print("Server log:", *report["server_log_problems"], sep="\n")
    if not options.no_write:
        DOCS.mkdir(parents=True, exist_ok=True)
        (DOCS / "soak.json").write_text(json.dumps(report, indent=1) + "\n")
        (DOCS / "soak.md").write_text(markdown(report))
        (DOCS / "soak.svg").write_text(chart_svg(report))
    sys.exit(0 if all(report["targets_met"].values()) else 1)


if __name__ == "__main__":
    main()
