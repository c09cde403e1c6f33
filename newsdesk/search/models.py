"""The reader search index: one row per live article, in the terms of its edition's language.

Wagtail's database backends (modelsearch) keep one index with one language configuration for
every model, so they cannot stem Russian and Armenian next to English, and at a million
articles their ranked query (a score subquery per matching row, a count of every match) is too
slow (docs/search.md has the figures). The admin keeps using Wagtail's index; readers search
this one, written from the same `ArticlePage.search_fields`.

Where the terms live depends on the database (newsdesk/search/engines.py): on SQLite in FTS5
tables keyed by `rowkey`, created by this app's migration; on PostgreSQL in the `document`,
`head`, `title_words` and `filters` tsvector columns below, with GIN indexes.
"""

from django.db import models


class TSVectorField(models.TextField):
    """A tsvector on PostgreSQL, an unused (always empty) text column elsewhere.

    One model for both databases, so migrations stay the same; on SQLite the terms are in FTS5.
    """

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)


class SearchEntry(models.Model):
    """One live article as the reader search finds it (its terms are kept by the engine).

    `rowkey` orders entries newest first: minutes since the epoch of the publication time,
    then the article id (engines.rowkey_of), so "the newest matches" and a date range are
    ranges of one integer on both databases, and the FTS5 rowid on SQLite.
    """

    article = models.OneToOneField(
        "articles.ArticlePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=True,
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    rowkey = models.BigIntegerField(unique=True)
    published_at = models.DateTimeField()
    title = models.CharField(max_length=255)
    # SQLite: the FTS5 columns exactly as written, zlib-compressed (engines.packed_terms): the
    # FTS tables keep no copy of their text, and deleting a row needs that text back.
    terms = models.BinaryField(null=True)
    document = TSVectorField(null=True)
    # The title and standfirst lexemes of `document` (weights A and B) on their own: a GIN
    # index keeps no weights, so "matches in the headline" read through `document` would
    # unpack the whole body of every story holding the word.
    head = TSVectorField(null=True)
    title_words = TSVectorField(null=True)
    filters = TSVectorField(null=True)
    # PostgreSQL: which stems follow one another (newsdesk.search.pairs), so a phrase reads
    # only the vectors of stories that may hold it; NULL: unknown, the vector is read.
    pairs = models.BinaryField(null=True)

    class Meta:
        indexes = [models.Index(fields=["locale", "-rowkey"], name="search_entry_newest")]
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title


class SpellingWord(models.Model):
    """A word of the index's own vocabulary (titles and standfirsts), for "did you mean".

    `variants` are the word with one letter left out (and the word itself): a misspelling
    shares a variant with the word meant when they are one edit apart, so suggestions are
    an indexed lookup, not a scan of the vocabulary (the SymSpell idea).
    """

    language = models.CharField(max_length=12)
    word = models.CharField(max_length=40)
    # How many indexed titles and standfirsts use the word: the most used suggestion wins.
    # Counted afresh by each full `reindex_search`; between rebuilds every write of a story
    # adds its words, so a story edited since counts more than once (a tie-breaker only).
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="spelling_word_unique")
        ]

    def __str__(self):
        return self.word


class SpellingVariant(models.Model):
    """One deletion variant of a vocabulary word (see SpellingWord)."""

    language = models.CharField(max_length=12)
    variant = models.CharField(max_length=40)
    word = models.ForeignKey(SpellingWord, on_delete=models.CASCADE, related_name="variants")

    class Meta:
        indexes = [models.Index(fields=["language", "variant"], name="spelling_variant_lookup")]
        constraints = [
            models.UniqueConstraint(fields=["variant", "word"], name="spelling_variant_unique")
        ]

    def __str__(self):
        return self.variant


class ReindexRun(models.Model):
    """Where `manage.py reindex_search` got to, so an interrupted run resumes there."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The highest article id written by this run; the next batch starts after it.
    last_article_id = models.BigIntegerField(default=0)
    written = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"reindex from {self.started_at:%Y-%m-%d %H:%M}"
