"""The benchmark dataset: up to a million published articles, written with bulk SQL.

Why page saves are bypassed: `save_drafts` (newsdesk/demo/articles.py) saves each story through
`Page.save`, about 220 articles a second, so a million would take over an hour. Here every row
`add_child` and a publish would leave is computed in Python (tree path, depth, url_path, live
flags, publication times, translation key, the section link) and written a batch per
transaction: COPY on PostgreSQL, executemany on SQLite. The column lists come from the models'
`_meta`, so a column added later is filled with its model default and reported instead of being
missed. Each section's `numchild` is brought up to date in the batch's own transaction, so an
interrupted run leaves a valid tree.

Text is not written word by word: each edition's `Writer` composes a pool of paragraphs,
titles, leads and captions once, and stories combine pieces of it. Titles join a head and a
tail drawn without repeats per section, so slugs stay unique among a section's children.

Not written, on purpose: Wagtail's search index and reference index (the search work adds a
resumable reindex; until then site search and the admin's "usage" counts miss these stories)
and revisions (as in the demo, the live page is the only version; the admin's first save
starts its history). One "wagtail.create" log entry per article is written: it is one narrow
row and costs a few percent of the run.

On PostgreSQL the next batch is composed in a thread while the server takes the last one, and
bodies are compressed with lz4 (see `postgres_load_settings`); on SQLite fsync is off for the
load (see `loading_pragmas`).
"""

import json
import operator
import queue
import random
import threading
import uuid
from collections import Counter
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from itertools import islice
from math import gcd

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.models import Page, PageLogEntry

from newsdesk.articles.models import ArticleAuthor, ArticlePage, ArticleTag
from newsdesk.demo.articles import (
    BREAKING_HOURS,
    BREAKING_PER_EDITION,
    MAX_SLUG_WORDS,
    MAX_VIEWS,
    ORIGIN_WEIGHTS,
    StoryComposer,
    StoryPlan,
    TreePlacer,
    story_editions,
)
from newsdesk.demo.content import DEFAULT_SEED, MAX_ARTICLES, demo_outlet_setup
from newsdesk.demo.outlet import (
    latin,
    unique_slug,
)
from newsdesk.demo.vocabulary import BRAND, INTERVIEWS_SLUG, SECTIONS
from newsdesk.metrics.models import ViewTally
from newsdesk.newsroom.setup import outlet_setup
from newsdesk.pagecache.keys import EVERYTHING, announce_change

# Articles per transaction: big enough to amortise commits and COPY starts, small enough that
# a batch's rows (bodies are 5-35 kB each) stay around a hundred megabytes.
BATCH_SIZE = 5_000
ARCHIVE_AGE = timedelta(days=3652)
# An article's age is ARCHIVE_AGE * u**RECENCY for u spread evenly over (0, 1]: the demo's
# curve, so recent days are much busier than the archive's first years.
RECENCY = 1.6
FEATURED_SHARE = 0.05
TRANSLATION_DELAY_MINUTES = (10, 90)
# Paragraphs per story body: about 52 words each, so 13-18 of them make ~800 words; an
# interview is an introduction and 5-8 questions answered in two paragraphs each.
BODY_PARAGRAPHS = (13, 18)
INTERVIEW_EXCHANGES = (5, 8)
ANSWER_PARAGRAPHS = 2
IMAGE_BLOCK_SHARE = 0.25
TAGS_PER_ARTICLE = (2, 5)
# Views per hour are written for stories of the last week, in their first three days.
TALLY_DAYS = 7
TALLY_HOURS = (1, 5)
TALLY_WINDOW_HOURS = 72
# Pieces each edition's Writer composes once; stories combine them. Heads x tails title
# pairs (about 1.4 million per section) outnumber any section's stories in a million.
POOL_SIZES = {
    "paragraphs": 3_000,
    "heads": 1_200,
    "tails": 1_200,
    "subtitles": 1_500,
    "leads": 1_500,
    "captions": 600,
    "headings": 600,
    "questions": 600,
    "quotes": 600,
}
HEAD_WORDS = MAX_SLUG_WORDS // 2
# No fsync while loading (a killed process still loses no committed batch; a power cut could
# damage the file, and a half-made dataset is made again anyway) and a 256 MB page cache.
LOADING_PRAGMAS = {"synchronous": "OFF", "cache_size": "-262144"}
# What add_child + publish leave at the model default, named so that any other column (one
# added after this was written) shows up in Table.unplanned.
PAGE_DEFAULTS = {
    "latest_revision_id",
    "live_revision_id",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by_id",
    "owner_id",
    "alias_of_id",
    "show_in_menus",
    "seo_title",
    "search_description",
}
PAGE_FILLED = {
    "id",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale_id",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "title",
    "draft_title",
    "slug",
    "content_type_id",
    "url_path",
    "latest_revision_created_at",
}
ARTICLE_FILLED = {
    "page_ptr_id",
    "subtitle",
    "lead",
    "published_at",
    "section_id",
    "byline_credit",
    "hero_image_id",
    "hero_caption",
    "hero_credit",
    "body",
    "is_breaking",
    "is_featured",
    "view_count",
    "live_copy",
}
LOG_FILLED = {
    "content_type_id",
    "label",
    "action",
    "data",
    "timestamp",
    "content_changed",
    "page_id",
}
LOG_DEFAULTS = {"uuid", "user_id", "revision_id", "deleted"}
# The 17th hex digit of a UUID4 carries the RFC 4122 variant in its top two bits (10).
UUID_VARIANT_DIGITS = {digit: f"{8 | int(digit, 16) & 3:x}" for digit in "0123456789abcdef"}


@dataclass
class DatasetResult:
    """What a run added, for the command to report."""

    created: int
    translations: int
    total: int
    per_edition: dict = field(default_factory=dict)  # language code -> articles added
    unplanned_columns: list = field(default_factory=list)


def bench_dataset_fill(size, seed=DEFAULT_SEED, show_progress=True):
    """Fill a freshly migrated database with `size` published articles across the editions.

    Returns with nothing created when the database already holds `size` articles or more.
    Raises ValueError for a size outside 1..MAX_ARTICLES, and for a database holding fewer
    articles than asked: a dataset is made in one go, never topped up. Page ids are given
    from the highest one up, so nothing else should write pages while it runs.
    """
    if not 1 <= size <= MAX_ARTICLES:
        raise ValueError(f"--size must be between 1 and {MAX_ARTICLES:,}, not {size:,}")
    existing = ArticlePage.objects.count()
    if existing >= size:
        return DatasetResult(created=0, translations=0, total=existing)
    if existing:
        raise ValueError(
            f"the database already holds {existing:,} articles; bench_dataset fills a freshly "
            f"migrated database (or does nothing when asked for at most {existing:,})"
        )
    return articles_bulk_load(size, seed=seed, show_progress=show_progress)


def articles_bulk_load(count, seed=DEFAULT_SEED, show_progress=True):
    """Add `count` published articles to the demo outlet's sections, whatever already exists.

    Sets up the outlet, sections, people, tags and pictures as `demo_content_seed` does, then
    writes the stories in batches and purges every cache. The same seed and count write the
    same stories (publication times are relative to now).
    """
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise ValueError(f"bulk loading supports SQLite and PostgreSQL, not {connection.vendor}")
    progress_options = {"total": count, "unit": " articles", "disable": not show_progress}
    with tqdm(desc="Setting up", **progress_options) as progress:
        archive, articles = archive_setup(count, seed)
        with connection.cursor() as cursor:
            cursor.execute("SELECT MAX(id) FROM wagtailcore_page")
            first_page_id = (cursor.fetchone()[0] or 0) + 1
        batches = archive_batches(archive, articles, first_page_id)
        if connection.vendor == "postgresql":
            # COPY hands rows over in large chunks and lets go of the interpreter while the
            # server works, so the next batch is composed meanwhile. SQLite's executemany takes
            # the interpreter back after every row: there a second thread only makes it wait.
            batches = ahead_in_thread(batches)
        load_settings = postgres_load_settings()
        result = DatasetResult(created=0, translations=0, total=0)
        result.per_edition = dict.fromkeys(archive.pools, 0)
        progress.set_description("Articles")
        progress.reset()  # the rate shown is the articles', not the setup's
        # closing: a failed write stops the composing thread at once, not when the error is gone.
        with loading_pragmas(), closing(batches):
            for batch in batches:
                batch_write(batch, load_settings)
                # Written: let the rows go before the next batch is composed.
                batch.rows.clear()
                result.created += batch.size
                result.translations += batch.translations
                for code, added in batch.per_edition.items():
                    result.per_edition[code] += added
                progress.update(batch.size)
    tables_analyze(archive.tables)
    result.total = ArticlePage.objects.count()
    result.unplanned_columns = archive.unplanned_columns()
    announce_change(EVERYTHING)
    return result


def archive_setup(count, seed):
    """The outlet as the demo makes it, and what writes its stories.

    Returns the ArchiveRows for the editions and an iterator of the (plan, translation key,
    language code) articles to write, `count` of them.
    """
    outlet_setup()
    rng = random.Random(f"bench_dataset:{seed}")
    now = timezone.now()
    outlet = demo_outlet_setup(rng, seed)
    languages, writers, locales = outlet.languages, outlet.writers, outlet.locales
    # jsonb keeps the parsed value, so PostgreSQL gets the shorter UTF-8 text; SQLite keeps the
    # text as Django's json.dumps writes it, non-ASCII letters as \u escapes.
    ensure_ascii = connection.vendor != "postgresql"
    pools = {code: TextPool(writers[code], ensure_ascii) for code in languages}
    composer = StoryComposer(rng, writers, outlet.sections, outlet.cast, outlet.tags, outlet.heroes)
    archive = ArchiveRows(composer, pools, locales, now, ensure_ascii)
    stories = plan_archive(rng, count, languages, now)
    return archive, ((plan, key, code) for plan, key in stories for code in plan.editions)


def plan_archive(rng, count, languages, now):
    """Yield (StoryPlan, translation key) pairs whose editions add up to exactly `count`.

    Published times run from ten years ago to now in order, denser recently; the first stories
    of each edition are breaking news of the last hours, as in the demo. About 40% of the
    stories first written in the default edition have a Russian and/or Armenian version.
    A generator, so a million plans never sit in memory at once.
    """
    weights = [ORIGIN_WEIGHTS.get(code, 0.25) for code in languages]
    breaking_origins = [code for code in languages for _ in range(BREAKING_PER_EDITION)]
    planned = 0
    while planned < count:
        is_breaking = bool(breaking_origins)
        origin = breaking_origins.pop(0) if is_breaking else rng.choices(languages, weights)[0]
        editions = story_editions(rng, origin, languages)[: count - planned]
        if is_breaking:
            age = timedelta(minutes=rng.randint(10, BREAKING_HOURS * 60))
        else:
            # Each story owns a slice of (0, 1] by its position, so times only grow.
            age = ARCHIVE_AGE * (((count - planned - rng.random()) / count) ** RECENCY)
        planned += len(editions)
        section_index = rng.randrange(len(SECTIONS))
        mentioned = rng.sample(range(1_000), rng.choice((0, 1, 1, 2)))
        if SECTIONS[section_index][0] == INTERVIEWS_SLUG:
            # An interview has its interviewee among its people and answers, not quotes.
            speakers, mentioned = [], mentioned or [rng.randrange(1_000)]
        else:
            speakers = rng.sample(mentioned, rng.randint(0, len(mentioned)))
        plan = StoryPlan(
            section_index=section_index,
            published_at=now - age,
            hero_index=rng.randrange(1_000_000),
            author_indexes=rng.sample(range(1_000), rng.choice((0, 1, 1, 1, 2))),
            speaker_indexes=speakers,
            mentioned_indexes=mentioned,
            is_breaking=is_breaking,
            is_featured=is_breaking or rng.random() < FEATURED_SHARE,
            editions=editions,
        )
        yield plan, uuid.UUID(int=rng.getrandbits(128), version=4)


class TextPool:
    """One edition's pieces of text, composed once by its Writer and JSON-encoded once.

    `*_json` entries are JSON string literals as the body stores them; `paragraphs` are the
    insides of such literals (no quotes), so several can be joined into one answer;
    `paragraph_blocks` are whole paragraph blocks up to their id (see `block_start`).
    """

    def __init__(self, writer, ensure_ascii):
        def encode(text):
            return json.dumps(text, ensure_ascii=ensure_ascii)

        sizes = POOL_SIZES
        self.paragraphs = [
            encode(f"<p>{writer.paragraph()}</p>")[1:-1] for _ in range(sizes["paragraphs"])
        ]
        self.paragraph_blocks = [
            block_start("paragraph", f'"{paragraph}"') for paragraph in self.paragraphs
        ]
        self.subtitles = [writer.subtitle() for _ in range(sizes["subtitles"])]
        self.leads = [writer.lead() for _ in range(sizes["leads"])]
        self.captions = [writer.caption() for _ in range(sizes["captions"])]
        self.captions_json = [encode(caption) for caption in self.captions]
        self.headings_json = [encode(writer.heading()) for _ in range(sizes["headings"])]
        self.questions_json = [encode(writer.question()) for _ in range(sizes["questions"])]
        self.quotes_json = [encode(writer.sentence(14)) for _ in range(sizes["quotes"])]
        self.heads, self.head_slugs = title_parts(writer, sizes["heads"], capitalized=True)
        self.tails, self.tail_slugs = title_parts(writer, sizes["tails"], capitalized=False)


def title_parts(writer, count, capitalized):
    """`count` title halves with distinct slugs of exactly HEAD_WORDS words each.

    Each word's slug is a single non-empty token, so head slug + tail slug names one pair and
    two different pairs never share a slug.
    """
    parts, slugs, seen = [], [], set()
    for _ in range(count * 20):
        if len(parts) == count:
            break
        words = writer.phrase(HEAD_WORDS + 2).split()
        if len(words) < HEAD_WORDS:
            continue
        if capitalized:
            words = words[:HEAD_WORDS]
        else:
            words[0] = words[0][:1].lower() + words[0][1:]
        tokens = [slugify(latin(word)) for word in words[:HEAD_WORDS]]
        if not all(tokens) or any("-" in token for token in tokens):
            continue
        slug = "-".join(tokens)
        if slug not in seen:
            seen.add(slug)
            parts.append(" ".join(words))
            slugs.append(slug)
    return parts, slugs


class TitleDeck:
    """One section's titles: head and tail pairs in a seeded order, none drawn twice.

    A step coprime with the number of pairs walks all of them before repeating, so uniqueness
    costs no memory however many stories the section gets.
    """

    def __init__(self, rng, pool):
        self.pool = pool
        self.pairs = len(pool.heads) * len(pool.tails)
        self.offset = rng.randrange(self.pairs)
        self.step = rng.randrange(1, self.pairs)
        while gcd(self.step, self.pairs) != 1:
            self.step = rng.randrange(1, self.pairs)
        self.drawn = 0

    def draw(self):
        """The next (title, slug)."""
        if self.drawn >= self.pairs:
            raise ValueError("a section has more stories than distinct titles")
        head, tail = divmod(
            (self.offset + self.step * self.drawn) % self.pairs, len(self.pool.tails)
        )
        self.drawn += 1
        pool = self.pool
        return (
            f"{pool.heads[head]} {pool.tails[tail]}",
            f"{pool.head_slugs[head]}-{pool.tail_slugs[tail]}",
        )


class Table:
    """How one model's rows are inserted: its `_meta` columns, in order, each filled or defaulted.

    `filled` names the columns each row is given; `defaults` those deliberately left at the
    model default, as `add_child` leaves them. Any other column also gets its model default and
    is listed in `unplanned`, for the command to warn about and the tests to fail on.
    """

    def __init__(self, model, filled, defaults=(), with_pk=False):
        model_fields = [
            model_field
            for model_field in model._meta.local_concrete_fields
            if with_pk or not model_field.primary_key
        ]
        names = {model_field.attname for model_field in model_fields}
        unknown = (set(filled) | set(defaults)) - names
        if unknown:
            raise ImproperlyConfigured(f"{model._meta.db_table} has no {', '.join(unknown)}")
        self.name = model._meta.db_table
        self.columns = [model_field.column for model_field in model_fields]
        self.unplanned = [
            model_field.attname
            for model_field in model_fields
            if model_field.attname not in {*filled, *defaults}
        ]
        left = [model_field for model_field in model_fields if model_field.attname not in filled]
        self.per_row = [
            model_field
            for model_field in left
            if model_field.has_default() and callable(model_field.default)
        ]
        self.constants = {
            model_field.attname: model_field.get_db_prep_save(model_field.get_default(), connection)
            for model_field in left
            if model_field not in self.per_row
        }
        self.pick = operator.itemgetter(*[model_field.attname for model_field in model_fields])
        # Rows are made in another thread (see ahead_in_thread): keep this thread's connection.
        self.db = connections[DEFAULT_DB_ALIAS]

    def row(self, values):
        """One row as a tuple, from {attname: database value} for the filled columns."""
        values.update(self.constants)
        for model_field in self.per_row:
            values[model_field.attname] = model_field.get_db_prep_save(
                model_field.get_default(), self.db
            )
        return self.pick(values)

    def insert(self, cursor, rows):
        """Write `rows`: COPY on PostgreSQL, one executemany elsewhere."""
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(column) for column in self.columns)
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {quote(self.name)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            values = ", ".join(["%s"] * len(self.columns))
            cursor.executemany(
                f"INSERT INTO {quote(self.name)} ({columns}) VALUES ({values})", rows
            )


@dataclass
class Batch:
    """One transaction's articles as rows ready to insert, and what they add up to."""

    rows: dict  # Table -> [row tuples], in the order the tables must be written
    child_counts: Counter  # section page id -> articles placed under it
    per_edition: Counter
    translations: int = 0
    size: int = 0


class ArchiveRows:
    """Turns planned stories into the rows of every table a published article lives in."""

    def __init__(self, composer, pools, locales, now, ensure_ascii):
        self.composer = composer
        self.rng = composer.rng
        self.pools = pools
        self.now = now
        self.tally_since = now - timedelta(days=TALLY_DAYS)
        # Which hours a story was read in depends on the hour of the run: drawn apart, so the
        # stories themselves stay the same whatever the time of day.
        self.tally_rng = random.Random(self.rng.getrandbits(64))
        self.locale_ids = {code: locale.pk for code, locale in locales.items()}
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.placer = TreePlacer([section for code in pools for section in composer.sections[code]])
        self.decks = {
            section.pk: TitleDeck(self.rng, pools[code])
            for code in pools
            for section in composer.sections[code]
        }
        self.hero_ids = [hero.pk for hero in composer.heroes]
        self.tag_ids = {code: [tag.pk for tag in composer.tags[code]] for code in pools}
        self.outlet_json = {
            code: json.dumps(BRAND[code]["outlet_name"], ensure_ascii=ensure_ascii)
            for code in pools
        }
        self.credentials_json = {
            person.pk: json.dumps(
                f"{person.credentials}, {person.affiliation}", ensure_ascii=ensure_ascii
            )
            for people in composer.cast.experts.values()
            for person in people
        }
        self.pages = Table(Page, PAGE_FILLED, PAGE_DEFAULTS, with_pk=True)
        self.articles = Table(ArticlePage, ARTICLE_FILLED, with_pk=True)
        self.tags = Table(ArticleTag, {"tag_id", "content_object_id", "published_at"})
        self.authors = Table(ArticleAuthor, {"article_id", "person_id", "sort_order"})
        self.people = Table(ArticlePage.people.through, {"articlepage_id", "person_id"})
        self.log = Table(PageLogEntry, LOG_FILLED, LOG_DEFAULTS)
        self.tallies = Table(ViewTally, {"article_id", "locale_id", "hour", "views"})
        # Batches are composed in another thread (see ahead_in_thread): values are converted by
        # this thread's connection, which that thread never uses for a query.
        self.db = connections[DEFAULT_DB_ALIAS]
        self.ops = self.db.ops
        self.uuid_prep = Page._meta.get_field("translation_key").get_db_prep_value

    @property
    def tables(self):
        """Every table in the order rows must be inserted."""
        return [
            self.pages,
            self.articles,
            self.tags,
            self.authors,
            self.people,
            self.log,
            self.tallies,
        ]

    def compose(self, articles, first_page_id):
        """A Batch of (plan, key, code) articles as pages numbered from `first_page_id`."""
        batch = Batch(
            rows={table: [] for table in self.tables},
            child_counts=Counter(),
            per_edition=Counter(),
        )
        for page_id, (plan, key, code) in enumerate(articles, start=first_page_id):
            self.add(batch, plan, key, code, page_id)
            batch.per_edition[code] += 1
            batch.translations += code != plan.editions[0]
            batch.size += 1
        return batch

    def unplanned_columns(self):
        """Columns filled with a model default without this module deciding so."""
        return [f"{table.name}.{name}" for table in self.tables for name in table.unplanned]

    def add(self, batch, plan, key, code, page_id):
        """Add the rows of edition `code`'s version of a story, as page `page_id`, to `batch`."""
        rng = self.rng
        rows = batch.rows
        composer = self.composer
        pool = self.pools[code]
        section = composer.sections[code][plan.section_index]
        title, slug = self.decks[section.pk].draw()
        used = self.placer.slugs[section.pk]
        if slug in used:
            # Only the slugs that were there before the run are kept: generated ones are
            # distinct by construction, and a million of them would not fit in a small memory.
            slug = unique_slug(slug, used)
        depth = section.depth + 1
        path = Page._get_path(section.path, depth, self.placer.next_step[section.pk])
        self.placer.next_step[section.pk] += 1
        batch.child_counts[section.pk] += 1

        published_at = plan.published_at
        if code != plan.editions[0]:
            delay = timedelta(minutes=rng.randint(*TRANSLATION_DELAY_MINUTES))
            published_at = min(published_at + delay, self.now)
        published = self.ops.adapt_datetimefield_value(published_at)
        authors = list(
            dict.fromkeys(composer.pick(composer.cast.authors[code], plan.author_indexes))
        )
        experts = composer.cast.experts[code]
        mentioned = list(dict.fromkeys(composer.pick(experts, plan.mentioned_indexes)))
        speakers = list(dict.fromkeys(composer.pick(experts, plan.speaker_indexes)))
        is_interview = section.slug == INTERVIEWS_SLUG
        view_count = min(int(rng.paretovariate(1.3) * 40), MAX_VIEWS)
        caption = rng.randrange(len(pool.captions))

        rows[self.pages].append(
            self.pages.row(
                {
                    "id": page_id,
                    "path": path,
                    "depth": depth,
                    "numchild": 0,
                    "translation_key": self.uuid_prep(key, self.db),
                    "locale_id": self.locale_ids[code],
                    "live": True,
                    "has_unpublished_changes": False,
                    "first_published_at": published,
                    "last_published_at": published,
                    "title": title,
                    "draft_title": title,
                    "slug": slug,
                    "content_type_id": self.content_type_id,
                    "url_path": f"{section.url_path}{slug}/",
                    # Admin listings sort by this ("Updated"): last touched when published.
                    "latest_revision_created_at": published,
                }
            )
        )
        rows[self.articles].append(
            self.articles.row(
                {
                    "page_ptr_id": page_id,
                    "subtitle": rng.choice(pool.subtitles),
                    "lead": rng.choice(pool.leads),
                    "published_at": published,
                    "section_id": section.pk,
                    "byline_credit": "" if authors else BRAND[code]["default_byline"],
                    "hero_image_id": self.hero_ids[plan.hero_index % len(self.hero_ids)],
                    "hero_caption": pool.captions[caption],
                    "hero_credit": composer.photo_credit(code, authors),
                    "body": self.body(pool, code, speakers, is_interview),
                    "is_breaking": plan.is_breaking,
                    "is_featured": plan.is_featured,
                    "view_count": view_count,
                    "live_copy": True,
                }
            )
        )
        for tag_id in rng.sample(self.tag_ids[code], rng.randint(*TAGS_PER_ARTICLE)):
            rows[self.tags].append(
                self.tags.row(
                    {"tag_id": tag_id, "content_object_id": page_id, "published_at": published}
                )
            )
        for order, person in enumerate(authors):
            rows[self.authors].append(
                self.authors.row(
                    {"article_id": page_id, "person_id": person.pk, "sort_order": order}
                )
            )
        # Quoted speakers are among the mentioned (plan_archive picks them from there), as
        # ArticlePage.save would make them.
        for person in mentioned:
            rows[self.people].append(
                self.people.row({"articlepage_id": page_id, "person_id": person.pk})
            )
        rows[self.log].append(
            self.log.row(
                {
                    "content_type_id": self.content_type_id,
                    "label": title,
                    "action": "wagtail.create",
                    "data": "{}",
                    "timestamp": published,
                    "content_changed": True,
                    "page_id": page_id,
                }
            )
        )
        if published_at >= self.tally_since:
            rows[self.tallies] += self.tallies_of(page_id, code, published_at, view_count)

    def tallies_of(self, page_id, code, published_at, view_count):
        """A few hourly view counts from the story's first days, adding up to its views at most."""
        rng = self.tally_rng
        first_hour = published_at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        hours_open = int((self.now - first_hour) / timedelta(hours=1)) + 1
        hours = sorted(
            rng.sample(
                range(min(hours_open, TALLY_WINDOW_HOURS)),
                min(rng.randint(*TALLY_HOURS), hours_open),
            )
        )
        counted = max(len(hours), int(view_count * rng.uniform(0.4, 1.0)))
        cuts = [0, *sorted(rng.sample(range(1, counted), len(hours) - 1)), counted]
        return [
            self.tallies.row(
                {
                    "article_id": page_id,
                    "locale_id": self.locale_ids[code],
                    "hour": self.ops.adapt_datetimefield_value(first_hour + timedelta(hours=hour)),
                    "views": end - start,
                }
            )
            for hour, start, end in zip(hours, cuts[:-1], cuts[1:], strict=True)
        ]

    def block_ids(self, count):
        """`count` random UUID4 strings, as StoryComposer.block_id makes one.

        Formatted from one draw of random bits: a uuid.UUID per block took a tenth of the run.
        """
        digits = f"{self.rng.getrandbits(128 * count):0{32 * count}x}"
        return [
            f"{digits[at : at + 8]}-{digits[at + 8 : at + 12]}-4{digits[at + 13 : at + 16]}-"
            f"{UUID_VARIANT_DIGITS[digits[at + 16]]}{digits[at + 17 : at + 20]}-"
            f"{digits[at + 20 : at + 32]}"
            for at in range(0, 32 * count, 32)
        ]

    def body(self, pool, code, speakers, is_interview):
        """The StreamField JSON in the shape StoryComposer.body makes, about 800 words long.

        Blocks are assembled as text, each up to its id, from pieces encoded once by TextPool:
        the same characters json.dumps writes for the block list.
        """
        rng = self.rng
        if is_interview:
            blocks = [rng.choice(pool.paragraph_blocks)]
            for _ in range(rng.randint(*INTERVIEW_EXCHANGES)):
                answer = "".join(rng.sample(pool.paragraphs, ANSWER_PARAGRAPHS))
                question = rng.choice(pool.questions_json)
                value = f'{{"question": {question}, "answer": "{answer}"}}'
                blocks.append(block_start("question_answer", value))
        else:
            blocks = rng.sample(pool.paragraph_blocks, rng.randint(*BODY_PARAGRAPHS))
            blocks.insert(2, block_start("heading", rng.choice(pool.headings_json)))
            for position, speaker in enumerate(speakers):
                # Half the quotes describe the speaker at length here, half rely on their page.
                credentials = '""' if rng.random() < 0.5 else self.credentials_json[speaker.pk]
                quote = (
                    f'{{"text": {rng.choice(pool.quotes_json)}, "speaker": {speaker.pk}, '
                    f'"speaker_name": "", "speaker_credentials": {credentials}}}'
                )
                blocks.insert(3 + 2 * position, block_start("quote", quote))
            if rng.random() < IMAGE_BLOCK_SHARE:
                picture = (
                    f'{{"image": {rng.choice(self.hero_ids)}, '
                    f'"caption": {rng.choice(pool.captions_json)}, '
                    f'"credit": {self.outlet_json[code]}}}'
                )
                blocks.insert(len(blocks) - 1, block_start("image", picture))
        ids = self.block_ids(len(blocks))
        return (
            "["
            + ", ".join([f'{start}{id_}"}}' for start, id_ in zip(blocks, ids, strict=True)])
            + "]"
        )


def block_start(kind, value_json):
    """A stream block as json.dumps writes {"type", "value", "id"}, up to the id's characters."""
    return f'{{"type": "{kind}", "value": {value_json}, "id": "'


def archive_batches(archive, articles, first_page_id):
    """Yield Batches of BATCH_SIZE articles (the last one smaller), pages numbered on."""
    page_id = first_page_id
    while chunk := list(islice(articles, BATCH_SIZE)):
        yield archive.compose(chunk, page_id)
        page_id += len(chunk)


def ahead_in_thread(iterable):
    """The items of `iterable`, each computed in a thread while the caller uses the one before.

    For work that overlaps: Python composing the next batch while the database writes this
    one. The thread never touches the database. An error in it is raised here; leaving the
    loop stops it.
    """
    handoff = queue.Queue(maxsize=1)
    stopped = threading.Event()
    finished = object()

    def offer(item):
        while not stopped.is_set():
            try:
                handoff.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def produce():
        try:
            for item in iterable:
                offer(item)
                if stopped.is_set():
                    return
            offer(finished)
        except BaseException as error:
            # Handed over to be raised in the caller, with its traceback.
            offer(error)

    thread = threading.Thread(target=produce, name="bench-dataset-composer", daemon=True)
    thread.start()
    try:
        while (item := handoff.get()) is not finished:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stopped.set()
        thread.join()


def postgres_load_settings():
    """What each PostgreSQL batch transaction sets for itself (nothing on other databases).

    No wait for the WAL flush at commit: a crash loses at most the last batches, never
    consistency. Bodies are TOAST-compressed with lz4 where the server has it (PostgreSQL 14+):
    the values read back are the same, and the default pglz made the whole load 40% slower.
    """
    if connection.vendor != "postgresql":
        return []
    statements = ["SET LOCAL synchronous_commit TO OFF"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings "
            "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        if cursor.fetchone():
            statements.append("SET LOCAL default_toast_compression TO lz4")
    return statements


def batch_write(batch, load_settings=()):
    """Write one Batch and its sections' child counts in one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in load_settings:
            cursor.execute(statement)
        for table, rows in batch.rows.items():
            table.insert(cursor, rows)
        for section_id, added in batch.child_counts.items():
            Page.objects.filter(pk=section_id).update(numchild=F("numchild") + added)
        # Ids were given explicitly: the sequence moves past them with the rows that use them.
        for statement in connection.ops.sequence_reset_sql(no_style(), [Page]):
            cursor.execute(statement)


@contextmanager
def loading_pragmas():
    """SQLite without fsync and with a larger page cache for the load, restored after."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    saved = {}
    with connection.cursor() as cursor:
        for pragma, value in LOADING_PRAGMAS.items():
            cursor.execute(f"PRAGMA {pragma}")
            saved[pragma] = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA {pragma} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for pragma, value in saved.items():
                cursor.execute(f"PRAGMA {pragma} = {value}")
            # Fold the write-ahead log back into the database file, so its size is the data's.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def tables_analyze(tables):
    """Fresh planner statistics and visibility maps on PostgreSQL, as autovacuum would make
    them some minutes later.

    Without the visibility map a section's deep page read the table instead of the index
    alone (page 400 of a section at 100,000 articles: 24.6 ms, after VACUUM 4.8 ms).
    VACUUM cannot run inside a transaction; there (tests) only the statistics are made.
    """
    if connection.vendor != "postgresql":
        return
    names = ", ".join(connection.ops.quote_name(table.name) for table in tables)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        cursor.execute(f"{command} {names}")
