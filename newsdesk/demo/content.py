"""Filling a database with an invented outlet's demo content in every edition.

The entry point is `demo_content_seed`; `manage.py seed_demo` is a thin wrapper around it.
"""

import random
from dataclasses import dataclass
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage
from newsdesk.demo.articles import (
    StoryComposer,
    TreePlacer,
    bulk_saving,
    plan_stories,
    save_drafts,
    story_drafts,
)
from newsdesk.demo.images import hero_pool, portrait_pool
from newsdesk.demo.outlet import brand_setup, people_setup, section_setup, tag_setup
from newsdesk.demo.vocabulary import FAKER_LOCALES
from newsdesk.demo.writing import Writer
from newsdesk.newsroom.setup import outlet_setup
from newsdesk.pagecache.keys import EVERYTHING, announce_change

MAX_ARTICLES = 1_000_000
DEFAULT_SEED = 1
# Articles saved per transaction: large enough to amortise the commit, small enough for memory.
BATCH_SIZE = 300


@dataclass
class DemoOutlet:
    """The invented outlet's cast and settings, ready for stories to be written."""

    locales: dict  # language code -> Locale
    writers: dict  # language code -> Writer
    sections: dict
    heroes: list
    cast: object
    tags: dict

    @property
    def languages(self):
        return list(self.locales)


def demo_outlet_setup(rng, seed):
    """Make (or find) the demo outlet's wording, sections, pictures, people and tags.

    Shared by the demo loader and the benchmark's bulk loader; draws from `rng` in a fixed
    order, so the same seed gives the same outlet. Raises ValueError without a demo edition.
    """
    locales = demo_languages()
    if not locales:
        raise ValueError("no configured edition has demo words (en, ru or hy)")
    languages = list(locales)
    writers = {code: Writer(code, rng.getrandbits(32)) for code in languages}
    with transaction.atomic():
        brand_setup(locales)
        sections = section_setup(locales, languages[0])
        heroes = hero_pool(rng)
        cast = people_setup(rng, locales, portrait_pool(rng), seed)
        tags = tag_setup(locales)
    return DemoOutlet(locales, writers, sections, heroes, cast, tags)


@dataclass
class SeedResult:
    """What a run did, for the command to report."""

    created: int
    translations: int
    total: int


def demo_languages():
    """The configured editions the demo can write for, the default edition first."""
    configured = [code for code, _name in settings.NEWSDESK_EDITIONS if code in FAKER_LOCALES]
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return {code: locales[code] for code in configured if code in locales}


def demo_content_seed(article_count, seed=DEFAULT_SEED, show_progress=True):
    """Make sure the database holds at least `article_count` articles across the editions.

    Runs `outlet_setup()` first, then adds only what is missing, so running it again with the
    same arguments adds nothing. The same seed writes the same stories (dates are relative to
    now). Raises ValueError for a count outside 1..MAX_ARTICLES.
    """
    if not 1 <= article_count <= MAX_ARTICLES:
        raise ValueError(f"the number of articles must be between 1 and {MAX_ARTICLES:,}")
    outlet_setup()
    existing = ArticlePage.objects.count()
    if existing >= article_count:
        return SeedResult(created=0, translations=0, total=existing)
    # Seeded with what exists too, so topping up writes new stories, not the same ones again.
    rng = random.Random(f"{seed}:{existing}")
    now = timezone.now()
    outlet = demo_outlet_setup(rng, seed)
    languages = outlet.languages
    composer = StoryComposer(
        rng, outlet.writers, outlet.sections, outlet.cast, outlet.tags, outlet.heroes
    )
    placer = TreePlacer([section for code in languages for section in outlet.sections[code]])
    plans = plan_stories(rng, article_count - existing, languages, now)
    pending = story_drafts(rng, composer, plans, now)

    created = translations = 0
    progress_options = {"disable": not show_progress, "unit": " articles"}
    with (
        bulk_saving(),
        tqdm(total=article_count - existing, desc="Articles", **progress_options) as progress,
    ):
        while batch := list(islice(pending, BATCH_SIZE)):
            created += save_drafts(batch, placer)
            translations += sum(draft.is_translation for draft in batch)
            progress.update(len(batch))
    # Pages were written around Wagtail's publishing, which would have announced each one.
    announce_change(EVERYTHING)
    return SeedResult(created=created, translations=translations, total=existing + created)
