"""What of an article the reader search indexes, read from `ArticlePage.search_fields`.

The searchable text is what Wagtail's own index takes (the same `index.SearchField`s, the
same StreamField `get_searchable_content`), split into the zones ranking weighs apart:
the title, the standfirst (subtitle and lead) and the body. Beside the words, a document
carries filter terms: its edition, section, tags and people (bylines and people mentioned).
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from html import unescape

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField

from newsdesk.articles.models import ArticleAuthor, ArticlePage, ArticleTag
from newsdesk.editions.editions import language_code_of
from newsdesk.search.analysis import stems, words
from newsdesk.search.engines import engine, rowkey_of
from newsdesk.search.models import SearchEntry

TITLE_FIELDS = {"title"}
STANDFIRST_FIELDS = {"subtitle", "lead"}
# What the indexer reads of each article; the body is the longest part.
INDEXED_COLUMNS = ["id", "title", "subtitle", "lead", "body", "locale_id", "published_at"]
INDEXED_COLUMNS += ["section_id", "live_copy"]
# Body blocks whose strings are addresses, not words (chooser blocks store ids: no strings).
WORDLESS_BLOCKS = {"embed"}
# Markup becomes a space: "<li>one</li><li>two</li>" is two words.
TAG = re.compile(r"<[^>]*>")


def edition_term(language_code):
    """The filter term of every entry of an edition."""
    return "edition" + "".join(char for char in language_code.lower() if char.isalnum())


def section_term(section_id):
    return f"section{section_id}"


def tag_term(tag_id):
    return f"tag{tag_id}"


def person_term(translation_key):
    """People are filtered by translation key: the same person in every edition."""
    return f"person{translation_key.hex}"


def text_of(value, markup=False):
    """Searchable text from a field's value or a list of them; `markup`: rich text's HTML."""
    if isinstance(value, list | tuple):
        return " ".join(text_of(item, markup) for item in value)
    text = str(value or "")
    return unescape(TAG.sub(" ", text)) if markup else text


@dataclass
class Document:
    """One article in index terms (see the module docstring)."""

    article_id: int
    locale_id: int
    language: str
    published_at: object
    title: str
    title_terms: list
    standfirst_terms: list
    body_terms: list
    title_words: list
    standfirst_words: list = field(default_factory=list)
    filter_terms: list = field(default_factory=list)
    # What the engine writes of it (engines.*.prepare), when worked out ahead.
    payload: object = None

    @property
    def rowkey(self):
        return rowkey_of(self.published_at, self.article_id)

    @property
    def edition_term(self):
        return edition_term(self.language)

    @property
    def spelling_words(self):
        """The words suggestions may offer: those of the title and the standfirst, typed out."""
        return self.title_words + self.standfirst_words

    def entry(self):
        return SearchEntry(
            article_id=self.article_id,
            locale_id=self.locale_id,
            rowkey=self.rowkey,
            published_at=self.published_at,
            title=self.title[:255],
        )


def stream_text(raw_blocks):
    """Every string a StreamField's stored blocks hold, except in blocks that hold no words.

    Read from the stored JSON: Wagtail's `get_searchable_content` builds every block's value
    first (an image or person lookup per block, an HTML parser per paragraph), 4 ms of the
    5 ms an article took to index; reading the strings is a tenth of that.
    """
    texts = []

    def collect(value):
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict) and "type" in value and "value" in value:
            # A block as stored: {"type", "value", "id"}; only its value holds words.
            if value["type"] not in WORDLESS_BLOCKS:
                collect(value["value"])
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(list(raw_blocks))
    return text_of(texts, markup=True)


@cache
def searched_zones():
    """(field name, zone) of each of ArticlePage's searchable fields, in order. Each must be
    a column, so that its value can be read without a model instance (`zones_of`)."""
    found = []
    for search_field in ArticlePage.get_searchable_search_fields():
        name = search_field.field_name
        try:
            concrete = ArticlePage._meta.get_field(name).concrete
        except FieldDoesNotExist:
            concrete = False
        if not concrete:
            raise ImproperlyConfigured(f"The reader search indexes columns only, not {name!r}")
        zone = (
            "title"
            if name in TITLE_FIELDS
            else "standfirst"
            if name in STANDFIRST_FIELDS
            else "body"
        )
        found.append((name, zone))
    return tuple(found)


def searched_columns():
    return [name for name, _zone in searched_zones()]


def zones_of(values):
    """(title, standfirst, body) text from {field name: value} of the searched columns,
    read from an instance or from `values_list` (a StreamField's value is its StreamValue)."""
    zones = {"title": [], "standfirst": [], "body": []}
    for name, zone in searched_zones():
        value = values[name]
        text = stream_text(value.raw_data) if isinstance(value, StreamValue) else text_of(value)
        zones[zone].append(text)
    return tuple(" ".join(texts) for texts in zones.values())


def text_columns():
    """The searched columns of the standfirst, then of the body (a snippet's text)."""
    return [
        name for zone in ("standfirst", "body") for name, its in searched_zones() if its == zone
    ]


def column_text(name, stored):
    """Searchable text of column `name` from its value as the database returns it, without
    the ORM's conversion: a StreamField's JSON is read as plain data (see stream_text)."""
    if isinstance(ArticlePage._meta.get_field(name), StreamField):
        return stream_text(json.loads(stored)) if stored else ""
    return text_of(stored)


def zone_texts(article):
    """(title, standfirst, body) text of an article, from its search_fields."""
    return zones_of({name: getattr(article, name) for name in searched_columns()})


@dataclass
class ArticleText:
    """What indexing needs of an article, read from the database: plain data, so that the
    language work (document_from) can run in another process."""

    article_id: int
    locale_id: int
    language: str
    published_at: object
    title: str
    zones: tuple  # (title, standfirst, body) text
    filter_terms: list


def text_of_article(article, filter_terms=()):
    """An article's ArticleText (`filter_terms` beyond its edition and section)."""
    language = language_code_of(article.locale_id)
    filters = [edition_term(language)]
    if article.section_id:
        filters.append(section_term(article.section_id))
    filters.extend(filter_terms)
    return ArticleText(
        article_id=article.pk,
        locale_id=article.locale_id,
        language=language,
        published_at=article.published_at,
        title=article.title,
        zones=zone_texts(article),
        filter_terms=filters,
    )


def document_from(text):
    """The article as the index holds it: its words normalised and stemmed (no database)."""
    title, standfirst, body = text.zones
    title_words = words(title)
    standfirst_words = words(standfirst)
    return Document(
        article_id=text.article_id,
        locale_id=text.locale_id,
        language=text.language,
        published_at=text.published_at,
        title=text.title,
        title_terms=stems(title_words, text.language),
        standfirst_terms=stems(standfirst_words, text.language),
        body_terms=stems(words(body), text.language),
        title_words=title_words,
        standfirst_words=standfirst_words,
        filter_terms=text.filter_terms,
    )


def documents_from(texts):
    return [document_from(text) for text in texts]


def documents_prepared(texts):
    """Documents with the engine's payload: all a reindex's worker process can do ahead."""
    documents = documents_from(texts)
    search_engine = engine()
    for document in documents:
        document.payload = search_engine.prepare(document)
    return documents


def filter_terms_of(article_ids):
    """{article id: [tag and person filter terms]} for a batch, in three queries."""
    found = {article_id: [] for article_id in article_ids}
    for article_id, tag_id in ArticleTag.objects.filter(
        content_object_id__in=article_ids
    ).values_list("content_object_id", "tag_id"):
        found[article_id].append(tag_term(tag_id))
    bylines = ArticleAuthor.objects.filter(article_id__in=article_ids).values_list(
        "article_id", "person__translation_key"
    )
    mentions = (
        ArticlePage.people.through.objects.filter(articlepage_id__in=article_ids)
        .values_list("articlepage_id", "person__translation_key")
        .order_by()
    )
    for article_id, key in [*bylines, *mentions]:
        term = person_term(key)
        if term not in found[article_id]:
            found[article_id].append(term)
    return found


def texts_of(articles):
    """ArticleTexts of a batch of articles (loaded with INDEXED_COLUMNS at least)."""
    articles = list(articles)
    filters = filter_terms_of([article.pk for article in articles])
    return [text_of_article(article, filters[article.pk]) for article in articles]


def documents_of(articles):
    """Documents of a batch of articles (loaded with INDEXED_COLUMNS at least)."""
    return documents_from(texts_of(articles))
