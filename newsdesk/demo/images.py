"""Pictures for the demo, drawn with Pillow: abstract hero images and faceless portraits.

A small pool is drawn once and reused by every article, so a big demo load stays fast and
the media folder stays small; a second run finds the pool by its collection and reuses it.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Collection

HERO_SIZE = (1600, 900)
PORTRAIT_SIZE = (600, 600)
HERO_POOL_SIZE = 32
PORTRAIT_POOL_SIZE = 12
COLLECTION_NAME = "Demo pictures"
HERO_TITLE = "Demo hero"
PORTRAIT_TITLE = "Demo portrait"

# Muted newsroom colours, picked in pairs for the background gradients.
PALETTE = [
    (28, 46, 74),
    (192, 86, 33),
    (233, 180, 76),
    (64, 121, 140),
    (112, 48, 70),
    (46, 94, 67),
    (214, 209, 196),
    (80, 70, 140),
    (160, 40, 40),
    (20, 24, 30),
]


def gradient(size, top, bottom):
    """A vertical two-colour gradient; Pillow's own gradient avoids a per-pixel Python loop."""
    mask = PillowImage.linear_gradient("L").resize(size)
    return PillowImage.composite(
        PillowImage.new("RGB", size, bottom), PillowImage.new("RGB", size, top), mask
    )


def draw_hero(rng):
    """An abstract 16:9 picture: a gradient with translucent circles, bands and triangles."""
    width, height = HERO_SIZE
    top, bottom = rng.sample(PALETTE, 2)
    picture = gradient(HERO_SIZE, top, bottom).convert("RGBA")
    shapes = PillowImage.new("RGBA", HERO_SIZE)
    pen = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(6, 12)):
        colour = (*rng.choice(PALETTE), rng.randint(60, 170))
        kind = rng.choice(("circle", "band", "triangle"))
        x, y = rng.randint(-200, width), rng.randint(-200, height)
        extent = rng.randint(120, 700)
        if kind == "circle":
            pen.ellipse((x, y, x + extent, y + extent), fill=colour)
        elif kind == "band":
            pen.polygon(
                [(x, 0), (x + extent // 3, 0), (x + extent, height), (x + extent // 2, height)],
                fill=colour,
            )
        else:
            pen.polygon(
                [(x, y), (x + extent, y + extent // 2), (x, y + extent)],
                fill=colour,
            )
    picture = PillowImage.alpha_composite(picture, shapes.filter(ImageFilter.GaussianBlur(2)))
    return picture.convert("RGB")


def draw_portrait(rng):
    """A faceless head-and-shoulders silhouette on a soft background, like a placeholder photo."""
    width, height = PORTRAIT_SIZE
    background, figure = rng.sample(PALETTE, 2)
    picture = gradient(PORTRAIT_SIZE, background, (240, 236, 228))
    pen = ImageDraw.Draw(picture)
    pen.ellipse((width * 0.15, height * 0.62, width * 0.85, height * 1.3), fill=figure)
    pen.ellipse((width * 0.32, height * 0.2, width * 0.68, height * 0.62), fill=figure)
    return picture


def as_jpeg(picture, name):
    """Encode a Pillow picture as a JPEG file Django can store."""
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return ImageFile(buffer, name=name)


def demo_collection():
    """The collection holding the demo pictures, so editors can find (and drop) them together."""
    found = Collection.objects.filter(name=COLLECTION_NAME).first()
    if found:
        return found
    return Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def picture_pool(rng, title, count, draw, alt_texts):
    """The pool of demo pictures with this title, drawing those still missing."""
    image_model = get_image_model()
    collection = demo_collection()
    pool = list(
        image_model.objects.filter(collection=collection, title__startswith=title).order_by("pk")
    )
    for number in range(len(pool) + 1, count + 1):
        slug = title.lower().replace(" ", "-")
        image = image_model(
            title=f"{title} {number}",
            description=rng.choice(alt_texts),
            collection=collection,
            file=as_jpeg(draw(rng), f"{slug}-{number:02d}.jpg"),
        )
        image.save()
        pool.append(image)
    return pool[:count]


def hero_pool(rng):
    """The pictures articles lead with."""
    return picture_pool(
        rng,
        HERO_TITLE,
        HERO_POOL_SIZE,
        draw_hero,
        ["Abstract shapes in muted colours", "Overlapping circles and bands of colour"],
    )


def portrait_pool(rng):
    """The placeholder photos of the demo people."""
    return picture_pool(
        rng,
        PORTRAIT_TITLE,
        PORTRAIT_POOL_SIZE,
        draw_portrait,
        ["Placeholder portrait: a silhouette"],
    )
