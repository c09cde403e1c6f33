"""RSS 2.0 feeds of an edition, a section and a tag, on Django's syndication framework.

Each feed comes in two forms: summaries (`/en/feeds/`) and full text (`/en/feeds/full/`),
whose items also carry the rendered body in `content:encoded` with absolute links. Items
have a stable GUID (the article's permanent `/news/<id>/` address, which never changes
when its title or section does), the hero picture as an enclosure, the byline as
`dc:creator`; the channel's `lastBuildDate` is the newest item's time.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsdesk.articles.cards import card_keys
from newsdesk.articles.keys import (
    edition_list_key,
    page_key,
    section_list_key,
    tag_key,
    tag_list_key,
)
from newsdesk.articles.models import ArticleAuthor, ArticlePage, SectionPage
from newsdesk.editions.editions import Edition, active_locale
from newsdesk.editions.keys import edition_key
from newsdesk.pagecache.keys import shows
from newsdesk.syndication.addresses import Addresses, absolute_links

CONTENT_NAMESPACE = "http://purl.org/rss/1.0/modules/content/"
# The hero as feed readers show it: the 960x540 rendition story cards already have.
ENCLOSURE_RENDITION = "fill-960x540|format-webp"


class FullTextRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the content module, for items that carry their whole text."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement("content:encoded", item["content_encoded"])


@dataclass
class FeedSource:
    """What one feed lists: its stories (newest first), its title and page, its keys."""

    title: str
    link: str
    description: str
    stories: object
    full_text: bool
    keys: list = field(default_factory=list)


class StoryFeed(Feed):
    """The newest stories of one listing as RSS 2.0 (see FeedSource for which).

    Made anew for each request: the feed keeps the request's addresses on itself.
    """

    feed_type = FullTextRssFeed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.addresses = Addresses(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, kind, slug=None, full_text=False):
        locale = active_locale()
        edition = Edition(request)
        outlet = edition.settings.outlet_name
        stories = ArticlePage.objects.published().in_edition(locale)
        if kind == "edition":
            keys = [edition_list_key(locale.language_code)]
            home = self.addresses.home(locale.language_code)
            source = FeedSource(
                outlet, home or "/", edition.settings.tagline or outlet, stories.newest_first(),
                full_text, keys,
            )  # fmt: skip
        elif kind == "section":
            # first(): two sites may each have a section of that slug in one edition.
            section = SectionPage.objects.live().filter(locale=locale, slug=slug).first()
            if section is None:
                raise Http404(f"No section {slug!r} in this edition")
            keys = [page_key(section.pk), section_list_key(section.pk)]
            source = FeedSource(
                f"{section.title} — {outlet}", self.addresses.of(section),
                section.description or section.title,
                stories.filter(section=section).newest_first(), full_text, keys,
            )  # fmt: skip
        elif kind == "tag":
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                raise Http404(f"No tag {slug!r}")
            keys = [tag_key(tag.pk), tag_list_key(tag.pk)]
            source = FeedSource(
                f"#{tag.name} — {outlet}",
                self.addresses.absolute(reverse("tag", kwargs={"slug": tag.slug})),
                _("Stories tagged #%(tag)s") % {"tag": tag.name},
                ArticlePage.objects.tagged(tag).in_edition(locale), full_text, keys,
            )  # fmt: skip
        else:
            raise Http404(f"No feed of {kind}")
        shows(edition_key(locale.language_code), *source.keys)
        return source

    def title(self, source):
        return source.title

    def link(self, source):
        return source.link

    def description(self, source):
        return source.description

    def feed_copyright(self, source):
        return Edition(self.request).settings.reuse_notice or None

    def items(self, source):
        ids = list(source.stories.values_list("pk", flat=True)[: settings.NEWSDESK_FEED_ITEMS])
        bylines = ArticleAuthor.objects.select_related("person").order_by("sort_order")
        stories = (
            ArticlePage.objects.filter(pk__in=ids)
            .for_cards()
            .prefetch_related(Prefetch("authors", queryset=bylines))
            .in_bulk()
        )
        items = [stories[pk] for pk in ids if pk in stories]
        for story in items:
            shows(*card_keys(story))
        return items

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.summary or story.title

    def item_link(self, story):
        return self.addresses.of(story)

    def item_guid(self, story):
        return self.addresses.absolute(reverse("article_by_id", args=[story.pk]))

    def item_guid_is_permalink(self, story):
        return True

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.last_published_at

    def item_author_name(self, story):
        names = [link.person.name for link in story.authors.all()]
        return ", ".join(names) or story.byline_credit or None

    def item_categories(self, story):
        return [story.section.title] if story.section else []

    def item_enclosures(self, story):
        if not story.hero_image_id:
            return []
        rendition = story.hero_image.get_rendition(ENCLOSURE_RENDITION)
        try:
            length = rendition.file.size
        except OSError:
            # RSS needs the size in bytes; a file missing from this server's disk gets none.
            return []
        return [
            Enclosure(
                url=self.addresses.absolute(rendition.url),
                length=str(length),
                mime_type="image/webp",
            )
        ]

    def item_extra_kwargs(self, story):
        if not self.source_full_text:
            return {}
        body = story.body.render_as_block(context={"request": self.request, "page": story})
        lead = format_html("<p>{}</p>", story.lead) if story.lead else ""
        return {"content_encoded": absolute_links(lead + str(body), self.addresses.root)}

    def get_feed(self, source, request):
        self.source_full_text = source.full_text
        return super().get_feed(source, request)


def edition_feed(request, full_text=False):
    """The edition's newest stories."""
    return StoryFeed()(request, "edition", full_text=full_text)


def section_feed(request, slug, full_text=False):
    """A section's newest stories."""
    return StoryFeed()(request, "section", slug=slug, full_text=full_text)


def tag_feed(request, slug, full_text=False):
    """The edition's newest stories with a tag."""
    return StoryFeed()(request, "tag", slug=slug, full_text=full_text)
