"""manage.py backup and restore, round trip: every article, revision, image and count comes
back. The demo site's database is SQLite under `make test` (its online backup API) and
PostgreSQL under `make test-services` (pg_dump and pg_restore)."""

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

import pytest
import services
from demo_site import ROOT, using_services

FINGERPRINT = """
import hashlib, json
from django.core.files.storage import default_storage
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Revision
from newsdesk.articles.models import ArticlePage
from newsdesk.metrics.models import ViewTally
Image = get_image_model()

def digest(name):
    with default_storage.open(name, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()

print("FINGERPRINT", json.dumps({
    "articles": sorted([a.pk, a.title, a.url_path, a.live, a.view_count, a.latest_revision_id]
                       for a in ArticlePage.objects.all()),
    "revisions": hashlib.sha256(json.dumps(sorted(
        [r.pk, r.object_id, r.content] for r in Revision.objects.all()), default=str,
        sort_keys=True).encode()).hexdigest(),
    "revision_count": Revision.objects.count(),
    "images": sorted([i.pk, i.file.name, digest(i.file.name)] for i in Image.objects.all()),
    "renditions": sorted([r.pk, r.file.name, digest(r.file.name)] for r in Rendition.objects.all()),
    "tallies": sorted([t.article_id, str(t.hour), t.views] for t in ViewTally.objects.all()),
}, default=str))
"""


def manage(env, *args):
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def fingerprint(env):
    result = manage(env, "shell", "-c", FINGERPRINT)
    assert result.returncode == 0, result.stderr[-2000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith("FINGERPRINT "))
    return json.loads(line.split(" ", 1)[1])


@pytest.fixture
def restore_target(running_demo_site):
    """The environment of an empty site (database and media) to restore into."""
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-restore-"))
    env = {**running_demo_site.env, "NEWSDESK_VAR_DIR": str(folder)}
    env.pop("MEDIA_ROOT", None)
    name = "newsdesk_restore_" + folder.name.split("-")[-1].lower()
    if using_services():
        services.database_create(name, drop_first=True)
        env["DATABASE_URL"] = services.database_url(name)
        env["CACHE_KEY_PREFIX"] = name
    try:
        yield env
    finally:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        if using_services():
            services.database_drop(name)


def view(site, article_id):
    request = urllib.request.Request(f"{site.base_url}/views/{article_id}/", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["views"]


@pytest.fixture(scope="module")
def backed_up(running_demo_site, tmp_path_factory):
    """(the backup of the demo site, what the site held): made once for this module's tests."""
    site = running_demo_site
    first = fingerprint(site.env)["articles"][0][0]
    for _ in range(5):
        view(site, first)
    archive = tmp_path_factory.mktemp("backup") / "newsdesk.tar"
    result = manage(site.env, "backup", str(archive), "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"Backed up to {archive}" in result.stdout
    return archive, fingerprint(site.env)


def test_a_backup_restores_every_article_revision_image_and_count(backed_up, restore_target):
    archive, source = backed_up
    assert source["images"] and source["renditions"] and source["revision_count"]
    # Views counted just before (buffered) are in the backup: it flushes the buffer first.
    assert sum(article[4] for article in source["articles"]) >= 5

    result = manage(restore_target, "restore", str(archive), "--no-progress")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "every count matches" in result.stdout
    assert fingerprint(restore_target) == source


def test_bad_backups_and_restores_say_why_and_change_nothing(
    running_demo_site, backed_up, restore_target, tmp_path
):
    site = running_demo_site
    archive, _source = backed_up
    again = manage(site.env, "backup", str(archive), "--no-progress")
    assert again.returncode != 0 and "exists already" in again.stderr

    missing = manage(restore_target, "restore", str(tmp_path / "nothing.tar"))
    assert missing.returncode != 0 and "no such file" in missing.stderr

    not_tar = tmp_path / "notes.txt"
    not_tar.write_text("not a backup")
    result = manage(restore_target, "restore", str(not_tar))
    assert result.returncode != 0 and "not a newsdesk backup" in result.stderr

    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("database."):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    result = manage(restore_target, "restore", str(damaged))
    assert result.returncode != 0 and "damaged" in result.stderr

    # The site's own database holds articles: replacing it takes --force.
    result = manage(site.env, "restore", str(archive))
    assert result.returncode != 0 and "--force" in result.stderr
    assert os.path.exists(archive)
