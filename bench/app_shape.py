"""One uncached app alone under wrk: where a request's CPU goes, and what the server's shape does.

Starts `manage.py serve --workers W --threads T` on the speed bench's dataset with the page
cache off, samples published articles as the speed bench does, and runs wrk over random
ones (or the view counter) for --runs runs. Each run prints requests/s, p50, p99, and the
CPU seconds the app's workers, PostgreSQL's processes and the whole machine spent, per
request: on two cores the sum is what bounds the rate.

    .venv/bin/python bench/app_shape.py [--stack embedded|services] [--size 1000000]
        [--workers 2] [--threads 4] [--what article|views] [--runs 1] [--duration 10]

Uses the speed bench's dataset (make bench-speed), which must exist.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import speed  # noqa: E402 - the dataset, the app server and the sample come from the speed bench
from workers import CLOCK_TICKS, cpu_seconds, resident_mb, worker_pids  # noqa: E402
from wrk import script_random_paths, script_view_posts, wrk_run  # noqa: E402

SAMPLE_SIZE = 20_000
WARM_UP_PAGES = 30


def postgres_cpu_seconds():
    """User + system CPU seconds of every running PostgreSQL process (0 without any)."""
    found = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True)
    return sum(cpu_seconds([int(pid) for pid in found.stdout.split()]).values())


def machine_busy_seconds():
    """CPU seconds the whole machine spent outside idle and I/O wait so far (/proc/stat)."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system = (int(value) for value in fields[:3])
    return (user + nice + system) / CLOCK_TICKS


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", choices=("embedded", "services"), default="embedded")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--what", choices=("article", "views"), default="article")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    options = parser.parse_args()

    stack = speed.stack_setup(options.stack, options.size)
    if not speed.dataset_present(stack):
        raise SystemExit(f"No {stack.name} dataset of {stack.size:,} articles: make bench-speed.")
    env = {**stack.env, "NEWSDESK_PAGE_CACHE": "off"}
    with tempfile.TemporaryDirectory(prefix="newsdesk-shape-") as folder:
        folder = Path(folder)
        shape = (options.workers, options.threads, folder)
        with speed.app_server("shape", env, speed.free_port(), *shape) as site:
            sample = speed.site_sample(site, SAMPLE_SIZE)
            if options.what == "views":
                ids_file = folder / "ids.txt"
                ids_file.write_text("\n".join(str(pk) for pk in sample["ids"]) + "\n")
                script = script_view_posts(folder, ids_file)
            else:
                paths_file = folder / "paths.txt"
                paths_file.write_text("\n".join(sample["paths"]) + "\n")
                script = script_random_paths(folder, paths_file)
            for path in sample["paths"][-WARM_UP_PAGES:]:
                speed.http_get(site.base_url + path)
            pids = worker_pids(site.server.pid)
            label = f"{options.what}, {options.workers} × {options.threads}"
            for _ in range(options.runs):
                workers_before = sum(cpu_seconds(pids).values())
                postgres_before, busy_before = postgres_cpu_seconds(), machine_busy_seconds()
                result = wrk_run(
                    site.base_url, script, options.duration, connections=options.connections
                )
                workers_spent = sum(cpu_seconds(pids).values()) - workers_before
                postgres_spent = postgres_cpu_seconds() - postgres_before
                busy = machine_busy_seconds() - busy_before
                per_request = 1000 / max(result.requests, 1)
                print(
                    f"{label}: {result.requests / options.duration:,.0f} req/s, "
                    f"p50 {result.p50_us / 1000:.1f} ms, p99 {result.p99_us / 1000:.1f} ms; "
                    f"CPU ms a request: workers {workers_spent * per_request:.2f}, "
                    f"PostgreSQL {postgres_spent * per_request:.2f}, "
                    f"machine {busy * per_request:.2f} ({busy:.1f} s busy)",
                    flush=True,
                )
            sizes = resident_mb(pids).values()
            print(f"worker RSS at the end: {', '.join(f'{size:.0f}' for size in sizes)} MB")


if __name__ == "__main__":
    main()
