"""Benchmark: how long `manage.py seed_demo` takes to load demo articles into a fresh database.

The requirement (issue 2) is 3,000 articles in under two minutes on the 2-core dev machine.
Each run uses its own temporary var/ folder, so it never touches the local database, and
times only the seed step (migrations are set-up, not what is measured).

    .venv/bin/python bench/seed.py --articles 3000
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 120


def manage(args, env):
    """Run one manage.py command in a subprocess, stopping the benchmark if it fails."""
    completed = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{completed.stderr}")
    return completed.stdout


def child_cpu_seconds():
    """CPU time used by finished subprocesses: unlike wall time, barely moved by other load."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as var_dir:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings"}
        env["NEWSDESK_VAR_DIR"] = var_dir
        # The embedded SQLite default is what the requirement is about.
        env.pop("DATABASE_URL", None)
        manage(["migrate", "--noinput", "-v0"], env)
        # A busy machine slows the wall time; the load average says whether it was busy.
        load_before = os.getloadavg()[0]
        cpu_before = child_cpu_seconds()
        started = time.perf_counter()
        output = manage(
            ["seed_demo", "--articles", str(options.articles), "--seed", str(options.seed)]
            + ["--no-progress"],
            env,
        )
        elapsed = time.perf_counter() - started
        cpu = child_cpu_seconds() - cpu_before

    print(output.strip())
    verdict = "within" if elapsed < LIMIT_SECONDS else "OVER"
    print(
        f"seed_demo --articles {options.articles}: {elapsed:.1f}s "
        f"({verdict} the {LIMIT_SECONDS}s limit); CPU time {cpu:.1f}s, "
        f"load average before the run {load_before:.2f}"
    )
    if elapsed >= LIMIT_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
