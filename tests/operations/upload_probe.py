"""An editor uploading pictures through the admin, in a process of its own so that the
requests run as in production (autocommit, no test transaction around them).

test_uploads.py runs it where the media folder is a tiny disk (a tmpfs in a private mount
namespace), or with the media on moto's S3-compatible server, which it stops (PROBE_STOP_PID)
after the first upload. Prints one JSON line: what each upload answered, what the database
and the store hold.
"""

import io
import json
import os
import signal
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image as PillowImage  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Collection  # noqa: E402


def png(size, seed):
    """A PNG of noise: it does not compress, so its size on disk is about size² × 3."""
    data = os.urandom(size * size * 3) if seed else bytes(size * size * 3)
    buffer = io.BytesIO()
    PillowImage.frombytes("RGB", (size, size), data).save(buffer, "PNG")
    return buffer.getvalue()


def media_files():
    """The files on the media disk (the S3 store is asked about single names instead)."""
    if os.environ.get("MEDIA_STORAGE") == "s3":
        return []
    root = Path(os.environ["MEDIA_ROOT"])
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def main():
    editor, _ = get_user_model().objects.get_or_create(
        username="upload-probe", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(editor)
    collection = Collection.get_first_root_node().id
    images = get_image_model().objects
    result = {"images_before": images.count(), "files_before": media_files()}

    def multiple(name, content):
        response = client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile(name, content, "image/png"), "collection": collection},
        )
        return {"status": response.status_code, "body": response.json()}

    result["small"] = multiple("small.png", png(40, seed=True))
    result["images_after_small"] = images.count()
    if result["small"]["body"].get("success"):
        image = images.get(pk=result["small"]["body"]["image_id"])
        rendition = image.get_rendition("fill-80x45")
        result["small_stored"] = default_storage.exists(image.file.name)
        result["rendition_stored"] = default_storage.exists(rendition.file.name)
        result["rendition_url"] = rendition.url
    if os.environ.get("PROBE_STOP_PID"):
        # The media store goes away.
        os.kill(int(os.environ["PROBE_STOP_PID"]), signal.SIGKILL)
        time.sleep(0.5)
    result["large"] = multiple("large.png", png(700, seed=True))
    response = client.post(
        "/admin/images/add/",
        {"title": "Too large", "collection": collection,
         "file": SimpleUploadedFile("single.png", png(700, seed=True), "image/png")},
        follow=True,
    )  # fmt: skip
    result["single"] = {
        "status": response.redirect_chain[0][1]
        if response.redirect_chain
        else response.status_code,
        # The add form again, with the message above it.
        "page_says_nothing_saved": "Nothing was saved" in response.content.decode(),
    }
    result["images_after"] = images.count()
    result["files_after"] = media_files()
    print("STACK-JSON", json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())
