"""Importing a WordPress export (WXR) into an edition: posts, sections, tags, people, pictures.

WXR is RSS 2.0 with WordPress's namespaces (`wp:` 1.0 to 1.2, `content:`, `excerpt:`,
`dc:`). The file is read twice with a streaming parser (defusedxml, which refuses entity
expansion tricks): first the site, its authors, categories and attachments (a post may
name a featured picture defined after it), then the posts, each imported in a transaction of
its own. A malformed file is read up to the error: what came before is imported and the
error is reported with its line and column. Every item imported is recorded
(ImportedItem), so a second run creates nothing new. Old addresses (the post's permalink
and `?p=<id>`) become Wagtail redirects to the new pages.
"""

import email.utils
import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from anyascii import anyascii
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from defusedxml import ElementTree
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Locale, Site

from newsdesk.articles.models import (
    RESERVED_SLUGS,
    ArticleAuthor,
    ArticlePage,
    HomePage,
    SectionPage,
)
from newsdesk.newsroom.models import ImportedItem
from newsdesk.people.models import Person

IMPORTED_STATUSES = {"publish": True, "future": True, "draft": False, "pending": False}
# WordPress's catch-all category: such posts go to the command's default section.
UNCATEGORIZED = "uncategorized"
EMPTY_DATE = "0000-00-00 00:00:00"
# WordPress names resized copies "photo-300x200.jpg"; the folder may hold only the original.
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
SHORTCODE_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL)
SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*[^\]]*\]")
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "ul", "ol", "div"}
INLINE_KEPT = {"b": "b", "strong": "b", "i": "i", "em": "i", "a": "a", "br": "br"}
MAX_SLUG = 255


def local_name(tag):
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id', whatever the WXR version."""
    if not tag.startswith("{"):
        return tag
    uri, _, name = tag[1:].partition("}")
    if uri.startswith("http://wordpress.org/export/"):
        return f"excerpt:{name}" if uri.rstrip("/").endswith("excerpt") else f"wp:{name}"
    prefixes = {
        "http://purl.org/rss/1.0/modules/content/": "content",
        "http://purl.org/dc/elements/1.1/": "dc",
    }
    return f"{prefixes.get(uri, uri)}:{name}"


def child_text(element, name, default=""):
    for child in element:
        if local_name(child.tag) == name:
            return (child.text or "").strip()
    return default


@dataclass
class Export:
    """What the first reading found: the site, its authors, categories, pictures."""

    site_url: str = ""
    authors: dict = field(default_factory=dict)  # login -> display name
    categories: dict = field(default_factory=dict)  # nicename -> name
    attachments: dict = field(default_factory=dict)  # WordPress id -> file URL
    attachment_ids: dict = field(default_factory=dict)  # file URL -> WordPress id
    attachment_titles: dict = field(default_factory=dict)  # WordPress id -> title
    posts: int = 0
    error: str = ""  # the parser's complaint, with its line and column


class MalformedExport(Exception):
    """The file is not XML (or stops being XML) at some point."""


def elements(path, wanted):
    """Yield (name, element) for each finished element whose local name is in `wanted`;
    elements are dropped once yielded. Raises MalformedExport where the XML breaks."""
    try:
        for _event, element in ElementTree.iterparse(str(path), events=("end",)):
            name = local_name(element.tag)
            if name in wanted:
                yield name, element
                if name == "item":
                    element.clear()
    except ElementTree.ParseError as error:
        line, column = error.position
        raise MalformedExport(f"line {line}, column {column}: {error.msg}") from error


def export_read(path):
    """First reading: the site and what posts refer to. Never raises for bad XML."""
    export = Export()
    wanted = {"item", "wp:author", "wp:category", "wp:base_site_url", "link"}
    try:
        for name, element in elements(path, wanted):
            if name == "wp:author":
                login = child_text(element, "wp:author_login")
                if login:
                    export.authors[login] = child_text(element, "wp:author_display_name") or login
            elif name == "wp:category":
                nicename = child_text(element, "wp:category_nicename")
                if nicename:
                    export.categories[nicename] = child_text(element, "wp:cat_name") or nicename
            elif name in ("wp:base_site_url", "link") and not export.site_url:
                export.site_url = (element.text or "").strip().rstrip("/")
            elif name == "item":
                kind = child_text(element, "wp:post_type")
                if kind == "attachment":
                    url = child_text(element, "wp:attachment_url")
                    wordpress_id = child_text(element, "wp:post_id")
                    if url and wordpress_id.isdigit():
                        export.attachments[int(wordpress_id)] = url
                        export.attachment_ids[url] = int(wordpress_id)
                        export.attachment_titles[int(wordpress_id)] = child_text(element, "title")
                elif kind == "post":
                    export.posts += 1
    except MalformedExport as error:
        export.error = str(error)
    return export


@dataclass
class Post:
    """One post of the export, as plain values (the XML element is dropped after reading)."""

    wordpress_id: int | None
    title: str
    link: str
    slug: str
    status: str
    kind: str
    author: str
    content: str
    excerpt: str
    date_gmt: str
    date_local: str
    pub_date: str
    categories: list
    tags: list
    thumbnail_id: int | None


def post_of(element):
    categories, tags, thumbnail = [], [], None
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            label = (child.text or "").strip()
            nicename = child.get("nicename") or slugify(anyascii(label))
            if child.get("domain") == "category":
                categories.append((nicename, label))
            elif child.get("domain") == "post_tag" and label:
                tags.append(label)
        elif name == "wp:postmeta" and child_text(child, "wp:meta_key") == "_thumbnail_id":
            value = child_text(child, "wp:meta_value")
            thumbnail = int(value) if value.isdigit() else None
    wordpress_id = child_text(element, "wp:post_id")
    return Post(
        wordpress_id=int(wordpress_id) if wordpress_id.isdigit() else None,
        title=child_text(element, "title"),
        link=child_text(element, "link"),
        slug=unquote(child_text(element, "wp:post_name")),
        status=child_text(element, "wp:status"),
        kind=child_text(element, "wp:post_type") or "post",
        author=child_text(element, "dc:creator"),
        content=child_text(element, "content:encoded"),
        excerpt=child_text(element, "excerpt:encoded"),
        date_gmt=child_text(element, "wp:post_date_gmt"),
        date_local=child_text(element, "wp:post_date"),
        pub_date=child_text(element, "pubDate"),
        categories=categories,
        tags=tags,
        thumbnail_id=thumbnail,
    )


@dataclass
class ImportResult:
    """What a run did and what it could not do, for the command's summary."""

    created: int = 0
    already_imported: int = 0
    not_posts: int = 0
    skipped: int = 0
    sections: int = 0
    people: int = 0
    images: int = 0
    redirects: int = 0
    messages: list = field(default_factory=list)
    error: str = ""


def slug_of(text):
    """A Latin slug, as the site's addresses are written (transliterated, lower case)."""
    return slugify(anyascii(text))[:MAX_SLUG]


class WordPressImport:
    """Imports the posts of one export file into one edition (see the module docstring)."""

    def __init__(self, path, language_code, media_dir=None, default_section="general"):
        self.path = Path(path)
        self.locale = Locale.objects.get(language_code=language_code)
        self.home = HomePage.objects.get(locale=self.locale)
        self.media_dir = Path(media_dir) if media_dir else None
        self.default_section = default_section
        self.export = export_read(self.path)
        self.source = self.export.site_url or self.path.name
        self.result = ImportResult(error=self.export.error)
        self.sections = {}
        self.people = {}
        self.site = Site.objects.filter(is_default_site=True).first()

    def warn(self, post, message):
        where = f"post {post.wordpress_id} '{post.title[:60]}'" if post else "export"
        self.result.messages.append(f"{where}: {message}")

    def run(self, progress=None):
        """Import every post; returns the ImportResult. `progress(n)` is told of each item."""
        try:
            for _name, element in elements(self.path, {"item"}):
                post = post_of(element)
                if post.kind == "post":
                    self.post_import(post)
                    if progress:
                        progress(1)
                elif post.kind != "attachment":
                    self.result.not_posts += 1
        except MalformedExport as error:
            self.result.error = str(error)
        return self.result

    def post_import(self, post):
        if post.wordpress_id is None:
            self.warn(post, "it has no WordPress id (wp:post_id); skipped")
            self.result.skipped += 1
            return
        if ImportedItem.objects.filter(
            source=self.source, kind="post", wordpress_id=post.wordpress_id
        ).exists():
            self.result.already_imported += 1
            return
        if post.status not in IMPORTED_STATUSES:
            self.warn(post, f"status '{post.status or 'none'}' is not imported")
            self.result.skipped += 1
            return
        if not post.title:
            self.warn(post, "it has no title; skipped")
            self.result.skipped += 1
            return
        try:
            with transaction.atomic():
                self.article_create(post)
        except Exception as error:  # one bad post must not stop the others
            self.warn(post, f"not imported: {error}")
            self.result.skipped += 1
            return
        self.result.created += 1

    def article_create(self, post):
        section = self.section_for(post)
        author = self.author_for(post)
        body = self.body_of(post)
        article = ArticlePage(
            title=post.title[:255],
            slug=find_available_slug(section, slug_of(post.slug or post.title) or "story"),
            locale=self.locale,
            lead=BeautifulSoup(post.excerpt, "html.parser").get_text(" ", strip=True),
            published_at=self.date_of(post),
            body=body,
            hero_image=self.picture(post, self.export.attachments.get(post.thumbnail_id))
            if post.thumbnail_id
            else None,
            live=False,
        )
        if post.thumbnail_id and post.thumbnail_id not in self.export.attachments:
            self.warn(
                post, f"its featured image (attachment {post.thumbnail_id}) is not in the export"
            )
        if author is not None:
            article.authors.add(ArticleAuthor(person=author, sort_order=0))
        if post.tags:
            article.tags.add(*post.tags)
        section.add_child(instance=article)
        revision = article.save_revision()
        if IMPORTED_STATUSES[post.status]:
            revision.publish()
        ImportedItem.objects.create(
            source=self.source, kind="post", wordpress_id=post.wordpress_id, page=article
        )
        self.redirects_add(post, article)
        return article

    def date_of(self, post):
        if post.date_gmt and post.date_gmt != EMPTY_DATE:
            try:
                return datetime.strptime(post.date_gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            except ValueError:
                pass
        if post.date_local:
            # A draft has no GMT date yet; its local one is read in the site's time zone.
            try:
                naive = datetime.strptime(post.date_local, "%Y-%m-%d %H:%M:%S")
                return timezone.make_aware(naive)
            except ValueError:
                pass
        if post.pub_date:
            try:
                parsed = email.utils.parsedate_to_datetime(post.pub_date)
                if parsed.year > 1:
                    return parsed
            except (TypeError, ValueError):
                pass
        self.warn(post, "it has no readable date; dated now")
        return timezone.now()

    def section_for(self, post):
        """The section of the post's first category, made under the edition when missing."""
        categories = [item for item in post.categories if item[0] != UNCATEGORIZED]
        nicename, label = categories[0] if categories else (self.default_section, "")
        slug = slug_of(nicename) or self.default_section
        if slug in RESERVED_SLUGS:
            slug = f"{slug}-section"
        if slug not in self.sections:
            section = SectionPage.objects.child_of(self.home).filter(slug=slug).first()
            if section is None:
                title = self.export.categories.get(nicename) or label or slug.replace("-", " ")
                section = SectionPage(
                    title=title.capitalize() if title.islower() else title, slug=slug
                )
                self.home.add_child(instance=section)
                section.save_revision().publish()
                self.result.sections += 1
            self.sections[slug] = section.specific
        return self.sections[slug]

    def author_for(self, post):
        """The post's author as a person of the edition; None (with a message) when unknown."""
        login = post.author
        if not login:
            return None
        if login not in self.export.authors:
            self.warn(post, f"author '{login}' is not among the export's authors; no byline")
            return None
        if login not in self.people:
            slug = slug_of(login) or "author"
            person = Person.objects.filter(locale=self.locale, slug=slug).first()
            if person is None:
                person = Person.objects.create(
                    locale=self.locale, slug=slug, name=self.export.authors[login], is_author=True
                )
                self.result.people += 1
            self.people[login] = person
        return self.people[login]

    def media_file(self, url):
        """The file a WordPress media URL names, found in the media folder (or None)."""
        if not self.media_dir or not url:
            return None
        path = PurePosixPath(unquote(urlsplit(url).path))
        parts = path.parts
        candidates = []
        if "uploads" in parts:
            candidates.append(Path(*parts[parts.index("uploads") + 1 :]))
        candidates.append(Path(path.name))
        for candidate in list(candidates):
            original = SIZE_SUFFIX.sub("", candidate.name)
            if original != candidate.name:
                candidates.append(candidate.with_name(original))
        for candidate in candidates:
            found = self.media_dir / candidate
            if found.is_file():
                return found
        return None

    def picture(self, post, url, title=""):
        """A Wagtail image for a WordPress media URL, made once per file; None when missing."""
        if not url:
            return None
        wordpress_id = self.export.attachment_ids.get(url) or self.export.attachment_ids.get(
            SIZE_SUFFIX.sub("", url)
        )
        kind = "attachment" if wordpress_id else "media-url"
        if wordpress_id is None:
            wordpress_id = int(hashlib.sha1(url.encode()).hexdigest()[:15], 16)
        record = ImportedItem.objects.filter(
            source=self.source, kind=kind, wordpress_id=wordpress_id
        ).first()
        if record and record.image_id:
            return record.image
        found = self.media_file(url)
        if found is None:
            self.warn(post, f"picture {url} is not in the media folder; left out")
            return None
        try:
            with PillowImage.open(found) as opened:
                opened.verify()
        except (UnidentifiedImageError, OSError) as error:
            self.warn(post, f"picture {found.name} cannot be read ({error}); left out")
            return None
        title = (kind == "attachment" and self.export.attachment_titles.get(wordpress_id)) or title
        with found.open("rb") as handle:
            image = get_image_model().objects.create(
                title=(title or found.stem)[:255], file=ImageFile(handle, name=found.name)
            )
        ImportedItem.objects.create(
            source=self.source, kind=kind, wordpress_id=wordpress_id, image=image
        )
        self.result.images += 1
        return image

    def redirects_add(self, post, article):
        """The post's old permalink and `/?p=<id>` lead to the new page."""
        paths = [f"/?p={post.wordpress_id}"]
        if post.link:
            old = urlsplit(post.link)
            paths.append(old.path + (f"?{old.query}" if old.query else ""))
        for old_path in dict.fromkeys(Redirect.normalise_path(path) for path in paths):
            if old_path in ("", "/") or old_path == Redirect.normalise_path(article.url or ""):
                continue
            _redirect, made = Redirect.objects.get_or_create(
                old_path=old_path,
                site=self.site,
                defaults={"redirect_page": article, "is_permanent": True},
            )
            self.result.redirects += made

    def body_of(self, post):
        """The post's HTML as body blocks: paragraphs, headings, quotes, pictures.

        Text between block elements is cut into paragraphs at blank lines, as WordPress's
        wpautop does when it shows a classic post.
        """
        html = SHORTCODE_CAPTION.sub(r"<figure>\1</figure>", post.content)
        html = SHORTCODE.sub("", html)
        blocks, inline = [], []
        for node in list(BeautifulSoup(html, "html.parser").children):
            if isinstance(node, Tag) and (node.name in BLOCK_TAGS or node.name == "img"):
                blocks += paragraphs_of(inline)
                inline = []
                blocks += self.blocks_of(post, node)
            elif not isinstance(node, Comment):
                inline.append(node)
        blocks += paragraphs_of(inline)
        # Stored JSON, as the editor saves it.
        return [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in blocks]

    def blocks_of(self, post, node):
        """The blocks of one block-level element."""
        name = node.name
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = node.get_text(" ", strip=True)
            return [("heading", text)] if text else []
        if name == "blockquote":
            cite = node.find("cite")
            speaker = cite.extract().get_text(" ", strip=True) if cite else ""
            text = node.get_text(" ", strip=True)
            quote = {"text": text, "speaker": None, "speaker_name": speaker[:120]}
            quote["speaker_credentials"] = ""
            return [("quote", quote)] if text else []
        if name == "img" or node.find("img"):
            return self.picture_blocks(post, node)
        if name in ("ul", "ol"):
            return [("paragraph", inline_html(node))]
        if name == "div":
            return [
                block
                for child in node.children
                if isinstance(child, Tag)
                for block in self.blocks_of(post, child)
            ]
        return paragraphs_of(list(node.children))

    def picture_blocks(self, post, node):
        """An image block per picture found (text around it kept as a paragraph)."""
        blocks = []
        images = [node] if node.name == "img" else node.find_all("img")
        caption_node = node.find("figcaption") if node.name != "img" else None
        for img in images:
            caption = caption_node.get_text(" ", strip=True) if caption_node else ""
            if not caption and img.next_sibling and isinstance(img.next_sibling, NavigableString):
                caption = str(img.next_sibling).strip()
            image = self.picture(post, img.get("src", ""), title=img.get("alt", ""))
            if image is not None:
                picture = {"image": image.pk, "caption": caption[:255], "credit": ""}
                blocks.append(("image", picture))
            img.decompose()
        if caption_node:
            caption_node.decompose()
        if node.name == "p":
            blocks += paragraphs_of(list(node.children))
        return blocks


def paragraphs_of(nodes):
    """Paragraph blocks of inline nodes, cut at blank lines."""
    html = "".join(inline_html(node) for node in nodes)
    return [
        ("paragraph", f"<p>{part.strip()}</p>")
        for part in re.split(r"\n\s*\n", html)
        if part.strip()
    ]


def inline_html(node):
    """A node as rich text the paragraph block accepts: bold, italic, links, lists."""
    if isinstance(node, Comment):
        return ""
    if isinstance(node, NavigableString):
        return escape(str(node), quote=False)
    if not isinstance(node, Tag):
        return ""
    inner = "".join(inline_html(child) for child in node.children)
    name = node.name
    if name in ("ul", "ol", "li"):
        return f"<{name}>{inner}</{name}>"
    kept = INLINE_KEPT.get(name)
    if kept == "br":
        return "<br/>"
    if kept == "a":
        href = node.get("href", "")
        if href.startswith(("http://", "https://", "mailto:")):
            return f'<a href="{escape(href)}">{inner}</a>'
        return inner
    if kept:
        return f"<{kept}>{inner}</{kept}>"
    return inner
