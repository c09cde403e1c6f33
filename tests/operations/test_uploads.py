"""An editor's upload when the media store cannot take it: a clear message, nothing saved.

Two real failures: the disk is full (the media folder is a 300 KB tmpfs mounted in a
private mount namespace, `unshare -m`, so the disk that fills is nobody else's), and the
S3-compatible store (moto's server, on a free port) goes away. The uploads run through the
admin's views in a process of their own (upload_probe.py), with no test transaction.
"""

import json
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from demo_site import ROOT, free_port, require_tool
from stack import JSON_MARK, stack_database

pytestmark = pytest.mark.stack
PROBE = Path(__file__).with_name("upload_probe.py")
BUCKET = "newsdesk-test-media"


def namespace_available():
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


def probe_outcome(command, env):
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith(JSON_MARK))
    return json.loads(line.split(" ", 1)[1])


def assert_failed_cleanly(outcome, reason):
    # A small picture went in first: the upload path works with this store.
    assert outcome["small"]["body"]["success"] is True
    assert outcome["images_after_small"] == outcome["images_before"] + 1
    assert outcome["small_stored"] and outcome["rendition_stored"]
    # Then the store failed: a clear message, no image row.
    assert outcome["large"]["status"] == 503
    assert outcome["large"]["body"]["success"] is False
    assert "could not be stored" in outcome["large"]["body"]["error_message"]
    assert reason in outcome["large"]["body"]["error_message"]
    assert outcome["single"]["status"] == 303
    assert outcome["single"]["page_says_nothing_saved"]
    assert outcome["images_after"] == outcome["images_after_small"]


def test_an_upload_to_a_full_disk_says_so_and_saves_nothing(clusters, tmp_path):
    require_tool(namespace_available(), "unshare -m (a private mount namespace) is not allowed")
    _primary, _replica, template = clusters
    media = tmp_path / "media"
    media.mkdir()
    with stack_database(template, MEDIA_ROOT=media) as (env, _database, _var_dir):
        script = f'mount -t tmpfs -o size=300k tmpfs "{media}" && exec "{sys.executable}" "{PROBE}"'
        outcome = probe_outcome(["unshare", "-m", "sh", "-c", script], env)
    assert_failed_cleanly(outcome, "No space left on device")
    # No partly written picture, and no temporary file, is left on the disk.
    new_files = set(outcome["files_after"]) - set(outcome["files_before"])
    assert not any("large" in name or "single" in name or ".upload-" in name for name in new_files)


def test_media_on_an_s3_store_and_an_upload_when_it_goes_away(clusters):
    import boto3

    _primary, _replica, template = clusters
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "moto did not start"
                time.sleep(0.2)
        keys = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                "AWS_DEFAULT_REGION": "us-east-1"}  # fmt: skip
        boto3.client("s3", endpoint_url=url, **{
            "aws_access_key_id": "test", "aws_secret_access_key": "test",
            "region_name": "us-east-1"}).create_bucket(Bucket=BUCKET)  # fmt: skip
        with stack_database(template, MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME=BUCKET,
                            AWS_S3_ENDPOINT_URL=url, PROBE_STOP_PID=server.pid,
                            **keys) as (env, _database, _var_dir):  # fmt: skip
            outcome = probe_outcome([sys.executable, str(PROBE)], env)
    finally:
        server.kill()
        server.wait(timeout=10)
    assert outcome["rendition_url"].startswith(f"{url}/{BUCKET}/")
    assert_failed_cleanly(outcome, "Could not connect")
