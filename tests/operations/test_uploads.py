"""An editor's upload when the disk is full: a clear message, and nothing half-saved.

The media folder is a 300 KB tmpfs mounted in a private mount namespace (`unshare -m`), so
the disk that fills is real and nobody else's; the upload runs through the admin's views
(upload_probe.py) in that namespace.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from demo_site import ROOT, require_tool
from stack import JSON_MARK, stack_database

pytestmark = pytest.mark.stack
PROBE = Path(__file__).with_name("upload_probe.py")


def namespace_available():
    if shutil.which("unshare") is None:
        return False
    trial = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return trial.returncode == 0


def test_an_upload_to_a_full_disk_says_so_and_saves_nothing(clusters, tmp_path):
    require_tool(namespace_available(), "unshare -m (a private mount namespace) is not allowed")
    _primary, _replica, template = clusters
    media = tmp_path / "media"
    media.mkdir()
    with stack_database(template, MEDIA_ROOT=media) as (env, _database, _var_dir):
        script = (
            f'mount -t tmpfs -o size=300k tmpfs "{media}" && '
            f'exec "{sys.executable}" "{PROBE}"'
        )
        result = subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, cwd=ROOT,
                                capture_output=True, text=True, timeout=300)  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
    line = next(line for line in result.stdout.splitlines() if line.startswith(JSON_MARK))
    outcome = json.loads(line.split(" ", 1)[1])
    # A small picture fits: the upload path works on this disk.
    assert outcome["small"]["body"]["success"] is True
    assert outcome["images_after_small"] == outcome["images_before"] + 1
    # The large one does not: a clear message, and no image row, no file, no temporary file.
    assert outcome["large"]["status"] == 503
    assert outcome["large"]["body"]["success"] is False
    assert "could not be stored" in outcome["large"]["body"]["error_message"]
    assert "No space left on device" in outcome["large"]["body"]["error_message"]
    assert outcome["single"]["status"] == 303
    assert outcome["single"]["page_says_nothing_saved"]
    assert outcome["images_after"] == outcome["images_after_small"]
    new_files = set(outcome["files_after"]) - set(outcome["files_before"])
    assert not any("large" in name or "single" in name or ".upload-" in name for name in new_files)
