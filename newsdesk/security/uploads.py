"""Uploaded pictures are stored as Pillow writes them anew, never as the bytes that came.

Wagtail's upload form already refuses files that are too large, too many pixels, or not
the image their name says. Writing the picture out again also drops what no page should
hand on: camera and location metadata, and anything hidden after or inside the image data
(a file that is both a picture and a page of script). The orientation a camera recorded is
applied first, so the picture still stands the right way up.
"""

import io

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image, ImageOps
from wagtail.images import get_image_model

# Formats written out again, and how; others (an animated GIF, AVIF) are stored as Wagtail
# checked them. "keep" reuses a JPEG's own quantisation: no second loss of quality.
REENCODE = {"JPEG": {"quality": "keep"}, "PNG": {}, "WEBP": {"quality": 90}}
ORIENTATION_TAG = 0x0112


def reencoded(data):
    """(bytes, format) of the picture written out again, or None for a format left as it is."""
    with Image.open(io.BytesIO(data)) as picture:
        picture_format = picture.format
        if picture_format not in REENCODE or getattr(picture, "is_animated", False):
            return None
        options = dict(REENCODE[picture_format])
        if picture.info.get("icc_profile"):
            options["icc_profile"] = picture.info["icc_profile"]  # colours, not metadata
        upright = picture
        if picture.getexif().get(ORIENTATION_TAG, 1) != 1:
            upright = ImageOps.exif_transpose(picture)
            if picture_format == "JPEG":
                options["quality"] = 92  # turned: a new image, no quantisation to keep
        output = io.BytesIO()
        upright.save(output, format=picture_format, **options)
    return output.getvalue(), picture_format


def image_uploaded(sender, instance, **kwargs):
    """Before a new picture's file is stored, replace its content with a clean copy."""
    upload = instance.file
    if not upload or getattr(upload, "_committed", True):
        return
    upload.seek(0)
    data = upload.read()
    clean = reencoded(data)
    upload.seek(0)
    if clean is None:
        return
    instance.file = ContentFile(clean[0], name=upload.name)
    instance.file_size = len(clean[0])
    instance.file_hash = ""  # worked out again from the new bytes when first asked


def connect():
    pre_save.connect(image_uploaded, sender=get_image_model(), dispatch_uid="newsdesk-uploads")
