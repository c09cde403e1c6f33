"""The results of `bench/speed.py`: the machine, the table, the issue's targets; text and markdown.

The report is one plain dict (also written as JSON); everything here only reads it.
"""

import importlib.metadata
import os
import platform
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

# Row keys, in the order the runs happen.
STATIC = "static"
PAGE_CACHE = "article, page cache"
VARNISH = "article, Varnish"
UNCACHED = "article, uncached"
ONE_RENDER = "article, one render"
HOME = "home, uncached"
SECTION = "section page 500, uncached"
TAG = "tag page, uncached"
VIEWS = "view counter"

# The targets (issue 5).
VARNISH_RATIO = 0.7
PAGE_CACHE_RATIO = 0.2
UNCACHED_RATE = 350
UNCACHED_P99_MS = 100
ONE_RENDER_P50_MS = 8
PUBLISH_SECONDS = 1.0
BURST_RENDERS = 4
VIEWS_RATE = 3000
WORKER_RSS_MB = 200


def tool_version(command, pattern):
    """The version a tool reports (on stdout or stderr), as `pattern`'s first group."""
    if not shutil.which(command[0]):
        return "not installed"
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    found = re.search(pattern, completed.stdout + completed.stderr)
    return found.group(1) if found else "unknown"


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def package_version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_info(postgres_version=None, redis_version=None):
    """What the figures depend on: cores, CPU, and the versions of everything measured."""
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu_model(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "django": package_version("Django"),
        "wagtail": package_version("wagtail"),
        "granian": package_version("granian"),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version or "not used",
        "redis": redis_version or "not used",
        "varnish": tool_version(["varnishd", "-V"], r"varnish-(\S+)"),
        "nginx": tool_version(["nginx", "-v"], r"nginx/(\S+)"),
        "wrk": tool_version(["wrk", "-v"], r"wrk (\S+)"),
        "load_average_before": round(os.getloadavg()[0], 2),
    }


def rows_by_key(report):
    return {row["key"]: row for row in report["rows"]}


def ratio_to_static(report, row):
    static = rows_by_key(report).get(STATIC)
    if not static or not static["wrk"] or not row["wrk"]:
        return None
    return row["wrk"]["requests_per_second"] / static["wrk"]["requests_per_second"]


def errors_text(wrk):
    socket_errors = (
        wrk["connect_errors"] + wrk["read_errors"] + wrk["write_errors"] + wrk["timeouts"]
    )
    return f"{wrk['non_2xx']}/{socket_errors}"


def table_rows(report):
    """The table as lists of cells: header first."""
    header = [
        "target",
        "requests/s",
        "p50 ms",
        "p99 ms",
        "bytes/response",
        "× static",
        "worker CPU s",
        "worker RSS MB",
        "non-2xx/socket errors",
    ]
    lines = [header]
    for row in report["rows"]:
        wrk = row["wrk"]
        ratio = ratio_to_static(report, row)
        lines.append(
            [
                row["label"],
                f"{wrk['requests_per_second']:,.0f}",
                f"{wrk['p50_us'] / 1000:.2f}",
                f"{wrk['p99_us'] / 1000:.2f}",
                f"{wrk['bytes_per_response']:,}",
                f"{ratio:.2f}" if ratio is not None else "—",
                f"{row['cpu_seconds']:.1f}" if row["cpu_seconds"] is not None else "—",
                (
                    " ".join(f"{size:.0f}" for size in row["rss_mb"].values())
                    if row["rss_mb"]
                    else "—"
                ),
                errors_text(wrk),
            ]
        )
    return lines


def text_table(report):
    lines = table_rows(report)
    widths = [max(len(line[column]) for line in lines) for column in range(len(lines[0]))]

    def render(line):
        cells = [line[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(line[1:], widths[1:], strict=True)]
        return "  ".join(cells)

    return "\n".join(
        [render(lines[0]), "-" * len(render(lines[0]))] + [render(line) for line in lines[1:]]
    )


def markdown_table(report):
    lines = table_rows(report)
    out = ["| " + " | ".join(lines[0]) + " |", "|" + "|".join(["---"] + ["---:"] * 8) + "|"]
    out += ["| " + " | ".join(line) + " |" for line in lines[1:]]
    return "\n".join(out)


def publish_lines(report):
    publish = report.get("publish")
    if not publish:
        return []
    parts = []
    for target, figures in publish["targets"].items():
        seconds = figures["visible_after_seconds"]
        shown = (
            f"{seconds:.3f} s"
            if seconds is not None
            else f"not within the wait (last read: {figures['last_read']}, "
            f"{figures['last_read_headers']})"
        )
        parts.append(
            f"{target} {shown} ({figures['reads']} reads, "
            f"{figures['old_after_visible']} old after visible, {figures['errors']} errors)"
        )
    worst = publish["max_seconds"]
    worst_text = f"{worst:.3f} s" if worst is not None else "not visible"
    # Older reports timed from the call's return, so they carry no call time.
    call = publish.get("publish_call_seconds")
    call_text = f" from the publish call's start (the call took {call:.3f} s)" if call else ""
    return [f"publish → visible: max {worst_text}{call_text}; " + "; ".join(parts)]


def burst_lines(report):
    lines = []
    for name, burst in report.get("bursts", {}).items():
        statuses = ", ".join(f"{status}: {count}" for status, count in burst["statuses"].items())
        lines.append(
            f"burst after a change, {name}: {burst['renders']} render(s) for "
            f"{burst['requests']} concurrent GETs in {burst['seconds']:.2f} s ({statuses})"
        )
    return lines


def views_lines(report):
    views = report.get("views")
    if not views:
        return []
    return [
        f"view counter: {views['acknowledged']:,} acknowledged (2xx), {views['stored']:,} stored "
        f"(view_count sum {views['sum_before']:,} → {views['sum_after']:,}); "
        f"lost = acknowledged − stored = {views['lost']:,}; "
        f"unacknowledged counted = stored − acknowledged = {views['unacknowledged_counted']:,} "
        f"(wrk: {views['non_2xx']} non-2xx, {views['socket_errors']} socket errors of which "
        f"{views['timeouts']} timeouts; up to {views['connections']} requests were in flight "
        "when wrk stopped)"
    ]


def rss_line(report):
    rss = report["worker_rss_end_mb"]
    per_app = "; ".join(
        f"{app}: " + ", ".join(f"{size:.0f}" for size in sizes) for app, sizes in rss.items()
    )
    return f"worker RSS at the end: max {report['worker_rss_max_mb']:.0f} MB ({per_app})"


def target_checks(report):
    """[(target, measured, met)] for the issue's targets; met is None when not measured."""
    rows = rows_by_key(report)
    checks = []

    def rate_ok(row, minimum):
        wrk = row["wrk"]
        return wrk["requests_per_second"] >= minimum and wrk["non_2xx"] == 0

    def with_errors(row, text):
        wrk = row["wrk"]
        return text + (f", {wrk['non_2xx']} non-2xx" if wrk["non_2xx"] else "")

    for key, factor in ((VARNISH, VARNISH_RATIO), (PAGE_CACHE, PAGE_CACHE_RATIO)):
        row = rows.get(key)
        ratio = ratio_to_static(report, row) if row else None
        checks.append(
            (
                f"{key} ≥ {factor}× static",
                with_errors(row, f"{ratio:.2f}×") if ratio is not None else "not measured",
                None if ratio is None else ratio >= factor and row["wrk"]["non_2xx"] == 0,
            )
        )
    row = rows.get(UNCACHED)
    if row:
        wrk = row["wrk"]
        checks.append(
            (
                f"{UNCACHED} ≥ {UNCACHED_RATE} req/s at {report['connections']} connections",
                with_errors(row, f"{wrk['requests_per_second']:,.0f} req/s"),
                rate_ok(row, UNCACHED_RATE),
            )
        )
        checks.append(
            (
                f"{UNCACHED} p99 < {UNCACHED_P99_MS} ms",
                f"{wrk['p99_us'] / 1000:.1f} ms",
                wrk["requests"] > 0 and wrk["p99_us"] / 1000 < UNCACHED_P99_MS,
            )
        )
    row = rows.get(ONE_RENDER)
    if row:
        p50 = row["wrk"]["p50_us"] / 1000
        done = row["wrk"]["requests"] > 0
        checks.append(
            (
                f"single render p50 < {ONE_RENDER_P50_MS} ms",
                f"{p50:.2f} ms" if done else "no request completed",
                done and p50 < ONE_RENDER_P50_MS,
            )
        )
    for key in (HOME, SECTION, TAG):
        row = rows.get(key)
        if row:
            checks.append(
                (
                    f"{row['label']} ≥ {UNCACHED_RATE} req/s",
                    with_errors(row, f"{row['wrk']['requests_per_second']:,.0f} req/s"),
                    rate_ok(row, UNCACHED_RATE),
                )
            )
    publish = report.get("publish")
    if publish:
        worst = publish["max_seconds"]
        checks.append(
            (
                f"publish → visible everywhere < {PUBLISH_SECONDS:g} s",
                f"{worst:.3f} s" if worst is not None else "not visible within the wait",
                worst is not None and worst < PUBLISH_SECONDS,
            )
        )
    for name, burst in report.get("bursts", {}).items():
        checks.append(
            (
                f"burst after a change ({name}) ≤ {BURST_RENDERS} renders",
                f"{burst['renders']} render(s)",
                burst["renders"] <= BURST_RENDERS,
            )
        )
    row = rows.get(VIEWS)
    views = report.get("views")
    if row and views:
        rate = row["wrk"]["requests_per_second"]
        checks.append(
            (
                f"view counter ≥ {VIEWS_RATE:,}/s with zero lost",
                f"{rate:,.0f}/s, {views['lost']} lost",
                rate >= VIEWS_RATE and views["lost"] == 0 and row["wrk"]["non_2xx"] == 0,
            )
        )
    worst_rss = report.get("worker_rss_max_mb")
    if worst_rss is not None:
        checks.append(
            (
                f"worker RSS < {WORKER_RSS_MB} MB",
                f"{worst_rss:.0f} MB",
                worst_rss < WORKER_RSS_MB,
            )
        )
    return checks


def verdict(met):
    return {True: "met", False: "MISSED", None: "not measured"}[met]


def header_lines(report):
    machine = report["machine"]
    dataset = report["dataset"]
    return [
        f"stack {report['stack']}, {report['size']:,} articles ({dataset['status']}), "
        f"{report['date']}",
        f"machine: {machine['nproc']} cores, {machine['cpu']}, Linux {machine['kernel']}, "
        f"load average before {machine['load_average_before']}, "
        f"after {report.get('load_average_after', '?')} (the cores are shared)",
        f"software: Python {machine['python']}, Django {machine['django']}, "
        f"Wagtail {machine['wagtail']}, granian {machine['granian']}, "
        f"SQLite {machine['sqlite']}, PostgreSQL {machine['postgresql']}, "
        f"Redis {machine['redis']}, Varnish {machine['varnish']}, nginx {machine['nginx']}, "
        f"wrk {machine['wrk']}",
        f"load: wrk -t2 -c{report['connections']} -d{report['duration']}s; app: "
        f"{report['workers']} granian workers × {report['threads']} threads",
    ]


def extra_lines(report):
    return (
        publish_lines(report)
        + burst_lines(report)
        + views_lines(report)
        + [rss_line(report)]
        + report.get("notes", [])
    )


def text_report(report):
    lines = header_lines(report) + ["", text_table(report), ""] + extra_lines(report)
    lines += ["", "targets (issue 5):"]
    for target, measured, met in target_checks(report):
        lines.append(f"  [{verdict(met):>6}] {target}: {measured}")
    return "\n".join(lines)


def markdown_report(report):
    lines = [
        f"### {report['stack']}, {report['size']:,} articles",
        "",
        f"`{report['command']}`",
        "",
        *[f"- {line}" for line in header_lines(report)],
        "",
        markdown_table(report),
        "",
        *[f"- {line}" for line in extra_lines(report)],
        "",
        "Targets (issue 5):",
        "",
        "| target | measured | |",
        "|---|---|---|",
        *[
            f"| {target} | {measured} | {verdict(met)} |"
            for target, measured, met in target_checks(report)
        ],
    ]
    return "\n".join(lines) + "\n"
