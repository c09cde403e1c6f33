"""Lighthouse (phone profile) scores home, section and article pages 100 for accessibility,
best practices and SEO in every edition. Performance is a timing figure: `make audit` reports it.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from demo_site import (
    CHROMIUM,
    LIGHTHOUSE,
    edition_languages,
    lighthouse,
    lighthouse_failures,
    lighthouse_scores,
    require_tool,
)

pytestmark = pytest.mark.quality

CATEGORIES = ("accessibility", "best-practices", "seo")
PAGE_TYPES = ("home", "section", "article")
# Runs at once: Lighthouse spends much of a run waiting on the page, and these three categories
# do not depend on timing, so a little overlap shortens the suite without changing a score.
PARALLEL_RUNS = 3


@pytest.fixture(scope="module")
def lighthouse_reports(site_pages, tmp_path_factory):
    """{(language, page type): Lighthouse report}, all nine runs made once, a few at a time."""
    require_tool(LIGHTHOUSE.exists(), f"Lighthouse is not installed at {LIGHTHOUSE}")
    require_tool(CHROMIUM.exists(), f"chromium is not installed at {CHROMIUM}")
    output_dir = tmp_path_factory.mktemp("lighthouse")
    pages = site_pages.all_pages(PAGE_TYPES)
    with ThreadPoolExecutor(max_workers=PARALLEL_RUNS) as pool:
        futures = {
            (language, page_type): pool.submit(
                lighthouse, url, CATEGORIES, output_dir, f"{language}-{page_type}"
            )
            for language, page_type, url in pages
        }
        return {key: future.result() for key, future in futures.items()}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("language", edition_languages())
def test_lighthouse_scores_100(lighthouse_reports, language, page_type):
    report = lighthouse_reports[(language, page_type)]
    scores = lighthouse_scores(report)
    problems = [
        f"{category} {scores[category]}: " + "; ".join(lighthouse_failures(report, category))
        for category in CATEGORIES
        if scores[category] != 100
    ]
    assert not problems, f"{language} {page_type} {report['finalDisplayedUrl']}\n" + "\n".join(
        problems
    )
