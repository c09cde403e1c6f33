"""Demo stories: what each one says (composed per edition) and how thousands are saved fast.

Saving goes around Wagtail's per-page publishing on purpose: `add_child` plus a published
revision costs dozens of queries per page, which makes a 3,000-story demo take minutes.
Pages are placed in the tree here (path, depth, url_path, live flags) and saved with two
INSERTs each; bylines, tags, people and log entries go in with one bulk INSERT per batch;
the search and reference indexes are filled once per batch. The rows are those `add_child`
makes for a live page; no revision is stored, so the admin edits the live page and its
first save starts the history.
"""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from modelsearch.signal_handlers import post_save_signal_handler as search_index_on_save
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from newsdesk.articles.models import ArticleAuthor, ArticlePage, ArticleTag, SectionPage
from newsdesk.demo.news import StoryText
from newsdesk.demo.outlet import latin, unique_slug
from newsdesk.demo.vocabulary import BRAND, INTERVIEWS_SLUG, SECTIONS
from newsdesk.metrics.models import ViewTally
from newsdesk.pagecache.keys import announcements_held
from newsdesk.search.indexing import index_articles
from newsdesk.search.signals import article_saved as reader_index_on_save

# Where stories are written first; translations go to the other editions.
ORIGIN_WEIGHTS = {"en": 0.5, "ru": 0.25, "hy": 0.25}
TRANSLATED_SHARE = 0.4
DAYS_OF_NEWS = 60
BREAKING_PER_EDITION = 2
# Breaking news is at most this old, well inside the 24 hours the home page shows it for.
BREAKING_HOURS = 4
MAX_SLUG_WORDS = 8
MAX_VIEWS = 60_000
# Turns stored-JSON block lists into a lazy StreamValue: nothing is converted until read.
BODY_BLOCK = ArticlePage._meta.get_field("body").stream_block


@dataclass
class StoryPlan:
    """What every edition's version of one story shares: placement, time, pictures, people."""

    section_index: int
    published_at: datetime
    hero_index: int
    author_indexes: list
    speaker_indexes: list
    mentioned_indexes: list
    is_breaking: bool
    is_featured: bool
    editions: list  # language codes, the origin first
    # Seeds the story's text, so its versions in every edition say the same (news.py).
    text_seed: int = 0


@dataclass
class Draft:
    """One unsaved article with the rows that link it to people and tags."""

    page: ArticlePage
    section: SectionPage
    is_translation: bool
    author_ids: list = field(default_factory=list)
    tag_ids: list = field(default_factory=list)
    person_ids: list = field(default_factory=list)

    def child_rows(self):
        """The byline and tag rows of the saved page, by the name of the page's relation."""
        return {
            "authors": [
                ArticleAuthor(article=self.page, person_id=person_id, sort_order=order)
                for order, person_id in enumerate(self.author_ids)
            ],
            "tagged_items": [
                # bulk_create skips ArticleTag.save, which copies the publication time.
                ArticleTag(
                    content_object=self.page, tag_id=tag_id, published_at=self.page.published_at
                )
                for tag_id in self.tag_ids
            ],
        }


def plan_stories(rng, article_count, languages, now):
    """Yield plans whose editions add up to exactly `article_count` articles.

    About 40% of the stories written in the first edition get a Russian and/or Armenian
    version; stories written in the other editions stay in their edition. Each edition's
    first stories are breaking news from the last hours, so even a small demo shows the
    breaking line everywhere. A generator, so a huge count never sits in memory at once.
    """
    weights = [ORIGIN_WEIGHTS.get(code, 0.25) for code in languages]
    breaking_origins = [code for code in languages for _ in range(BREAKING_PER_EDITION)]
    remaining = article_count
    while remaining > 0:
        is_breaking = bool(breaking_origins)
        origin = breaking_origins.pop(0) if is_breaking else rng.choices(languages, weights)[0]
        editions = story_editions(rng, origin, languages)[:remaining]
        remaining -= len(editions)
        yield plan_story(rng, editions, now, is_breaking)


def story_editions(rng, origin, languages):
    """The editions a story appears in, its origin first."""
    primary = languages[0]
    editions = [origin]
    if origin == primary and len(languages) > 1 and rng.random() < TRANSLATED_SHARE:
        others = languages[1:]
        editions += rng.sample(others, rng.randint(1, len(others)))
    return editions


def plan_story(rng, editions, now, is_breaking):
    """One story's shared facts; recent hours are busier, as on a real news day."""
    if is_breaking:
        age = timedelta(minutes=rng.randint(10, BREAKING_HOURS * 60))
    elif rng.random() < 0.06:
        age = timedelta(minutes=rng.randint(5, 6 * 60))
    else:
        age = timedelta(days=DAYS_OF_NEWS * rng.random() ** 1.6)
    return StoryPlan(
        section_index=rng.randrange(len(SECTIONS)),
        published_at=now - age,
        hero_index=rng.randrange(1_000_000),
        author_indexes=rng.sample(range(1_000), rng.choice((0, 1, 1, 1, 2))),
        speaker_indexes=rng.sample(range(1_000), rng.choice((0, 1, 1, 2))),
        mentioned_indexes=rng.sample(range(1_000), rng.choice((0, 0, 1, 2))),
        is_breaking=is_breaking,
        is_featured=is_breaking or rng.random() < 0.08,
        editions=editions,
        text_seed=rng.getrandbits(32),
    )


class StoryComposer:
    """Writes one edition's version of a planned story from the edition's writer and cast."""

    def __init__(self, rng, writers, sections, cast, tags, heroes):
        self.rng = rng
        self.writers = writers
        self.sections = sections
        self.cast = cast
        self.tags = tags
        self.heroes = heroes

    def block_id(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def block(self, kind, value):
        return {"type": kind, "value": value, "id": self.block_id()}

    def pick(self, people, indexes):
        return [people[index % len(people)] for index in indexes] if people else []

    def compose(self, plan, code, translation_key, now):
        """The article in edition `code`, sharing `translation_key` with its other versions."""
        section = self.sections[code][plan.section_index]
        authors = self.pick(self.cast.authors[code], plan.author_indexes)
        speakers = self.pick(self.cast.experts[code], plan.speaker_indexes)
        mentioned = self.pick(self.cast.experts[code], plan.mentioned_indexes)
        is_interview = section.slug == INTERVIEWS_SLUG
        if is_interview and not speakers:
            speakers = self.pick(self.cast.experts[code], [plan.hero_index])
        # A translation appears a little after the original, never in the future.
        published_at = plan.published_at
        if code != plan.editions[0]:
            published_at = min(published_at + timedelta(minutes=self.rng.randint(10, 90)), now)
        # The story's own people are the ones it quotes, interviews and has react.
        text = StoryText(
            code, section.slug, plan.text_seed, people=list(dict.fromkeys(speakers + mentioned))
        )
        title = text.title()
        hero = self.heroes[plan.hero_index % len(self.heroes)]
        page = ArticlePage(
            title=title,
            draft_title=title,
            slug=slugify(" ".join(latin(title).split()[:MAX_SLUG_WORDS])) or "story",
            locale_id=section.locale_id,
            translation_key=translation_key,
            subtitle=text.subtitle(),
            lead=text.lead(),
            published_at=published_at,
            byline_credit="" if authors else BRAND[code]["default_byline"],
            hero_image=hero,
            hero_caption=text.caption(),
            hero_credit=self.photo_credit(code, authors),
            body=BODY_BLOCK.to_python(self.body(text, code, speakers, is_interview)),
            is_breaking=plan.is_breaking,
            is_featured=plan.is_featured,
            # Few stories are read a lot and most a little, as "most read" expects.
            view_count=min(int(self.rng.paretovariate(1.3) * 40), MAX_VIEWS),
            live=True,
            has_unpublished_changes=False,
            first_published_at=published_at,
            last_published_at=published_at,
            # Admin listings sort by this ("Updated"); the page was last touched when published.
            latest_revision_created_at=published_at,
        )
        return Draft(
            page=page,
            section=section,
            is_translation=code != plan.editions[0],
            author_ids=[person.pk for person in dict.fromkeys(authors)],
            tag_ids=[tag.pk for tag in self.rng.sample(self.tags[code], self.rng.randint(2, 5))],
            person_ids=[person.pk for person in dict.fromkeys(speakers + mentioned)],
        )

    def photo_credit(self, code, authors):
        """Who took the picture: one of the authors or the outlet (templates add "Photo:")."""
        if authors and self.rng.random() < 0.5:
            return authors[0].name
        return BRAND[code]["outlet_name"]

    def body(self, text, code, speakers, is_interview):
        """The StreamField body as stored JSON: paragraphs, a heading, quotes, maybe a picture.

        Its shape is drawn from the story's own text seed, so every edition's version has
        the same blocks in the same order.
        """
        shape = text.rng
        if is_interview:
            blocks = [self.block("paragraph", f"<p>{text.paragraph()}</p>")]
            for _ in range(shape.randint(5, 7)):
                answer = f"<p>{text.answer()}</p>"
                blocks.append(
                    self.block("question_answer", {"question": text.question(), "answer": answer})
                )
            return blocks
        blocks = [
            self.block("paragraph", f"<p>{text.paragraph()}</p>")
            for _ in range(shape.randint(4, 7))
        ]
        blocks.insert(2, self.block("heading", text.heading()))
        for position, speaker in enumerate(speakers):
            quote = {
                "text": text.quote(),
                "speaker": speaker.pk,
                "speaker_name": "",
                # Half the quotes describe the speaker at length here, half rely on their page.
                "speaker_credentials": (
                    "" if shape.random() < 0.5 else f"{speaker.credentials}, {speaker.affiliation}"
                ),
            }
            blocks.insert(3 + 2 * position, self.block("quote", quote))
        if shape.random() < 0.25:
            picture = {
                "image": self.heroes[shape.randrange(len(self.heroes))].pk,
                "caption": text.caption(),
                "credit": BRAND[code]["outlet_name"],
            }
            blocks.insert(len(blocks) - 1, self.block("image", picture))
        return blocks


def story_drafts(rng, composer, plans, now):
    """Every edition's version of each planned story, in order, sharing a translation key."""
    for plan in plans:
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        for code in plan.editions:
            yield composer.compose(plan, code, key, now)


class TreePlacer:
    """Puts new articles under their sections the way treebeard's add_child would."""

    def __init__(self, sections):
        self.next_step = {}
        self.slugs = {}
        self.added = {}
        for section in sections:
            last = section.get_last_child()
            self.next_step[section.pk] = last._get_lastpos_in_path() + 1 if last else 1
            self.slugs[section.pk] = set(
                Page.objects.child_of(section).values_list("slug", flat=True)
            )
            self.added[section.pk] = 0

    def place(self, draft):
        page, section = draft.page, draft.section
        page.slug = unique_slug(page.slug, self.slugs[section.pk])
        page.depth = section.depth + 1
        page.path = Page._get_path(section.path, page.depth, self.next_step[section.pk])
        page.numchild = 0
        page.url_path = f"{section.url_path}{page.slug}/"
        # What Page.save would otherwise ask the database for, once per page.
        page._cached_parent_obj = section
        page._is_site_root = False
        self.next_step[section.pk] += 1
        self.added[section.pk] += 1

    def commit_child_counts(self):
        """Bring each section's numchild up to date with the articles placed under it."""
        for section_pk, added in self.added.items():
            if added:
                Page.objects.filter(pk=section_pk).update(numchild=F("numchild") + added)
                self.added[section_pk] = 0


@contextmanager
def bulk_saving():
    """Stop per-save search and reference indexing, and per-save cache announcements.

    `save_drafts` indexes each batch at once; the loader announces everything at the end.
    """
    post_save.disconnect(search_index_on_save, sender=ArticlePage)
    post_save.disconnect(reader_index_on_save, sender=ArticlePage)
    try:
        with disable_reference_index_auto_update(), announcements_held():
            yield
    finally:
        post_save.connect(search_index_on_save, sender=ArticlePage)
        post_save.connect(reader_index_on_save, sender=ArticlePage)


def save_drafts(drafts, placer):
    """Save a batch of articles, their links and their index entries in one transaction.

    Returns how many articles were saved.

    Indexing with the batch, not at the end, keeps an interrupted run consistent: every
    article that was committed can be found by search. The reference index is what the
    admin's "usage" counts and delete warnings read (which stories use a picture, quote a
    person).
    """
    people_link = ArticlePage.people.through
    pages = [draft.page for draft in drafts]
    with transaction.atomic():
        for draft in drafts:
            placer.place(draft)
            # Page.save would write and validate a "created" log entry per page: bulk below.
            draft.page.save(clean=False, log_action=None)
        PageLogEntry.objects.bulk_create(
            PageLogEntry(
                page=page,
                content_type=ContentType.objects.get_for_model(page),
                label=page.title,
                action="wagtail.create",
                timestamp=page.first_published_at,
                content_changed=True,
            )
            for page in pages
        )
        children = [draft.child_rows() for draft in drafts]
        ArticleAuthor.objects.bulk_create(row for rows in children for row in rows["authors"])
        ArticleTag.objects.bulk_create(row for rows in children for row in rows["tagged_items"])
        for draft, rows in zip(drafts, children, strict=True):
            # Hand each page its child rows, so indexing reads them instead of querying per page.
            for relation in get_all_child_relations(draft.page):
                name = relation.get_accessor_name()
                setattr(draft.page, name, rows.get(name, []))
        # ArticlePage.save has linked the quoted speakers already; the rest are added here.
        people_link.objects.bulk_create(
            (
                people_link(articlepage_id=draft.page.pk, person_id=person_id)
                for draft in drafts
                for person_id in draft.person_ids
            ),
            ignore_conflicts=True,
        )
        placer.commit_child_counts()
        ViewTally.objects.bulk_create(recent_tallies(pages))
        get_search_backend().add_bulk(ArticlePage, pages)
        index_articles(pages, announce=False)
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)
    return len(pages)


def recent_tallies(pages, now=None):
    """Hourly view tallies for the stories of the last week, so "most read" has something.

    A story's views are spread over up to three hours after it appeared, most in the first.
    """
    now = now or timezone.now()
    tallies = []
    for page in pages:
        if now - page.published_at > timedelta(days=7) or not page.view_count:
            continue
        first_hour = page.published_at.replace(minute=0, second=0, microsecond=0)
        shares = (0.6, 0.3, 0.1)
        for offset, share in enumerate(shares):
            hour = first_hour + timedelta(hours=offset)
            views = int(page.view_count * share)
            if hour <= now and views:
                tallies.append(
                    ViewTally(article=page, locale_id=page.locale_id, hour=hour, views=views)
                )
    return tallies
