"""Sharing cards: a 1200×630 picture per article, its title over its hero, with the logo.

A card is a Wagtail rendition of the hero picture made with one more image operation,
`socialcard-<article id>-<digest>` after `fill-1200x630`: Wagtail stores it like any other
rendition (made once, then read from the renditions table and the media folder). The
digest covers what the card shows (title, outlet name, logo), so an edited title makes a
new card and the old one is deleted.

Pages do not make the card while they render: `og:image` names `/cards/<id>-<d>.jpg`
(`d` a digest of the title, so social networks fetch the card again after an edit), and
the card is made on the first request for it. An uncached article render costs nothing
more, and only articles that are shared get a card.

Text is drawn with Pillow in a font from the machine (Debian's fonts-dejavu-core, which
covers Latin, Cyrillic and Armenian; `NEWSDESK_CARD_FONT` names another); nothing is
downloaded.
"""

import hashlib
import textwrap
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont
from wagtail.images.image_operations import FilterOperation
from willow.plugins.pillow import PillowImage

CARD_WIDTH, CARD_HEIGHT = 1200, 630
# Bump when the drawing changes: every card is then made again on its next request.
CARD_VERSION = "1"
OPERATION = "socialcard"
MARGIN = 64
TITLE_SIZES = (64, 56, 48, 42)
TITLE_MAX_LINES = 4
LOGO_MAX = (320, 72)
ACCENT = (200, 30, 40)
JPEG_QUALITY = 84


def digest(*parts):
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def title_digest(title):
    """The part of a card's address that changes with the title."""
    return digest(CARD_VERSION, title)[:8]


def card_path(article):
    """The site path of an article's card (None without a hero picture)."""
    if not article.hero_image_id:
        return None
    return card_path_of(article.pk, article.title)


@lru_cache(maxsize=4096)
def card_path_of(article_id, title):
    # Remembered: an article page asks twice (its og:image, its JSON-LD), 19 µs each time.
    # The address names no language, so it is the same in every edition.
    return reverse("social_card", args=[article_id, title_digest(title)])


def card_spec(article, outlet_name, logo_id):
    """The rendition filter of an article's card as it should be now."""
    shown = digest(CARD_VERSION, article.title, outlet_name, logo_id or "")
    return (
        f"fill-{CARD_WIDTH}x{CARD_HEIGHT}|{OPERATION}-{article.pk}-{shown}"
        f"|format-jpeg|jpegquality-{JPEG_QUALITY}"
    )


def font(size):
    path = Path(settings.NEWSDESK_CARD_FONT)
    if not path.exists():
        raise ImproperlyConfigured(
            f"NEWSDESK_CARD_FONT: no font at {path} (apt-get install fonts-dejavu-core)"
        )
    return ImageFont.truetype(str(path), size)


def wrapped_title(draw, title, width):
    """The title in lines that fit `width`, at the largest size that needs few enough lines."""
    for size in TITLE_SIZES:
        face = font(size)
        average = draw.textlength("abcdefghijklmnopqrstuvwxyz", font=face) / 26
        lines = textwrap.wrap(title, width=max(8, int(width / average)))
        while lines and max(draw.textlength(line, font=face) for line in lines) > width:
            lines = textwrap.wrap(title, width=max(8, len(max(lines, key=len)) - 2))
        if len(lines) <= TITLE_MAX_LINES:
            return face, lines
    lines = lines[:TITLE_MAX_LINES]
    lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return face, lines


def card_draw(picture, title, outlet_name, logo=None):
    """Draw the card on a 1200×630 RGB picture: a shade, the title, the logo or name."""
    card = picture.convert("RGB")
    # `fill` crops to the card's shape but never enlarges a small picture: this does.
    if card.size != (CARD_WIDTH, CARD_HEIGHT):
        card = card.resize((CARD_WIDTH, CARD_HEIGHT), Image.Resampling.LANCZOS)
    # Darker towards the bottom, where the title stands, so white text reads on any photo.
    shade = Image.new("L", (1, CARD_HEIGHT))
    for y in range(CARD_HEIGHT):
        shade.putpixel((0, y), int(40 + 180 * (y / CARD_HEIGHT) ** 1.5))
    black = Image.new("RGB", card.size, (0, 0, 0))
    card = Image.composite(black, card, shade.resize(card.size))
    draw = ImageDraw.Draw(card)
    face, lines = wrapped_title(draw, title, CARD_WIDTH - 2 * MARGIN)
    line_height = int(face.size * 1.2)
    y = CARD_HEIGHT - MARGIN - line_height * len(lines)
    draw.rectangle((MARGIN, y - 28, MARGIN + 96, y - 20), fill=ACCENT)
    for line in lines:
        draw.text((MARGIN, y), line, font=face, fill=(255, 255, 255))
        y += line_height
    if logo is not None:
        logo = logo.convert("RGBA")
        logo.thumbnail(LOGO_MAX)
        card.paste(logo, (MARGIN, MARGIN), logo)
    else:
        draw.text((MARGIN, MARGIN), outlet_name, font=font(36), fill=(255, 255, 255))
    return card


class SocialCardOperation(FilterOperation):
    """`socialcard-<article id>-<digest>`: draws that article's card on the picture."""

    def construct(self, article_id, shown_digest):
        self.article_id = int(article_id)
        self.shown_digest = shown_digest

    def run(self, willow, image, env):
        # Looked up here, when a card is made, so the filter names only the article.
        from newsdesk.articles.models import ArticlePage
        from newsdesk.editions.editions import edition_settings
        from newsdesk.editions.models import OutletSettings

        article = ArticlePage.objects.select_related("locale").get(pk=self.article_id)
        outlet_name = edition_settings(article.locale).outlet_name
        logo_image = OutletSettings.load().logo
        logo = None
        if logo_image is not None:
            with logo_image.open_file() as source:
                logo = Image.open(source)
                logo.load()
        # Wagtail's images go through Willow's Pillow backend: `.image` is the Pillow picture.
        return PillowImage(card_draw(willow.image, article.title, outlet_name, logo))


def card_rendition(article, outlet_name, logo_id):
    """The article's current card as a rendition of its hero, made when missing.

    A card made for an older title (or logo) is deleted when its successor is made.
    """
    spec = card_spec(article, outlet_name, logo_id)
    image = article.hero_image
    rendition = image.get_rendition(spec)
    prefix = f"fill-{CARD_WIDTH}x{CARD_HEIGHT}|{OPERATION}-{article.pk}-"
    outdated = image.renditions.filter(filter_spec__startswith=prefix).exclude(filter_spec=spec)
    for old in outdated:
        old.file.delete(save=False)
        old.delete()
    return rendition
