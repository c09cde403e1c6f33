"""The news itself: edition front pages, sections and articles."""

from datetime import timedelta
from functools import cache, reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router
from django.db.models import Prefetch, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageQuerySet, PageViewRestriction
from wagtail.search import index

from newsdesk.articles.blocks import ArticleBodyBlock
from newsdesk.articles.cards import CARD_RENDITIONS, card_keys, story_cards
from newsdesk.articles.frontpage import (  # noqa: F401 (models of this app)
    BreakingNews,
    FrontPagePin,
    front_page_settings,
)
from newsdesk.articles.keys import (
    edition_list_key,
    front_page_key,
    month_list_key,
    page_key,
    person_list_key,
    section_list_key,
    tag_key,
    tag_list_key,
)
from newsdesk.articles.listing import Keyset, listing_response
from newsdesk.articles.pictures import image_remembered, pictures_of
from newsdesk.editions.editions import children_of, language_code_of, site_root_paths
from newsdesk.editions.keys import REMEMBER_SECONDS, edition_key, image_key, translations_key
from newsdesk.pagecache.cache import remembered, remembered_many
from newsdesk.pagecache.keys import (
    EVERYTHING,
    announce_change,
    announcing,
    changes_at,
    shows,
)
from newsdesk.people.models import Person
from newsdesk.prepared import PreparedQuery, statement_rows

# Paths the edition URL space keeps for its own views (see newsdesk/urls.py).
RESERVED_SLUGS = {"search", "tags", "people", "news", "admin", "static", "media"}
# …and for syndication's (feeds) and for the site-wide ones when an edition sits at the root.
RESERVED_SLUGS |= {"feeds", "sitemaps", "cards", "api"}
# The rendition sizes an article's hero asks for: the cards' two and a larger one.
HERO_RENDITIONS = [
    "fill-480x270|format-webp",
    "fill-960x540|format-webp",
    "fill-1440x810|format-webp",
]
# What the article template calls those sizes.
HERO_SIZES = ("small", "medium", "large")
BREAKING_HOURS = 24
# Related stories are picked among this many newest stories per shared tag.
RELATED_CANDIDATES_PER_TAG = 12
RELATED_STORIES = 4
# A section's newest stories remembered per process: its articles' "More in …" and the
# related stories' top-up (the article itself left out).
SECTION_NEWEST_COUNT = settings.NEWSDESK_PAGE_SIZE // 2 + RELATED_STORIES + 1
SECTION_NEWEST_SECONDS = 60
# Page ids are 32-bit (Wagtail's AutoField); a larger number from a URL names no article, and
# the database would refuse it with an error instead of an empty answer.
MAX_ARTICLE_ID = 2**31 - 1


def possible_article_id(article_id):
    """False for a number (from a URL) that no page can have as its id."""
    return 0 < article_id <= MAX_ARTICLE_ID


def with_card_images(queryset):
    """Fetch each article's hero image and its card renditions in two extra queries in all."""
    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.prefetch_related(Prefetch("hero_image", queryset=images))


class ArticlePageQuerySet(PageQuerySet):
    """Queries for lists of articles, shared by pages, feeds, sitemaps and the API."""

    def published(self, now=None):
        """The one definition of a published article: live and its publication time reached
        (by `now`, by default this moment).

        Reads the article's own copy of Page.live (live_copy), so listings need no join.
        """
        return self.filter(live_copy=True, published_at__lte=now or timezone.now())

    def with_id(self, article_id):
        """The article with this id, or nothing for an id no page can have (from a URL)."""
        if not possible_article_id(article_id):
            return self.none()
        return self.filter(pk=article_id)

    def in_edition(self, locale):
        return self.filter(locale=locale)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """What a story card shows: section label and image, fetched up front.

        The body is left in the database: a card never shows it, and reading it cost a
        JSON parse of several kilobytes per card.
        """
        return with_card_images(self.select_related("section", "locale").defer("body"))

    def latest_in(self, section):
        """A section's published articles, newest first."""
        return self.published().filter(section=section).newest_first().for_cards()

    def tagged(self, tag, until=None):
        """Published articles carrying `tag`, newest first, read from the tag's own index.

        `until` keeps only those published by then (the API's keyset cursors): one range
        of the same index.
        """
        until = min(until, timezone.now()) if until else timezone.now()
        return (
            self.published(now=until)
            .filter(tagged_items__tag=tag, tagged_items__published_at__lte=until)
            .order_by("-tagged_items__published_at", "-pk")
        )

    def with_person(self, translation_key):
        """Articles a person wrote or appears in, in any edition's version of the person.

        One id list from the two link tables, so the cost follows the person's own stories.
        """
        bylines = ArticleAuthor.objects.filter(person__translation_key=translation_key)
        mentions = ArticlePage.people.through.objects.filter(
            person__translation_key=translation_key
        )
        ids = (
            bylines.order_by()
            .values("article_id")
            .union(mentions.order_by().values("articlepage_id"))
        )
        return self.filter(pk__in=ids)

    def under(self, pages):
        """Articles below any of `pages` (all of them when one is the tree's root).

        One prefix of the tree path per page, so a listing is still read down the index of
        its order: a `pk IN (pages below)` subquery, or Wagtail's `descendant_of` (which
        adds a depth range), made SQLite take the pages' index and sort them all instead.
        """
        pages = list(pages)
        if any(page.is_root() for page in pages):
            return self
        if not pages:
            return self.none()
        return self.filter(reduce(or_, (Q(path__startswith=page.path) for page in pages)))

    def came_due(self, since, until):
        """Live articles whose publication time fell between `since` and `until`."""
        return self.live().filter(published_at__gt=since, published_at__lte=until)

    def breaking_in(self, locale, now=None):
        """The edition's newest breaking story of the last day, if any.

        The last day's breaking stories of all editions are few, read from their own index
        (article_breaking_newest), and the edition's newest picked among them. Filtered on
        the edition or its sections, SQLite walked the edition's pages or sorted all its
        stories of the day instead (78 ms per edition at a million articles).
        """
        now = now or timezone.now()
        recent = (
            self.published(now)
            .filter(is_breaking=True, published_at__gte=now - timedelta(hours=BREAKING_HOURS))
            .newest_first()
        )
        for story_id, locale_id in recent.values_list("pk", "locale_id"):
            if locale_id == locale.pk:
                return self.get(pk=story_id)
        return None


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


def view_restrictions_exist():
    """Whether any page is private at all: usually not, and then no page needs checking."""
    return remembered(
        "view-restrictions-exist",
        PageViewRestriction.objects.exists,
        keys=[EVERYTHING],
        seconds=REMEMBER_SECONDS,
    )


class NewsPage(Page):
    """What every newsdesk page type shares: a privacy check that costs nothing when unused."""

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Wagtail asks this before serving every page, two queries; the answer is nearly
        # always "none", so it is remembered until a restriction is added anywhere.
        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def _get_site_root_paths(self, request=None):
        # Wagtail keeps them on the request (other Wagtail code reads them there), read
        # from Django's cache (Redis on the services stack) for each request's first page
        # address; filled from this process's copy instead (editions.site_root_paths).
        holder = request or self
        if not hasattr(holder, "_wagtail_cached_site_root_paths"):
            holder._wagtail_cached_site_root_paths = site_root_paths()
        return super()._get_site_root_paths(request)


def shown(stories):
    """Record that these stories are shown as cards, and return them as a list."""
    stories = list(stories)
    for story in stories:
        shows(*card_keys(story))
    return stories


class HomeStories:
    """What an edition's front page lists, worked out only when the page's fragment is stale.

    Editors' pins hold stories in numbered slots (1 is the top story, then the first places
    of the latest news) and the breaking strip overrides the newest breaking story; the
    rest comes from the newest published stories (see articles/frontpage.py).
    """

    def __init__(self, home, now=None):
        self.home = home
        self.locale = home.locale
        self.now = now or timezone.now()

    @cached_property
    def articles(self):
        return ArticlePage.objects.published().in_edition(self.locale).newest_first()

    def listed(self):
        """Record that what is being rendered lists this edition's newest stories."""
        language_code = language_code_of(self.locale.pk)
        shows(
            page_key(self.home.pk),
            edition_list_key(language_code),
            front_page_key(language_code),
        )

    @cached_property
    def pins(self):
        """{slot: story} of the pins holding now, for stories published in this edition."""
        pins, _strips = front_page_settings(self.locale.pk)
        running = [pin for pin in pins if pin.is_running(self.now)]
        for pin in running:
            if pin.expires_at:
                changes_at(pin.expires_at)
        ids = [pin.article_id for pin in running]
        stories = self.articles.filter(pk__in=ids).for_cards().in_bulk() if ids else {}
        return {pin.slot: stories[pin.article_id] for pin in running if pin.article_id in stories}

    @cached_property
    def top_story(self):
        self.listed()
        top = self.pins.get(1)
        if top is None:
            unpinned = self.articles.exclude(pk__in=[story.pk for story in self.pins.values()])
            top = self.home.lead_story(unpinned.for_cards())
        return shown([top])[0] if top else None

    @cached_property
    def rest(self):
        return self.articles.exclude(pk=self.top_story.pk) if self.top_story else self.articles

    @cached_property
    def latest(self):
        """Slots 2 and on: the stories pinned there, the newest others in between."""
        self.listed()
        pinned = {slot: story for slot, story in self.pins.items() if slot > 1}
        taken = [story.pk for story in pinned.values()]
        newest = iter(self.rest.exclude(pk__in=taken).for_cards()[: self.home.latest_count])
        stories = []
        for slot in range(2, self.home.latest_count + 2):
            story = pinned.get(slot) or next(newest, None)
            if story is not None:
                stories.append(story)
        return shown(stories)

    @cached_property
    def section_blocks(self):
        """(section, stories) for each section with stories, in the sections' order."""
        self.listed()
        blocks = []
        for section in self.home.sections():
            stories = shown(
                self.rest.for_cards().filter(section=section)[: self.home.section_story_count]
            )
            if stories:
                shows(page_key(section.pk))
                blocks.append((section, stories))
        return blocks

    @cached_property
    def breaking(self):
        """The breaking strip up now, else the newest breaking story of the last day.

        Either has a `title` and a `url`.
        """
        self.listed()
        _pins, strips = front_page_settings(self.locale.pk)
        for strip in strips:
            changes_at(strip.ends_at if strip.is_up(self.now) else strip.starts_at)
        strip = next((strip for strip in strips if strip.is_up(self.now)), None)
        if strip is not None:
            if strip.article_id:
                shows(page_key(strip.article_id))
            return strip
        story = ArticlePage.objects.breaking_in(self.locale)
        if story is not None:
            shows(page_key(story.pk))
            changes_at(story.published_at + timedelta(hours=BREAKING_HOURS))
        return story


class HomePage(NewsPage):
    """The front page of one edition: top story, latest news, a block per section, most read.

    Lives in `articles` rather than `editions` because everything it shows is articles.
    """

    latest_count = models.PositiveSmallIntegerField(_("latest stories shown"), default=8)
    section_story_count = models.PositiveSmallIntegerField(
        _("stories per section block"), default=4
    )

    # Its top story and the next places are pinned under "Front page" (FrontPagePin).
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("latest_count"), FieldPanel("section_story_count")]),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("edition home page")

    def sections(self):
        """This edition's live sections in their editorial order."""
        sections = children_of(SectionPage.objects.live(), self)
        return sections.order_by("position", "title")

    def lead_story(self, articles):
        """The top story when none is pinned: the newest featured one, else the newest."""
        return articles.filter(is_featured=True).first() or articles.first()

    def section_ids_by_slug(self):
        """{slug: id} of this edition's live sections, as this process remembers them."""
        return remembered(
            f"section-slugs:{self.pk}",
            lambda: dict(children_of(SectionPage.objects.live(), self).values_list("slug", "pk")),
            # Adding, renaming, moving or removing a section announces the edition's key.
            keys=[edition_key(language_code_of(self.locale_id))],
            seconds=REMEMBER_SECONDS,
        )

    def route(self, request, path_components):
        """An article's address is looked up in one query, not one per level of the tree;
        a section's in none (Wagtail's routing read the section twice through the ORM)."""
        if len(path_components) == 1:
            section_id = self.section_ids_by_slug().get(path_components[0])
            if section_id is not None:
                return SectionPage.remembered(section_id).route(request, [])
        if len(path_components) == 2:
            url_path = f"{self.url_path}{path_components[0]}/{path_components[1]}/"
            found = ARTICLE_BY_ADDRESS.objects(url_path)
            if found:
                article = found[0]
                if article.section_id:
                    article.section = SectionPage.remembered(article.section_id)
                if article.hero_image_id:
                    article.hero_image = image_remembered(article.hero_image_id)
                return article.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        shows(page_key(self.pk), edition_list_key(self.locale.language_code))
        context["home"] = HomeStories(self)
        return context


class SectionPage(NewsPage):
    """A section of an edition (Politics, Economy…): its description and stories, newest first."""

    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=100,
        help_text=_("Sections are listed by this number, smallest first."),
    )

    content_panels = Page.content_panels + [FieldPanel("description"), FieldPanel("position")]
    search_fields = Page.search_fields + [index.SearchField("description")]

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]

    class Meta:
        verbose_name = _("section")

    @classmethod
    def remembered(cls, section_id):
        """A section as this process remembers it (its articles' pages all show it)."""
        return remembered(
            f"section:{section_id}",
            lambda: cls.objects.get(pk=section_id),
            keys=[page_key(section_id)],
            seconds=REMEMBER_SECONDS,
        )

    @classmethod
    def remembered_many(cls, section_ids):
        """{id: section} as `remembered` keeps them, those not remembered read in one query."""
        return remembered_many(
            "section",
            section_ids,
            lambda missing: cls.objects.in_bulk(missing),
            lambda section: [page_key(section.pk)],
            REMEMBER_SECONDS,
        )

    @classmethod
    def newest_story_ids(cls, section_id):
        """Ids of a section's newest published stories, as this process remembers them.

        Every article page of the section shows some of them ("More in …", related stories
        topped up); the list is dropped when a story joins or leaves the section.
        """
        return remembered(
            f"section-newest:{section_id}",
            lambda: SECTION_NEWEST_QUERY.values(timezone.now(), section_id),
            keys=[section_list_key(section_id)],
            seconds=SECTION_NEWEST_SECONDS,
        )

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the site itself.")})

    def serve(self, request, *args, **kwargs):
        shows(page_key(self.pk), section_list_key(self.pk))
        return listing_response(
            request,
            self.stories_until(),
            template="articles/section_page.html",
            context={"page": self, "self": self},
            keyset=Keyset(section_list_key(self.pk), self.stories_until),
        )

    def stories_until(self, moment=None):
        """The section's stories published by `moment` (by default now), newest first."""
        return ArticlePage.objects.published(moment).filter(section=self).newest_first()


class ArticleTag(TaggedItemBase):
    """The link between an article and a tag.

    Carries the article's publication time, so a tag's newest stories (tag pages, related
    stories) are read from one index in order, however many articles share the tag.
    """

    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["tag", "-published_at", "-content_object"], name="article_tag_newest"
            )
        ]

    def save(self, *args, **kwargs):
        # content_object is the article being saved (modelcluster sets it): no query.
        self.published_at = self.content_object.published_at
        super().save(*args, **kwargs)


class ArticleAuthor(Orderable):
    """One name in an article's byline, in the order the editor set."""

    article = ParentalKey("articles.ArticlePage", related_name="authors", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("person")]


class ArticlePage(NewsPage):
    """A news story as readers see it, with everything the newsroom attaches to it."""

    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    lead = models.TextField(_("lead"), blank=True, help_text=_("The opening summary."))
    published_at = models.DateTimeField(
        _("publication date and time"), default=timezone.now, db_index=True
    )
    # Kept equal to the parent page so listings need no tree query; set on every save.
    section = models.ForeignKey(
        SectionPage, null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    byline_credit = models.CharField(
        _("credit"),
        max_length=120,
        blank=True,
        help_text=_("A plain byline such as the outlet's name, shown when no author is chosen."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("hero caption"), max_length=300, blank=True)
    hero_credit = models.CharField(_("hero credit"), max_length=120, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    people = ParentalManyToManyField(
        "people.Person",
        verbose_name=_("people mentioned"),
        blank=True,
        related_name="mentioned_in",
    )
    is_breaking = models.BooleanField(_("breaking news"), default=False)
    is_featured = models.BooleanField(_("featured"), default=False)
    # Page.live, copied onto the article's own row on every save: a section's listing is then
    # one range of one index. Joining the page table for `live` cost 21 ms for page 400 of
    # a 4,883-story section on SQLite; reading the index alone, 0.2 ms.
    live_copy = models.BooleanField(default=False, editable=False)
    # Counted by the metrics app through an atomic UPDATE; never edited, never copied.
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)

    objects = ArticlePageManager()

    content_panels = Page.content_panels + [
        FieldPanel("subtitle"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [InlinePanel("authors", label=_("author")), FieldPanel("byline_credit")],
            heading=_("Byline"),
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption"), FieldPanel("hero_credit")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("people"),
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("is_breaking"), FieldPanel("is_featured")], heading=_("Placement")
        ),
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines and sharing"),
        ),
    ]
    settings_panels = [FieldPanel("published_at")] + Page.settings_panels
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(promote_panels, heading=_("Promotion")),
            ObjectList(settings_panels, heading=_("Settings"), classname="settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("subtitle"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_at"),
        index.FilterField("locale_id"),
        index.FilterField("live_copy"),
    ]

    parent_page_types = ["articles.SectionPage"]
    subpage_types = []
    exclude_fields_in_copy = ["view_count"]

    class Meta:
        verbose_name = _("article")
        indexes = [
            models.Index(
                fields=["section", "-published_at", "-page_ptr"],
                name="article_section_newest",
                condition=models.Q(live_copy=True),
            ),
            # The few breaking, featured and draft stories, newest first: the admin's article
            # list filtered on one of them, and each edition's breaking story, read these
            # instead of walking the whole archive's publication times.
            models.Index(
                fields=["-published_at", "-page_ptr"],
                name="article_breaking_newest",
                condition=models.Q(is_breaking=True),
            ),
            models.Index(
                fields=["-published_at", "-page_ptr"],
                name="article_featured_newest",
                condition=models.Q(is_featured=True),
            ),
            models.Index(
                fields=["-published_at", "-page_ptr"],
                name="article_draft_newest",
                condition=models.Q(live_copy=False),
            ),
        ]

    def save(self, *args, update_fields=None, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.section_id = parent.id
        # A person quoted in the body is in the story, so their page lists it.
        quoted = self.quoted_people()
        if quoted:
            try:
                self.people.add(*quoted)
            except ValueError:
                # A new page whose people were never set has no rows to add to yet.
                self.people.set(quoted)
        adding = self._state.adding
        # Saving a draft revision touches a few bookkeeping fields; readers see no change.
        announce = announcing() and (update_fields is None or "live" in update_fields)
        lists_before = self.stored_list_keys() if announce and not adding else set()
        super().save(*args, update_fields=update_fields, **kwargs)
        if not adding and (update_fields is None or "published_at" in update_fields):
            # The tag rows modelcluster did not rewrite still carry the old publication time.
            ArticleTag.objects.filter(content_object=self).exclude(
                published_at=self.published_at
            ).update(published_at=self.published_at)
        if announce and (self.live or lists_before):
            self.announce_change(lists_before)

    def stored_list_keys(self):
        """The lists the article is on as the database has it (nothing when not live there)."""
        stored = ArticlePage.objects.filter(pk=self.pk, live_copy=True).order_by().first()
        return stored.list_keys() if stored else set()

    def list_keys(self):
        """Every story list this article is on: its section, edition, tags and people."""
        language_code = language_code_of(self.locale_id)
        keys = {
            section_list_key(self.section_id),
            edition_list_key(language_code),
            month_list_key(language_code, self.published_at),
        }
        tag_ids = ArticleTag.objects.filter(content_object_id=self.pk).values_list("tag_id")
        keys.update(tag_list_key(tag_id) for (tag_id,) in tag_ids)
        authors = ArticleAuthor.objects.filter(article_id=self.pk).values_list(
            "person__translation_key"
        )
        mentioned = Person.objects.filter(mentioned_in=self.pk).values_list("translation_key")
        keys.update(person_list_key(key) for (key,) in [*authors, *mentioned])
        return keys

    def announce_change(self, lists_before=()):
        """Tell the caches that this article and the lists it was or is on have changed."""
        keys = {page_key(self.pk), translations_key(self.translation_key), *lists_before}
        if self.live:
            keys |= self.list_keys()
        announce_change(*keys)

    def quoted_people(self):
        """The people chosen as speakers of the body's quotes (typed-in names have no page)."""
        return [
            block.value["speaker"]
            for block in self.body
            if block.block_type == "quote" and block.value["speaker"]
        ]

    def save_base(self, *args, update_fields=None, **kwargs):
        """Saving an existing article writes every field but the view count, which stays as stored.

        The instance being saved may have been read before readers' views arrived (an editor's
        publish, an old revision's object); writing its count back would erase those views.
        """
        self.live_copy = self.live
        if update_fields is None and not self._state.adding:
            update_fields = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "view_count"
            ]
        elif update_fields is not None and "live" in update_fields:
            update_fields = {*update_fields, "live_copy"}
        return super().save_base(*args, update_fields=update_fields, **kwargs)

    def with_content_json(self, content):
        """Publishing a revision must not roll the view count back to the revision's value."""
        obj = super().with_content_json(content)
        obj.view_count = self.view_count
        obj.section_id = self.section_id
        return obj

    @property
    def summary(self):
        """One or two sentences for search results and sharing cards, 200 characters at most."""
        return Truncator(self.search_description or self.subtitle or self.lead).chars(200)

    @cached_property
    def byline(self):
        """The authors in byline order (the outlet's credit is used when there are none)."""
        return [link.person for link in self.authors.select_related("person")]

    def story_links(self, request):
        """(byline, tags, people mentioned) as the page shows them.

        A preview shows the editor's unsaved choices, which live on the object
        (modelcluster); a published page reads them in one query (story_links_read).
        """
        if getattr(request, "is_preview", False):
            return self.byline, list(self.tags.all()), list(self.people.all())
        byline, people, tags = story_links_read(self.pk)
        self.byline = byline
        return byline, tags, people

    def related_story_ids(self, tag_ids, limit=RELATED_STORIES):
        """Ids of other stories sharing a tag with this one, newest first, topped up from the
        section's newest.

        Candidates come from each tag's own index, newest first and a few per tag, in one
        UNION ALL: ORDER BY over `tag_id IN (…)` would read every story of a popular tag,
        and the ORM cannot put LIMIT inside a SQLite compound query.
        """
        related = []
        if tag_ids:
            related = related_query(limit).values(timezone.now(), self.locale_id, self.pk, *tag_ids)
        if len(related) < limit and self.section_id:
            taken = {self.pk, *related}
            newest = SectionPage.newest_story_ids(self.section_id)
            related += [pk for pk in newest if pk not in taken][: limit - len(related)]
        return related

    def related_stories(self, limit=RELATED_STORIES):
        """The related stories as articles ready for cards (see related_story_ids)."""
        ids = self.related_story_ids(list(self.tags.values_list("pk", flat=True)), limit)
        stories = ArticlePage.objects.filter(pk__in=ids).for_cards().in_bulk()
        return [stories[pk] for pk in ids]

    def more_story_ids(self):
        """The section's newest stories after this one, for "More in …"."""
        if not self.section_id:
            return []
        newest = SectionPage.newest_story_ids(self.section_id)
        return [pk for pk in newest if pk != self.pk][: settings.NEWSDESK_PAGE_SIZE // 2]

    def hero_renditions(self):
        """The hero picture at each size (HERO_SIZES) as Pictures, or None without one.

        Read once for the page's <img> and its sharing card (see articles.pictures).
        """
        if not self.hero_image_id:
            return None
        pictures = pictures_of(self.hero_image, HERO_RENDITIONS)
        return dict(zip(HERO_SIZES, pictures, strict=True))

    def shown_keys(self, byline, tags, people):
        """What this article's own page shows besides story cards."""
        keys = [
            page_key(self.pk),
            translations_key(self.translation_key),
            page_key(self.section_id),
            *(tag_key(tag.pk) for tag in tags),
            *(person.surrogate_key for person in [*byline, *people]),
        ]
        if self.hero_image_id:
            keys.append(image_key(self.hero_image_id))
        for block in self.body:
            if block.block_type == "image" and block.value["image"]:
                keys.append(image_key(block.value["image"].pk))
        return keys

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        byline, tags, people = self.story_links(request)
        shows(*self.shown_keys(byline, tags, people))
        context.update(
            tags=tags,
            people_mentioned=people,
            hero=self.hero_renditions(),
            related_cards=story_cards(request, self.related_story_ids([tag.pk for tag in tags])),
            more_cards=story_cards(request, self.more_story_ids()),
        )
        return context


# What an article page shows of each person and tag, read as plain rows (see story_links).
PERSON_COLUMNS = ["id", "locale_id", "name", "slug", "credentials", "affiliation"]
TAG_COLUMNS = ["id", "name", "slug"]
BYLINE, MENTIONED, TAGGED = 0, 1, 2


def person_from_row(row):
    """A Person from one of the story links' rows; its other fields load when read."""
    return Person.from_db(None, PERSON_COLUMNS, row)


# One UNION ALL for an article's byline, people mentioned and tags: three queries before,
# and two round trips saved is most of what they cost on PostgreSQL. Table names come from
# the models; every name here is a plain lowercase identifier on SQLite and PostgreSQL.
STORY_LINKS_SQL = """
    SELECT {byline}, a.sort_order, a.id, {people} FROM {authors} a
        JOIN {person} p ON p.id = a.person_id WHERE a.article_id = %s
    UNION ALL
    SELECT {mentioned}, 0, 0, {people} FROM {mentions} m
        JOIN {person} p ON p.id = m.person_id WHERE m.articlepage_id = %s
    UNION ALL
    SELECT {tagged}, t.id, 0, g.id, NULL, g.name, g.slug, NULL, NULL FROM {tag_links} t
        JOIN {tags} g ON g.id = t.tag_id WHERE t.content_object_id = %s
"""


@cache
def story_links_sql():
    return STORY_LINKS_SQL.format(
        byline=BYLINE,
        mentioned=MENTIONED,
        tagged=TAGGED,
        people=", ".join(f"p.{column}" for column in PERSON_COLUMNS),
        authors=ArticleAuthor._meta.db_table,
        person=Person._meta.db_table,
        mentions=ArticlePage.people.through._meta.db_table,
        tag_links=ArticleTag._meta.db_table,
        tags=ArticleTag.tag.field.related_model._meta.db_table,
    )


def story_links_read(article_id):
    """(byline, people mentioned, tags) of a published article, in the editors' order."""
    alias = router.db_for_read(ArticlePage)
    rows = statement_rows(alias, story_links_sql(), [article_id] * 3)
    rows.sort(key=lambda row: row[:3])
    byline = [person_from_row(row[3:]) for row in rows if row[0] == BYLINE]
    people = sorted(
        (person_from_row(row[3:]) for row in rows if row[0] == MENTIONED),
        key=lambda person: person.name,
    )
    tag_model = ArticleTag.tag.field.related_model
    tags = [
        tag_model.from_db(alias, TAG_COLUMNS, (row[3], row[5], row[6]))
        for row in rows
        if row[0] == TAGGED
    ]
    return byline, people, tags


# Prepared, and unordered: building this query of a page's ~60 columns cost the ORM more
# than twice what SQLite takes to answer it (0.6 ms of a 1.4 ms lookup).
ARTICLE_BY_ADDRESS = PreparedQuery(
    ArticlePage,
    lambda url_path: ArticlePage.objects.live().filter(url_path=url_path).order_by()[:1],
)


SECTION_NEWEST_QUERY = PreparedQuery(
    ArticlePage,
    lambda now, section_id: (
        ArticlePage.objects.published(now)
        .filter(section_id=section_id)
        .newest_first()
        .values_list("pk", flat=True)[:SECTION_NEWEST_COUNT]
    ),
)


@cache
def related_query(limit):
    """The prepared query of related_story_ids for `limit` stories."""
    return PreparedQuery(
        ArticlePage,
        lambda now, locale_id, article_id, *tag_ids: (
            ArticlePage.objects.published(now)
            .in_edition(locale_id)
            .exclude(pk=article_id)
            .filter(pk__in=newest_per_tag(tag_ids, RELATED_CANDIDATES_PER_TAG, now))
            .newest_first()
            .values_list("pk", flat=True)[:limit]
        ),
    )


def newest_per_tag(tag_ids, per_tag, now=None):
    """SQL for the ids of the newest stories of each tag (published or not), `per_tag` each.

    For `pk__in=`: the caller's query filters the candidates in the same round trip.
    """
    part = (
        "SELECT content_object_id FROM (SELECT content_object_id FROM articles_articletag "
        "WHERE tag_id = %s AND published_at <= %s "
        "ORDER BY published_at DESC LIMIT %s) AS tag_{}"
    )
    sql = " UNION ALL ".join(part.format(number) for number in range(len(tag_ids)))
    now = now or timezone.now()
    params = [value for tag_id in tag_ids for value in (tag_id, now, per_tag)]
    return RawSQL(sql, params)


def due_articles_announce(since, until):
    """Announce the articles whose publication time came between `since` and `until`.

    An article published ahead of its time is live but left out of every list until then;
    nothing is saved when the moment comes, so the lists it joins are announced here.
    Returns how many articles came due.
    """
    due = list(ArticlePage.objects.came_due(since, until))
    for article in due:
        article.announce_change()
    return len(due)
