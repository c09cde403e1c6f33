"""The slow tail of uncached article renders: the garbage collector's pauses in one worker.

Calls the app server's own entry point (newsdesk.wsgi.application) in this one process for
--articles random published articles with the page cache off, after a warm-up, and prints
the CPU and wall time of each render at p50, p99 and the slowest, with how many objects the
garbage collector still tracks. `--no-freeze` undoes the entry point's `gc.freeze()` and
calls past CollectorSettled, for the figures without it.

    .venv/bin/python bench/render_tail.py [--stack embedded|services] [--size 1000000]
        [--articles 400] [--no-freeze]

Uses the speed bench's dataset (make bench-speed), which must exist; it reads, never writes.
"""

import gc
import sys
import time
from pathlib import Path
from wsgiref.util import setup_testing_defaults

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from render_cost import dataset_arguments, dataset_django, random_article_urls  # noqa: E402

WARM_UP = 20


def get(application, path):
    """The status line of a GET of `path` through a WSGI application."""
    environ = {"PATH_INFO": path, "HTTP_HOST": "127.0.0.1", "SERVER_NAME": "127.0.0.1"}
    setup_testing_defaults(environ)
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return statuses[0]


def percentiles(values):
    values = sorted(values)
    return values[len(values) // 2], values[int(len(values) * 0.99)], values[-1]


def main():
    parser = dataset_arguments(__doc__.splitlines()[0], articles=400, seed=9)
    parser.add_argument("--no-freeze", action="store_true", help="without gc.freeze()")
    arguments = parser.parse_args()
    stack = dataset_django(arguments)
    from newsdesk.wsgi import application

    if arguments.no_freeze:
        gc.unfreeze()
        application = application.application
    urls = random_article_urls(arguments.articles + WARM_UP, arguments.seed)
    for url in urls[:WARM_UP]:
        get(application, url)
    cpu, wall = [], []
    for url in urls[WARM_UP:]:
        started, started_cpu = time.perf_counter(), time.process_time()
        status = get(application, url)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
        if not status.startswith("200"):
            raise SystemExit(f"{url} answered {status}")
    freeze = "without gc.freeze()" if arguments.no_freeze else "with the entry point's gc.freeze()"
    print(f"{stack.name}, {stack.size:,} articles: {len(cpu)} random articles, uncached, {freeze}")
    for name, values in (("CPU", cpu), ("wall", wall)):
        p50, p99, slowest = percentiles(values)
        print(f"  {name:4} ms per render: p50 {p50:.1f}, p99 {p99:.1f}, slowest {slowest:.1f}")
    print(f"  objects the collector tracks at the end: {len(gc.get_objects()):,}")


if __name__ == "__main__":
    main()
