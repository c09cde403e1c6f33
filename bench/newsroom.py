"""Benchmark: the newsroom's admin screens on a large archive (issue 9: "stays fast at a million").

Reuses (or builds) the load benchmark's dataset (bench/speed.py: var/bench/<stack>-<size>/,
`bench_dataset` articles with a week of hourly view tallies), rolls the tallies up into the
analytics' daily rows (`rollup_views --days 8`, timed), then renders each newsroom screen as
a chief editor through Django's test client inside `manage.py shell`, several times, and
reports the median time, the part of it spent in SQL, and the number of SQL queries of each
(the account page, which reads none of our data, is the machine's baseline for an admin
page). The dataset's own files are
not changed otherwise (the roll-up writes daily rows; the user made for the run is removed).

    .venv/bin/python bench/newsroom.py --size 100000
    .venv/bin/python bench/newsroom.py --stack services --size 100000
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from speed import BenchmarkFailed, dataset_prepare, manage, stack_setup  # noqa: E402

RUNS = 5
SCREENS = {
    # No data of ours: what any admin page costs (the menu, the templates) on this machine.
    "account page (baseline)": "/admin/account/",
    "dashboard": "/admin/",
    "analytics": "/admin/analytics/",
    "analytics, one section": "/admin/analytics/?section={section}",
    "article views over time": "/admin/analytics/article/{article}/",
    "translation desk": "/admin/newsroom/translations/?source=en&target=ru",
    "ad report": "/admin/ads/report/",
    "article list": "/admin/articles/",
}
MEASURE = """
import json, statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from newsdesk.articles.models import ArticlePage, SectionPage
users = get_user_model()
user = users.objects.filter(username="bench-newsroom").first() or users.objects.create_superuser(
    "bench-newsroom", "bench@newsroom.example", None)
client = Client()
client.force_login(user)
read = ArticlePage.objects.filter(view_count__gt=0).order_by("-published_at").first()
fill = {{"section": SectionPage.objects.filter(locale__language_code="en").first().pk,
        "article": read.pk}}
results = {{}}
for name, path in {screens!r}.items():
    url = path.format(**fill)
    assert client.get(url).status_code == 200, url
    times, sql = [], []
    for _ in range({runs}):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = client.get(url).status_code
            times.append(time.perf_counter() - started)
        assert status == 200, (url, status)
        sql.append(sum(float(query["time"]) for query in queries.captured_queries))
    results[name] = {{"path": url, "median_ms": round(statistics.median(times) * 1000, 1),
                      "sql_ms": round(statistics.median(sql) * 1000, 1),
                      "max_ms": round(max(times) * 1000, 1), "queries": len(queries)}}
user.delete()
print("RESULT " + json.dumps(results))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stack", choices=["embedded", "services"], default="embedded")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="Build the dataset again.")
    options = parser.parse_args()
    stack = stack_setup(options.stack, options.size)
    stack.env["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    try:
        dataset = dataset_prepare(stack, options.rebuild)
        load_before = os.getloadavg()
        started = time.perf_counter()
        manage(stack.env, "rollup_views", "--days", "8", "--no-progress")
        rollup = time.perf_counter() - started
        output = manage(
            stack.env,
            "shell",
            "--no-imports",
            "-c",
            MEASURE.format(screens=SCREENS, runs=RUNS),
        )
        load_after = os.getloadavg()
    except BenchmarkFailed as error:
        sys.exit(f"newsroom benchmark failed: {error}")
    results = json.loads(output.split("RESULT ", 1)[1])
    print(f"Dataset: {options.stack}, {options.size:,} articles ({dataset['status']})")
    print(f"rollup_views --days 8: {rollup:.1f} s")
    print(f"{'screen':<26} {'median ms':>10} {'of it SQL':>10} {'max ms':>8} {'queries':>8}")
    for name, figures in results.items():
        print(
            f"{name:<26} {figures['median_ms']:>10} {figures['sql_ms']:>10} "
            f"{figures['max_ms']:>8} {figures['queries']:>8}"
        )
    print(
        "load average before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(
            *load_before, *load_after
        )
    )


if __name__ == "__main__":
    main()
