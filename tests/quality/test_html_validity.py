"""The Nu Html Checker finds no error on any page type in any edition."""

import json
import shutil
import subprocess

import pytest
from demo_site import PAGE_TYPES, VNU_JAR, fetch, require_tool

pytestmark = pytest.mark.quality

EXPECTED_STATUS = {"not_found": 404}


def test_every_page_type_is_valid_html(site_pages, tmp_path):
    require_tool(shutil.which("java"), "java is not installed")
    require_tool(VNU_JAR.exists(), f"the Nu Html Checker is not installed at {VNU_JAR}")
    files = {}
    for language, page_type, url in site_pages.all_pages(PAGE_TYPES):
        status, html = fetch(url)
        assert status == EXPECTED_STATUS.get(page_type, 200), f"{url} answered {status}"
        path = tmp_path / f"{language}-{page_type}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = url
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *sorted(files)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report to stderr, and exits 1 when it found an error.
    messages = json.loads(result.stderr)["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(
        f"- {files.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))} "
        f"line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()[:120]}]"
        for m in errors
    )
