"""The news itself: edition front pages, sections and articles."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
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
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from newsdesk.articles.blocks import ArticleBodyBlock
from newsdesk.articles.listing import listing_response

# Paths the edition URL space keeps for its own views (see newsdesk/urls.py).
RESERVED_SLUGS = {"search", "tags", "people", "news", "admin", "static", "media"}
# The rendition sizes listings and heroes ask for; prefetched together to save queries.
CARD_RENDITIONS = ["fill-480x270|format-webp", "fill-960x540|format-webp"]
HERO_RENDITIONS = [
    "fill-480x270|format-webp",
    "fill-960x540|format-webp",
    "fill-1440x810|format-webp",
]
MOST_READ_DAYS = 30
# Page ids are 32-bit (Wagtail's AutoField); a larger number from a URL names no article, and
# the database would refuse it with an error instead of an empty answer.
MAX_ARTICLE_ID = 2**31 - 1


def with_card_images(queryset):
    """Fetch each article's hero image and its card renditions in two extra queries in all."""
    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.prefetch_related(Prefetch("hero_image", queryset=images))


class ArticlePageQuerySet(PageQuerySet):
    """Queries for lists of articles, shared by pages, feeds, sitemaps and the API."""

    def published(self):
        """The one definition of a published article: live and its publication time reached."""
        return self.live().filter(published_at__lte=timezone.now())

    def with_id(self, article_id):
        """The article with this id, or nothing for an id no page can have (from a URL)."""
        if not 0 < article_id <= MAX_ARTICLE_ID:
            return self.none()
        return self.filter(pk=article_id)

    def in_edition(self, locale):
        return self.filter(locale=locale)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """What a story card shows: section label and image, fetched up front."""
        return with_card_images(self.select_related("section", "locale"))

    def latest_in(self, section):
        """A section's published articles, newest first."""
        return self.published().filter(section=section).newest_first().for_cards()

    def most_read(self, locale, days=MOST_READ_DAYS):
        """The edition's most viewed articles among those published in the last `days` days."""
        since = timezone.now() - timedelta(days=days)
        return (
            self.published()
            .in_edition(locale)
            .filter(published_at__gte=since)
            .order_by("-view_count", "-published_at")
            .for_cards()
        )


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class HomePage(Page):
    """The front page of one edition: top story, latest news, a block per section, most read.

    Lives in `articles` rather than `editions` because everything it shows is articles.
    """

    top_story = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("top story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the newest featured story."),
    )
    latest_count = models.PositiveSmallIntegerField(_("latest stories shown"), default=8)
    section_story_count = models.PositiveSmallIntegerField(
        _("stories per section block"), default=4
    )

    content_panels = Page.content_panels + [
        PageChooserPanel("top_story", "articles.ArticlePage"),
        FieldRowPanel([FieldPanel("latest_count"), FieldPanel("section_story_count")]),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("edition home page")

    def sections(self):
        """This edition's live sections in their editorial order."""
        return SectionPage.objects.live().child_of(self).order_by("position", "title")

    def lead_story(self, articles):
        """The curated top story if it is published in this edition, else the newest featured."""
        if self.top_story_id:
            curated = articles.filter(pk=self.top_story_id).first()
            if curated:
                return curated
        return articles.filter(is_featured=True).first() or articles.first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.published().in_edition(self.locale).newest_first()
        top = self.lead_story(articles.for_cards())
        rest = articles.exclude(pk=top.pk) if top else articles
        section_blocks = []
        for section in self.sections():
            stories = list(rest.for_cards().filter(section=section)[: self.section_story_count])
            if stories:
                section_blocks.append((section, stories))
        context.update(
            top_story=top,
            latest=list(rest.for_cards()[: self.latest_count]),
            section_blocks=section_blocks,
            most_read=list(ArticlePage.objects.most_read(self.locale)[:5]),
            breaking=articles.filter(
                is_breaking=True, published_at__gte=timezone.now() - timedelta(hours=24)
            ).first(),
        )
        return context


class SectionPage(Page):
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

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is used by the site itself.")})

    def serve(self, request, *args, **kwargs):
        return listing_response(
            request,
            ArticlePage.objects.latest_in(self),
            template="articles/section_page.html",
            context={"page": self, "self": self},
        )


class ArticleTag(TaggedItemBase):
    """The link between an article and a tag."""

    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticleAuthor(Orderable):
    """One name in an article's byline, in the order the editor set."""

    article = ParentalKey("articles.ArticlePage", related_name="authors", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("person")]


class ArticlePage(Page):
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
    ]

    parent_page_types = ["articles.SectionPage"]
    subpage_types = []
    exclude_fields_in_copy = ["view_count"]

    class Meta:
        verbose_name = _("article")
        indexes = [models.Index(fields=["section", "-published_at"], name="article_section_newest")]

    def save(self, *args, **kwargs):
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
        super().save(*args, **kwargs)

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
        if update_fields is None and not self._state.adding:
            update_fields = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "view_count"
            ]
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
        return [link.person for link in self.authors.select_related("person__locale")]

    def related_stories(self, limit=4):
        """Other stories sharing a tag with this one, newest first, topped up from the section."""
        published = ArticlePage.objects.published().in_edition(self.locale).exclude(pk=self.pk)
        tag_ids = list(self.tags.values_list("pk", flat=True))
        related = []
        if tag_ids:
            related = list(
                published.filter(tagged_items__tag_id__in=tag_ids)
                .distinct()
                .newest_first()
                .for_cards()[:limit]
            )
        if len(related) < limit and self.section_id:
            seen = [story.pk for story in related]
            related += list(
                published.filter(section_id=self.section_id)
                .exclude(pk__in=seen)
                .newest_first()
                .for_cards()[: limit - len(related)]
            )
        return related

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        more = ArticlePage.objects.none()
        if self.section_id:
            more = ArticlePage.objects.latest_in(self.section).exclude(pk=self.pk)
        context.update(
            related=self.related_stories(),
            more_stories=list(more[: settings.NEWSDESK_PAGE_SIZE // 2]),
            people_mentioned=list(self.people.select_related("locale")),
        )
        return context
