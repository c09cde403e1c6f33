"""Sitemaps for search engines: an index, each edition's pages, its months, and its news.

`/sitemap.xml` is a sitemap index listing, for every edition, its home and sections
(`pages.xml`), a Google News sitemap of its last 48 hours (`news.xml`) and one sitemap per
month of its archive (`2026-11.xml`). A month of one edition holding more than MAX_URLS
stories is cut into runs of days, each under it (`2026-11-01-09.xml`, `2026-11-10-30.xml`).

Why not Django's sitemap views: `django.contrib.sitemaps.views.index` counts every section
through its paginator (one query each) and pages with `?p=`, and `views.sitemap` renders each
address through a template: 10,000 addresses took 340 ms in the template and 9 ms as joined
strings on the development machine. At a million articles the busiest month of an edition
holds about 20,000, so the months are written here as strings, from two queries each, and
the index reads the kept counts of stories per day (syndication.archive) instead of
counting the archive. Django's `sitemap_index.xml` template still renders the index (a few
hundred entries).

Every query reads the `article_section_newest` index (section, publication time, live
articles only): a month is one range of it per section, never a walk over the archive.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from django.db.models import CharField
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.keys import edition_list_key, month_list_key
from newsdesk.articles.models import ArticlePage, HomePage, SectionPage
from newsdesk.editions.editions import (
    edition_homes,
    edition_names,
    edition_settings,
    language_code_of,
    live_children,
)
from newsdesk.editions.keys import edition_key
from newsdesk.pagecache.keys import changes_at, shows
from newsdesk.syndication.addresses import Addresses
from newsdesk.syndication.archive import raw_rows, section_ids, sections_by_edition, story_days

# The protocol allows 50,000 addresses a sitemap; a month is cut into runs of days holding
# at most MAX_URLS, so that any sitemap renders in well under 200 ms uncached. (One day over
# it still makes one sitemap: a day of one edition would need 50,000 stories to break it.)
MAX_URLS = 5_000
# Google News reads the last two days, at most 1,000 stories a sitemap.
NEWS_HOURS = 48
NEWS_MAX_URLS = 1_000
XML_CONTENT_TYPE = "application/xml; charset=utf-8"
MARKUP = re.compile(r"[&<>\"']")
URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml"{extra}>\n'
)
NEWS_NAMESPACE = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


@dataclass(frozen=True)
class Span:
    """A span of one edition's archive listed by one sitemap: a month, or a run of its days
    (`first_day` to `last_day`, both included; 31 stands for the month's last)."""

    language_code: str
    year: int
    month: int
    first_day: int = 1
    last_day: int = 31

    @property
    def days(self):
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def whole_month(self):
        return self.first_day == 1 and self.last_day >= self.days

    @property
    def start(self):
        return datetime(self.year, self.month, self.first_day, tzinfo=UTC)

    @property
    def end(self):
        last = datetime(self.year, self.month, min(self.last_day, self.days), tzinfo=UTC)
        return last + timedelta(days=1)

    @property
    def name(self):
        name = f"{self.year:04d}-{self.month:02d}"
        if self.whole_month:
            return name
        return f"{name}-{self.first_day:02d}-{min(self.last_day, self.days):02d}"


def month_spans(language_code, year, month, stories_by_day):
    """The month as runs of days of at most MAX_URLS stories (a day is never cut), or as
    one span when it holds no more; nothing for a month without stories."""
    total = sum(stories_by_day.values())
    if total <= MAX_URLS:
        return [Span(language_code, year, month)] if total else []
    spans, first, size = [], 1, 0
    days = Span(language_code, year, month).days
    for day in range(1, days + 1):
        stories = stories_by_day.get(day, 0)
        if size and size + stories > MAX_URLS:
            spans.append(Span(language_code, year, month, first, day - 1))
            first, size = day, 0
        size += stories
    spans.append(Span(language_code, year, month, first, days))
    return spans


def archive_spans(now=None):
    """Every edition's sitemap spans that list at least one story, newest first per edition.

    Read from the kept counts of stories per day (syndication.archive), never the archive.
    """
    now = now or timezone.now()
    languages = [code for code in edition_names() if code in edition_homes()]
    spans = [
        span
        for (code, year, month), days in story_days(now.astimezone(UTC).date()).items()
        if code in languages
        for span in month_spans(code, year, month, days)
    ]
    order = {code: position for position, code in enumerate(languages)}
    return sorted(spans, key=lambda span: (order[span.language_code], -span.start.timestamp()))


def last_moment_before(end, now):
    """The last moment of a span ending (exclusively) at `end`, and never after now."""
    return min(end - timedelta(microseconds=1), now)


def published_between(start, end, sections, now=None):
    """Published stories of these sections with a publication time in [start, end).

    The end is the moment `published()` is asked about, not a second bound beside it: with
    two upper bounds on the publication time SQLite read each story's row to check one
    (4 ms a month at 100,000 articles instead of 0.02 ms from the index alone).
    """
    return (
        ArticlePage.objects.published(now=last_moment_before(end, now or timezone.now()))
        .filter(section_id__in=sections, published_at__gte=start)
        .order_by()
    )


def span_from_name(language_code, name):
    """The Span a sitemap's file name stands for; Http404 for a name no span has.

    A run of days is named by its first and last day; a whole month only by the month.
    """
    pieces = name.split("-")
    try:
        if len(pieces) not in (2, 4):
            raise ValueError(name)
        year, month, *days = (int(piece) for piece in pieces)
        if not (1 <= month <= 12 and 1900 < year < 10_000):
            raise ValueError(name)
        span = Span(language_code, year, month, *days)
        if days and (span.whole_month or not 1 <= span.first_day <= span.last_day <= span.days):
            raise ValueError(name)
    except ValueError as error:
        raise Http404(f"No sitemap is called {name}.xml") from error
    return span


def w3c_datetime(moment):
    """A W3C datetime in UTC, from a datetime or from a database's UTC text."""
    if isinstance(moment, str):
        return f"{moment[:10]}T{moment[11:19]}+00:00"
    if moment.utcoffset():
        moment = moment.astimezone(UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}+00:00"
    )


def xml_text(text):
    """`text` escaped for XML; addresses made of slugs need nothing, and are checked once."""
    return escape(text, {'"': "&quot;"}) if MARKUP.search(text) else text


def url_entry(location, lastmod, alternates=()):
    """One <url> of a urlset, with hreflang alternates (the page itself among them).

    Written with as little per-address work as can be: a month holds up to MAX_URLS.
    """
    entry = f"<url><loc>{xml_text(location)}</loc>"
    if lastmod:
        entry += f"<lastmod>{w3c_datetime(lastmod)}</lastmod>"
    for code, href in alternates:
        entry += f'<xhtml:link rel="alternate" hreflang="{code}" href="{xml_text(href)}"/>'
    return entry + "</url>\n"


def xml_response(parts):
    return HttpResponse("".join(parts).encode(), content_type=XML_CONTENT_TYPE)


def edition_or_404(language_code):
    if language_code not in edition_names() or language_code not in edition_homes():
        raise Http404(f"There is no edition {language_code!r}")


def month_sitemap(request, language_code, name):
    """One span of an edition's archive, with each story's translations from the same span.

    Translations are looked up among the span's stories of every edition (they are
    usually published within hours of the original): a translation published in another
    span is left out of both sitemaps, and still named by both pages' own hreflang links.
    """
    edition_or_404(language_code)
    span = span_from_name(language_code, name)
    # Its stories and their translations are of this month in some edition; their
    # addresses are made of the editions' section slugs. Other months' changes leave it be.
    shows(*(month_list_key(code, span.start) for code in edition_names()))
    shows(*(edition_key(code) for code in edition_names()))
    addresses = Addresses(request)
    sections = sections_by_edition()
    now = timezone.now()
    # The last publish as the database's text: parsing and formatting it again as a
    # datetime cost 6 µs an address.
    own = raw_rows(
        published_between(span.start, span.end, sections.get(language_code, []), now)
        .annotate(lastmod=Cast("last_published_at", CharField()))
        .values_list("url_path", "lastmod", "translation_key")
    )
    others = raw_rows(
        published_between(
            span.start,
            span.end,
            [pk for code, ids in sections.items() if code != language_code for pk in ids],
            now,
        ).values_list("locale_id", "url_path", "translation_key")
    )
    # Each story's versions (its own address first); a story with one has no alternates.
    by_key = {}
    for url_path, _lastmod, translation_key in own:
        location = addresses.page(language_code, url_path)
        if location:
            by_key[translation_key] = [(language_code, location)]
    codes = {}
    for locale_id, url_path, translation_key in others:
        versions = by_key.get(translation_key)
        if versions is not None:
            code = codes.get(locale_id) or codes.setdefault(locale_id, language_code_of(locale_id))
            location = addresses.page(code, url_path)
            if location:
                versions.append((code, location))
    if not own and span.parts == 1 and span.start > timezone.now():
        raise Http404("That month has not come yet")
    parts = [URLSET_OPEN.format(extra="")]
    for _url_path, lastmod, translation_key in own:
        versions = by_key.get(translation_key)
        if versions:
            parts.append(url_entry(versions[0][1], lastmod, versions if len(versions) > 1 else ()))
    parts.append("</urlset>\n")
    return xml_response(parts)


def pages_sitemap(request, language_code):
    """An edition's home page and live sections, with their translations as alternates."""
    edition_or_404(language_code)
    shows(*(edition_key(code) for code in edition_names()))
    addresses = Addresses(request)
    home = edition_homes(request)[language_code]
    sections = SectionPage.objects.live().filter(pk__in=live_children(home).values("pk"))
    pages = [home, *sections.order_by("position", "title")]
    keys = [page.translation_key for page in pages]
    versions = {}
    for model in (HomePage, SectionPage):
        rows = model.objects.live().filter(translation_key__in=keys).order_by()
        for translation_key, locale_id, url_path in rows.values_list(
            "translation_key", "locale_id", "url_path"
        ):
            location = addresses.page(language_code_of(locale_id), url_path)
            if location:
                versions.setdefault(translation_key, []).append(
                    (language_code_of(locale_id), location)
                )
    parts = [URLSET_OPEN.format(extra="")]
    for page in pages:
        found = versions.get(page.translation_key, [])
        parts.append(
            url_entry(addresses.of(page), page.last_published_at, found if len(found) > 1 else ())
        )
    parts.append("</urlset>\n")
    return xml_response(parts)


def news_sitemap(request, language_code):
    """Google News: the edition's stories of the last 48 hours, newest first, 1,000 at most."""
    edition_or_404(language_code)
    now = timezone.now()
    shows(edition_list_key(language_code), edition_key(language_code))
    outlet_name = edition_settings(edition_homes(request)[language_code].locale).outlet_name
    addresses = Addresses(request)
    rows = list(
        published_between(now - timedelta(hours=NEWS_HOURS), now, section_ids(language_code))
        .order_by("-published_at", "-pk")
        .values_list("url_path", "published_at", "title")[:NEWS_MAX_URLS]
    )
    if rows:
        # The sitemap changes by itself when its oldest story turns 48 hours old.
        changes_at(rows[-1][1] + timedelta(hours=NEWS_HOURS))
    parts = [URLSET_OPEN.format(extra=NEWS_NAMESPACE)]
    for url_path, published_at, title in rows:
        location = addresses.page(language_code, url_path)
        if location is None:
            continue
        parts.append(
            f"<url><loc>{escape(location)}</loc><news:news><news:publication>"
            f"<news:name>{escape(outlet_name)}</news:name>"
            f"<news:language>{language_code}</news:language></news:publication>"
            f"<news:publication_date>{w3c_datetime(published_at)}</news:publication_date>"
            f"<news:title>{escape(title)}</news:title></news:news></url>\n"
        )
    parts.append("</urlset>\n")
    return xml_response(parts)


def sitemap_index(request):
    """The sitemap index: every edition's pages, news and archive months."""
    shows(*(edition_list_key(code) for code in edition_names()))
    shows(*(edition_key(code) for code in edition_names()))
    addresses = Addresses(request)
    spans = archive_spans()
    entries = []
    for code in edition_names():
        if code not in edition_homes(request):
            continue
        for name in ("pages", "news"):
            entries.append(reverse(f"sitemap_{name}", kwargs={"language_code": code}))
        # One reverse() per edition, not per sitemap (80 µs each, 400 sitemaps at a million).
        month_path = reverse("sitemap_month", kwargs={"language_code": code, "name": "MONTH"})
        entries += [
            month_path.replace("MONTH", span.name) for span in spans if span.language_code == code
        ]
    sitemaps = [{"location": addresses.absolute(path), "lastmod": None} for path in entries]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": sitemaps}, content_type=XML_CONTENT_TYPE
    )
