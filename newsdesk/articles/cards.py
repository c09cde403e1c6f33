"""Story cards, the most repeated thing on the site, kept rendered one by one.

A card shows a story's picture, section, title and time: the same HTML on every page that
lists the story, in one edition's language. Pages pass the ids of the stories they list;
the cards found rendered cost no query, and the rest are read together and rendered.

The cards not yet rendered are read as a few columns in one prepared query; the section,
the picture and its renditions come from what this process remembers, and the address is
placed under the edition's home. Through the ORM (select_related, the picture and its
renditions prefetched, Wagtail's srcset_image and pageurl tags) the unrendered cards of an
article page cost about twice as many instructions (bench/render_count.py, cold against
warm cards: see docs/benchmarks.md).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.apps import apps
from django.template.loader import get_template

from newsdesk.articles.keys import page_key
from newsdesk.articles.pictures import Picture, pictures_by_image, pictures_of
from newsdesk.editions.editions import edition_home_urls, language_code_of, url_under_home
from newsdesk.editions.keys import image_key
from newsdesk.pagecache.cache import page_cache
from newsdesk.pagecache.fragments import fragment_get, fragment_put
from newsdesk.pagecache.keys import collecting, shows
from newsdesk.prepared import PreparedQuery

CARD_TEMPLATE = "components/story_card.html"
# Cards change only through purges; the lifetime only bounds memory held by unread ones.
CARD_SECONDS = 6 * 60 * 60
# A card's picture at the widths its srcset offers (480w, 960w).
CARD_RENDITIONS = ["fill-480x270|format-webp", "fill-960x540|format-webp"]


@dataclass(frozen=True)
class Card:
    """What a story card shows, worked out before its template renders."""

    title: str
    url: str
    published_at: datetime
    section_title: str | None
    small: Picture | None
    large: Picture | None


def card_keys(story):
    """What a story card shows: the story, its section's title, its picture."""
    keys = [page_key(story.pk), page_key(story.section_id)]
    if story.hero_image_id:
        keys.append(image_key(story.hero_image_id))
    return keys


@cache
def card_stories_query():
    # Looked up by name: the models module imports this one.
    article_model = apps.get_model("articles", "ArticlePage")
    return PreparedQuery(
        article_model,
        lambda *story_ids: (
            article_model.objects.filter(pk__in=story_ids)
            .order_by()
            .only("title", "url_path", "locale_id", "section_id", "hero_image_id", "published_at")
        ),
    )


def related_loaded(story, field_name):
    """The story's related object when a query already read it (select_related, a
    prefetch), else None; never a query of its own."""
    field = story._meta.get_field(field_name)
    return getattr(story, field_name) if field.is_cached(story) else None


def cards_of(stories, request):
    """{story id: Card} of these articles. The sections and pictures they show come with
    them when already read (a front page's lists), else from this process's memory, else
    in one query for all the cards."""
    sections = {story.section_id: related_loaded(story, "section") for story in stories}
    images = {story.hero_image_id: related_loaded(story, "hero_image") for story in stories}
    section_model = apps.get_model("articles", "SectionPage")
    sections |= section_model.remembered_many(
        [pk for pk, section in sections.items() if pk and section is None]
    )
    pictures = {pk: pictures_of(image, CARD_RENDITIONS) for pk, image in images.items() if image}
    pictures |= pictures_by_image(
        [pk for pk, image in images.items() if pk and image is None], CARD_RENDITIONS
    )
    homes = edition_home_urls(request)
    cards = {}
    for story in stories:
        section = sections.get(story.section_id)
        small, large = pictures.get(story.hero_image_id) or (None, None)
        url = url_under_home(story.url_path, language_code_of(story.locale_id), homes)
        cards[story.pk] = Card(
            title=story.title,
            url=url if url is not None else story.get_url(request),
            published_at=story.published_at,
            section_title=section.title if section is not None else None,
            small=small,
            large=large,
        )
    return cards


def cards_rendered(request, stories):
    """{story id: card HTML} of these articles, rendered now and kept as fragments."""
    seq = page_cache().render_position()
    template = get_template(CARD_TEMPLATE)
    made = cards_of(stories, request)
    rendered = {}
    for story in stories:
        with collecting() as collected:
            shows(*card_keys(story))
            rendered[story.pk] = template.render({"card": made[story.pk]})
        fragment_put("card", [story.pk], rendered[story.pk], collected, CARD_SECONDS, seq)
    return rendered


def kept_or_rendered(request, story_ids, stories_of):
    """The card HTML of each story in `story_ids`, in order: kept ones from the fragment
    cache, the rest rendered from `stories_of(missing ids)`; stories it does not return
    are left out."""
    cards = {story_id: fragment_get("card", [story_id]) for story_id in story_ids}
    missing = [story_id for story_id, card in cards.items() if card is None]
    if missing:
        cards.update(cards_rendered(request, stories_of(missing)))
    return [cards[story_id] for story_id in story_ids if cards[story_id] is not None]


def story_cards(request, story_ids):
    """The card HTML of each story in `story_ids`, in the same order."""
    return kept_or_rendered(
        request, story_ids, lambda missing: card_stories_query().objects(*missing)
    )


def listed_cards(request, stories):
    """The card HTML of articles a page has already read (a front page's lists), in order."""
    by_id = {story.pk: story for story in stories}
    return kept_or_rendered(request, list(by_id), lambda missing: [by_id[pk] for pk in missing])
