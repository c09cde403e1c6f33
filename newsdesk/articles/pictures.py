"""Pictures as pages show them: the address and size of each rendition, remembered.

Asking Wagtail for a picture's renditions parses each size's filter and reads its cache
on every call: for an article's hero and body pictures, a third of the page's work outside
the templates. The answer changes only when the picture does (its key is announced then),
so each process remembers it.
"""

from dataclasses import dataclass

from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_renditions_or_not_found

from newsdesk.editions.keys import REMEMBER_SECONDS, image_key
from newsdesk.pagecache.cache import remembered, remembered_many


@dataclass(frozen=True)
class Picture:
    """One rendition of a picture: its address and size."""

    url: str
    width: int
    height: int


def pictures_made(image, specs):
    """The picture's renditions for `specs` as Pictures, made when they do not exist yet
    (from the renditions prefetched with the image when there are any). A picture whose
    file is gone gives Wagtail's "not-found" renditions, as its image tags do, so one
    missing file does not take down every page that lists the story."""
    made = get_renditions_or_not_found(image, specs)
    return [Picture(made[spec].url, made[spec].width, made[spec].height) for spec in specs]


def pictures_of(image, specs):
    """The picture's renditions for `specs` (made when they do not exist yet), in order."""
    return remembered(
        f"pictures:{image.pk}:{'|'.join(specs)}",
        lambda: pictures_made(image, specs),
        keys=[image_key(image.pk)],
        seconds=REMEMBER_SECONDS,
    )


def pictures_by_image(image_ids, specs):
    """{image id: its renditions for `specs`} for pictures known only by id (a list of story
    cards): those this process does not remember are read in one query with their
    renditions, where one each would cost two."""

    def read(missing):
        images = get_image_model().objects.prefetch_renditions(*specs).in_bulk(missing)
        return {pk: (pk, pictures_made(image, specs)) for pk, image in images.items()}

    found = remembered_many(
        f"pictures-by-id:{'|'.join(specs)}",
        image_ids,
        read,
        lambda value: [image_key(value[0])],
        REMEMBER_SECONDS,
    )
    return {pk: pictures for pk, (_pk, pictures) in found.items()}


def image_remembered(image_id):
    """A picture as this process remembers it (pages show the same pictures again and again)."""
    return remembered(
        f"image:{image_id}",
        lambda: get_image_model().objects.get(pk=image_id),
        keys=[image_key(image_id)],
        seconds=REMEMBER_SECONDS,
    )
