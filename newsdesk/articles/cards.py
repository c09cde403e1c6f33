"""Story cards, the most repeated thing on the site, kept rendered one by one.

A card shows a story's picture, section, title and time: the same HTML on every page that
lists the story, in one edition's language. Pages pass the ids of the stories they list;
the cards found rendered cost no query, and the rest are fetched together and rendered.
"""

from django.apps import apps
from django.template.loader import get_template

from newsdesk.articles.keys import page_key
from newsdesk.editions.keys import image_key
from newsdesk.pagecache.cache import page_cache
from newsdesk.pagecache.fragments import fragment_get, fragment_put
from newsdesk.pagecache.keys import collecting, shows

CARD_TEMPLATE = "components/story_card.html"
# Cards change only through purges; the lifetime only bounds memory held by unread ones.
CARD_SECONDS = 6 * 60 * 60


def card_keys(story):
    """What a story card shows: the story, its section's title, its picture."""
    keys = [page_key(story.pk), page_key(story.section_id)]
    if story.hero_image_id:
        keys.append(image_key(story.hero_image_id))
    return keys


def story_cards(request, story_ids):
    """The card HTML of each story in `story_ids`, in the same order."""
    cards = {story_id: fragment_get("card", [story_id]) for story_id in story_ids}
    missing = [story_id for story_id, card in cards.items() if card is None]
    if missing:
        seq = page_cache().render_position()
        # Looked up by name: the models module imports this one.
        article_model = apps.get_model("articles", "ArticlePage")
        template = get_template(CARD_TEMPLATE)
        for story in article_model.objects.filter(pk__in=missing).order_by().for_cards():
            with collecting() as collected:
                shows(*card_keys(story))
                cards[story.pk] = template.render({"story": story, "request": request})
            fragment_put("card", [story.pk], cards[story.pk], collected, CARD_SECONDS, seq)
    return [cards[story_id] for story_id in story_ids if cards[story_id] is not None]
