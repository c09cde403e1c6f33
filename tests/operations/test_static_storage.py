"""Static files' addresses come from the manifest once, and follow a new one."""

import json

import pytest

from newsdesk.operations.storage import StaticFileStorage


def manifest_write(folder, paths):
    manifest = {"paths": paths, "version": "1.1", "hash": "test"}
    (folder / "staticfiles.json").write_text(json.dumps(manifest))


def test_addresses_are_the_manifests_and_remembered(tmp_path):
    manifest_write(tmp_path, {"css/site.css": "css/site.0123abcd.css"})
    storage = StaticFileStorage(location=tmp_path, base_url="/static/")
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    # Remembered: a later change to the loaded manifest is not read again...
    storage.hashed_files["css/site.css"] = "css/site.ffffffff.css"
    assert storage.url("css/site.css") == "/static/css/site.0123abcd.css"
    # ...until collectstatic writes a new one.
    list(storage.post_process({}, dry_run=True))
    storage.hashed_files["css/site.css"] = "css/site.ffffffff.css"
    assert storage.url("css/site.css") == "/static/css/site.ffffffff.css"


def test_an_unknown_name_is_refused_as_by_the_manifest(tmp_path):
    manifest_write(tmp_path, {})
    storage = StaticFileStorage(location=tmp_path, base_url="/static/")
    with pytest.raises(ValueError, match="css/missing.css"):
        storage.url("css/missing.css")
