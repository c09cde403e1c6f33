"""Uploaded pictures are checked and stored anew: no metadata, nothing hidden after them."""

import io

import pytest
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.images import get_image_model

Image = get_image_model()
GPS_TAG = 0x8825
TRAILER = b"<html><script>alert(document.cookie)</script></html>"


def camera_jpeg(orientation=1):
    """A JPEG as a phone writes it: EXIF with a location, an orientation; plus a trailer."""
    exif = PillowImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = orientation
    exif.get_ifd(GPS_TAG)[2] = (40.0, 10.0, 30.0)  # latitude
    buffer = io.BytesIO()
    PillowImage.new("RGB", (80, 40), (10, 120, 200)).save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue() + TRAILER


def stored_bytes(image):
    with image.file.open("rb") as stored:
        return stored.read()


@pytest.mark.django_db
def test_metadata_and_hidden_bytes_are_not_stored():
    image = Image.objects.create(title="photo", file=ImageFile(io.BytesIO(camera_jpeg()), "p.jpg"))
    data = stored_bytes(image)
    assert TRAILER not in data and b"PhoneMaker" not in data
    with PillowImage.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG" and stored.size == (80, 40)
        assert not stored.getexif()
    assert image.file_size == len(data)


@pytest.mark.django_db
def test_a_picture_taken_sideways_is_stored_upright():
    image = Image.objects.create(
        title="turned", file=ImageFile(io.BytesIO(camera_jpeg(orientation=6)), "t.jpg")
    )
    with PillowImage.open(io.BytesIO(stored_bytes(image))) as stored:
        assert stored.size == (40, 80)
    assert (image.width, image.height) == (40, 80)


def upload(admin_client, name, content, content_type="image/png"):
    return admin_client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def png(size=(60, 30)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (0, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_file_that_is_not_the_picture_it_claims_is_refused(admin_client, outlet):
    response = upload(admin_client, "trick.png", b"<script>alert(1)</script>" * 10)
    assert response.status_code == 200
    assert "Upload a valid image" in str(response.context["form"].errors["file"])
    assert not Image.objects.filter(title="trick.png").exists()


def test_a_picture_over_the_size_limit_is_refused(admin_client, outlet):
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1000):
        response = upload(admin_client, "big.png", png((400, 400)) + b"\0" * 2000)
    assert response.status_code == 200
    assert "This file is too big" in str(response.context["form"].errors["file"])
    assert not Image.objects.filter(title="big.png").exists()


def test_a_good_upload_is_stored(admin_client, outlet):
    response = upload(admin_client, "good.png", png())
    assert response.status_code == 302
    assert Image.objects.filter(title="good.png").exists()
