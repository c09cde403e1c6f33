"""Lighthouse's four scores for home, section and article pages in every edition (`make audit`).

Starts the production server on a fresh demo database, as the test suite does, runs Lighthouse
(phone profile, Debian's chromium) on each page one at a time, so that the performance figure
is not skewed by another run, and prints a table of scores. Exits non-zero when a page misses
the issue's bar: 100 for accessibility, best practices and SEO, and 95 for performance.

    .venv/bin/python bench/audit.py [--url http://127.0.0.1:8000] [--articles 600]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from demo_site import (  # noqa: E402 - the shared test helpers live under tests/
    CHROMIUM,
    LIGHTHOUSE,
    discover,
    lighthouse,
    lighthouse_failures,
    lighthouse_scores,
    serve_demo_site,
)

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGE_TYPES = ("home", "section", "article")


def audit(base_url):
    """Run Lighthouse on every page; print one row per page as it finishes; return the rows."""
    pages = discover(base_url).all_pages(PAGE_TYPES)
    header = f"{'page':<14}" + "".join(f"{category:>16}" for category in CATEGORIES)
    print(header)
    print("-" * len(header))
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-lighthouse-") as output_dir:
        for language, page_type, url in pages:
            report = lighthouse(url, CATEGORIES, output_dir, f"{language}-{page_type}")
            scores = lighthouse_scores(report)
            name = f"{language} {page_type}"
            print(f"{name:<14}" + "".join(f"{str(scores[c]):>16}" for c in CATEGORIES), flush=True)
            rows.append((name, url, scores, report))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="audit a site already running here instead of a fresh one")
    parser.add_argument("--articles", type=int, default=600, help="demo articles to load")
    args = parser.parse_args()
    for tool, hint in (
        (LIGHTHOUSE, "run `make test-tools`"),
        (CHROMIUM, "apt-get install chromium"),
    ):
        if not tool.exists():
            sys.exit(f"audit: {tool} is missing; {hint}")
    started = time.monotonic()
    if args.url:
        rows = audit(args.url.rstrip("/"))
    else:
        print(f"Starting the server on a fresh database with {args.articles} demo articles…")
        with serve_demo_site(articles=args.articles) as base_url:
            rows = audit(base_url)
    print(f"\n{len(rows)} pages audited in {time.monotonic() - started:.0f} s")
    below = []
    for name, url, scores, report in rows:
        for category in CATEGORIES:
            if scores[category] is None or scores[category] < MINIMUM[category]:
                failures = lighthouse_failures(report, category)
                below.append(f"{name} {category} {scores[category]} ({url}): {failures[:5]}")
    if below:
        print("Below the bar:\n  " + "\n  ".join(below))
        sys.exit(1)
    print("Every page meets the bar.")


if __name__ == "__main__":
    main()
