"""Where index terms are stored and matched: SQLite FTS5 or PostgreSQL tsvectors.

Both engines receive terms already stemmed (newsdesk.search.analysis) and hand back the same
thing: the newest matching entries, at most `limit`, with a relevance score (matching in the
title and standfirst only when asked: `head_only`; unscored: `scored=False`). The caller ranks
those candidates (newsdesk.search.results). Bounding the candidates is what keeps a common
word fast over a million articles: "election" matches hundreds of thousands of stories, and
scoring every one of them to show twelve costs seconds on either database; the newest
`limit` matches are read from the end of one index and scored, and nothing else is read.

SQLite: `search_fts` (title, standfirst, body, filters) and `search_title_fts` (the title's
unstemmed words, with a prefix index for autocomplete) are FTS5 tables whose rowid is the
entry's rowkey. They are contentless: a copy of every body's terms cost 8 kB a story (8 GB
at a million), so the entry keeps the columns compressed (`terms`, a fifth of that) and a
trigger hands them back to FTS5 when the entry is deleted. The tokenizer only splits on the
spaces between the terms written (remove_diacritics 0: the terms are final).

PostgreSQL: the terms are written as tsvector literals ('negoti':3B …) and queried with
tsquery literals, so neither PostgreSQL's parser nor a text-search configuration (none
exists for Armenian) touches them: every edition matches exactly as on SQLite. GIN indexes
on `document`, `head`, `title_words` and `filters` find rare words' matches; a common word's
newest matches are found by reading the newest entries through (locale, rowkey), and the
engine, not the planner, chooses between the two (PostgresEngine.candidates says why).
"""

import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection, transaction

from newsdesk.search.analysis import ParsedQuery
from newsdesk.search.models import SearchEntry
from newsdesk.search.pairs import pair_filter, phrase_bits

# Relevance weight of a match in each zone of a story (title > standfirst > body).
TITLE_WEIGHT = 10.0
STANDFIRST_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# An entry's rowkey: publication minute since the epoch, then the article id (31 bits).
ARTICLE_ID_BITS = 31
ARTICLE_ID_MASK = (1 << ARTICLE_ID_BITS) - 1
# PostgreSQL's GIN indexes of the entry table (migrations 0002 and 0003), by column.
GIN_INDEXES = {f"search_entry_{column}": column for column in ("document", "head")}
GIN_INDEXES |= {f"search_entry_{column}": column for column in ("title_words", "filters")}
# PostgreSQL keeps at most 256 positions per lexeme and positions up to 16,383.
PG_MAX_POSITIONS = 255
PG_MAX_POSITION = 16_383
# Positions as written in a vector, made once per zone weight (a body has hundreds): the
# title's weight A, the standfirst's B, the body's D (the default, written as nothing).
POSITION_MARKS = {
    weight: [f"{number}{weight}" for number in range(PG_MAX_POSITION + 1)] for weight in "AB"
}
POSITION_MARKS[""] = [str(number) for number in range(PG_MAX_POSITION + 1)]
# A lexeme from analysis.words holds letters and digits only; these would need escaping.
LITERAL_SPECIALS = re.compile(r"['\\]")
# PostgreSQL's newest-first scan (PostgresEngine.candidates): the entries read at first, the
# most read for one pool, and the most matches left to the GIN index after it. Reading an
# entry costs about the same as taking one match from the index and sorting it.
SCAN_FIRST_ROWS = 400
SCAN_MAX_ROWS = 3_000
INDEX_MAX_MATCHES = 5_000
SCAN_RANDOM_PAGE_COST = 1.1


def rowkey_of(published_at, article_id):
    """The entry's place in newest-first order (see SearchEntry.rowkey)."""
    return (int(published_at.timestamp()) // 60 << ARTICLE_ID_BITS) | article_id


def rowkey_bound(moment, upper):
    """The smallest (upper=False) or largest rowkey of an entry published in `moment`'s minute."""
    return rowkey_of(moment, ARTICLE_ID_MASK if upper else 0)


def article_id_of(rowkey):
    return rowkey & ARTICLE_ID_MASK


def minute_of(rowkey):
    """The publication minute (since the epoch) a rowkey holds."""
    return rowkey >> ARTICLE_ID_BITS


@dataclass
class Candidate:
    """A matching entry: its article, its place in time, and how well it matches (higher wins)."""

    article_id: int
    rowkey: int
    score: float


class CandidateList(list):
    """An engine's candidates, newest first; `bounded` when the engine stopped looking before
    it had `limit` of them although more entries match (the results then say "more than")."""

    bounded = False


@dataclass
class Restriction:
    """What the results are limited to besides the words: filter terms and a rowkey range."""

    locale_id: int
    edition_term: str  # the filter term every entry of the edition carries
    filters: list  # further filter terms (documents.section_term(…) etc.), all required
    highest: int  # largest rowkey: never after now
    lowest: int | None = None  # smallest rowkey, or None


# The FTS5 columns of an entry, as `terms` stores them: search_fts's four, then the title's two.
COLUMN_SEPARATOR = "\x1f"


def packed_terms(columns):
    return zlib.compress(COLUMN_SEPARATOR.join(columns).encode(), 1)


@lru_cache(maxsize=8)
def unpacked_terms(packed):
    return zlib.decompress(packed).decode().split(COLUMN_SEPARATOR)


def search_column(packed, number):
    """SQL function for the delete trigger: column `number` of an entry's packed terms."""
    return unpacked_terms(bytes(packed))[number]


def fts_quote(term):
    """An FTS5 string (terms are letters and digits, but a quote must never end it)."""
    return '"' + term.replace('"', '""') + '"'


def pg_quote(term):
    """A quoted lexeme for a tsvector or tsquery literal."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class SQLiteEngine:
    """FTS5 tables beside the entry table (created by migration 0001)."""

    def prepare(self, document):
        """What write() needs of a document, worked out ahead (in the reindex's workers):
        its six FTS5 column values and their packed copy."""
        columns = self.columns(document)
        return columns, packed_terms(columns)

    def write(self, documents, bulk=False):
        """Replace the entries of these documents' articles (one transaction)."""
        rows = []
        entries = []
        for document in documents:
            columns, packed = document.payload or self.prepare(document)
            rows.append((document, columns))
            entry = document.entry()
            entry.terms = packed
            entries.append(entry)
        with transaction.atomic(), connection.cursor() as cursor:
            self.delete_in(cursor, [document.article_id for document in documents])
            SearchEntry.objects.bulk_create(entries)
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, standfirst, body, filters) "
                "VALUES (%s, %s, %s, %s, %s)",
                [(document.rowkey, *columns[:4]) for document, columns in rows],
            )
            cursor.executemany(
                "INSERT INTO search_title_fts (rowid, words, edition) VALUES (%s, %s, %s)",
                [(document.rowkey, *columns[4:]) for document, columns in rows],
            )

    @staticmethod
    def columns(document):
        """The six FTS5 column values of a document, as written and as `terms` keeps them."""
        return [
            " ".join(document.title_terms),
            " ".join(document.standfirst_terms),
            " ".join(document.body_terms),
            " ".join(document.filter_terms),
            " ".join(document.title_words),
            document.edition_term,
        ]

    def delete(self, article_ids):
        with transaction.atomic(), connection.cursor() as cursor:
            self.delete_in(cursor, article_ids)

    @staticmethod
    def delete_in(cursor, article_ids):
        # The entry's trigger deletes its FTS rows (search_column gives their text back).
        if article_ids:
            marks = ", ".join(["%s"] * len(article_ids))
            cursor.execute(
                f"DELETE FROM search_searchentry WHERE article_id IN ({marks})", list(article_ids)
            )

    @staticmethod
    def match_expression(parsed, restriction, head_only=False, edition=True):
        """The FTS5 query; without `edition`, the caller checks the entries' edition."""
        columns = "title standfirst" if head_only else "title standfirst body"
        expression = SQLiteEngine.words_expression(parsed, columns)
        required = [restriction.edition_term] if edition else []
        required += restriction.filters
        if required:
            expression += f" AND filters : ({' AND '.join(fts_quote(term) for term in required)})"
        return expression

    @staticmethod
    def words_expression(parsed, columns):
        """The FTS5 query of the reader's words and phrases in `columns`."""
        parts = [fts_quote(term) for term in parsed.terms]
        parts += [fts_quote(" ".join(phrase)) for phrase in parsed.phrases]
        return f"{{{columns}}} : ({' AND '.join(parts)})"

    def candidates(self, parsed, restriction, limit, head_only=False, scored=True):
        if scored and parsed.phrases:
            return self.zone_scored(parsed, restriction, limit, head_only)
        # bm25() costs about 10 microseconds a row, reading the row's every match: it is
        # computed for the `limit` rows read, never for the rest of a common word's matches.
        # But it first counts the stories holding each term of the query, reading each term's
        # whole list of stories, and the edition's term is in 385,000 (13 ms a query at a
        # million): scored, the edition is checked on the (locale, rowkey) index instead.
        score = "bm25(search_fts, %s, %s, %s, 0.0)" if scored else "0.0"
        sql = f"SELECT rowid, {score} FROM search_fts WHERE search_fts MATCH %s AND rowid <= %s"
        params = [TITLE_WEIGHT, STANDFIRST_WEIGHT, BODY_WEIGHT] if scored else []
        expression = self.match_expression(parsed, restriction, head_only, edition=not scored)
        params += [expression, restriction.highest]
        if scored:
            sql += (
                " AND EXISTS (SELECT 1 FROM search_searchentry AS entry "
                "INDEXED BY search_entry_newest "
                "WHERE entry.locale_id = %s AND entry.rowkey = search_fts.rowid)"
            )
            params.append(restriction.locale_id)
        if restriction.lowest is not None:
            sql += " AND rowid >= %s"
            params.append(restriction.lowest)
        sql += " ORDER BY rowid DESC LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            # bm25() is lower for better matches.
            rows = cursor.fetchall()
        return CandidateList(Candidate(article_id_of(key), key, -score) for key, score in rows)

    def zone_scored(self, parsed, restriction, limit, head_only):
        """The newest matches of a query with phrases, scored by the zones holding it.

        bm25() would first count the stories holding each phrase in the whole index, and to
        count a phrase FTS5 reads the positions of every story holding all its words (two
        common words: most of the archive). The newest matches are read unscored instead,
        then the title and the standfirst are asked about those stories only: a match there
        weighs as in bm25 (TITLE_WEIGHT, STANDFIRST_WEIGHT over BODY_WEIGHT), and the
        ranking's recency orders the stories of one weight.
        """
        found = self.candidates(parsed, restriction, limit, head_only, scored=False)
        if not found:
            return found
        rowkeys = (found[-1].rowkey, found[0].rowkey)
        in_title = self.matching_in(parsed, "title", *rowkeys)
        in_standfirst = self.matching_in(parsed, "standfirst", *rowkeys)
        for candidate in found:
            candidate.score = (
                BODY_WEIGHT
                + TITLE_WEIGHT * (candidate.rowkey in in_title)
                + STANDFIRST_WEIGHT * (candidate.rowkey in in_standfirst)
            )
        return found

    def matching_in(self, parsed, column, lowest, highest):
        """The rowkeys from `lowest` to `highest` whose `column` holds the query."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
                "AND rowid BETWEEN %s AND %s",
                [self.words_expression(parsed, column), lowest, highest],
            )
            return {key for (key,) in cursor.fetchall()}

    def bound_phrases(self, parsed, restriction, window):
        """Look for exact phrases among the newest `window` stories holding all their words.

        Checking word positions costs per story holding the words, not per match: a phrase of
        two common words that rarely meet would read the positions of most of the archive.
        """
        start = self.nth_newest(ParsedQuery(terms=parsed.all_terms), restriction, window)
        if start is not None:
            restriction.lowest = max(start, restriction.lowest or start)

    def nth_newest(self, parsed, restriction, number):
        """The rowkey of the `number`th newest match, or None when there are fewer."""
        sql = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s AND rowid <= %s "
            "ORDER BY rowid DESC LIMIT 1 OFFSET %s"
        )
        expression = self.match_expression(parsed, restriction)
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, restriction.highest, number - 1])
            found = cursor.fetchone()
        return found[0] if found else None

    def titles(self, words, prefix, restriction, limit):
        parts = [fts_quote(word) for word in words] + [fts_quote(prefix) + "*"]
        edition = fts_quote(restriction.edition_term)
        expression = f"words : ({' AND '.join(parts)}) AND edition : {edition}"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH %s "
                "AND rowid <= %s ORDER BY rowid DESC LIMIT %s",
                [expression, restriction.highest, limit],
            )
            return [article_id_of(key) for (key,) in cursor.fetchall()]

    def bulk_load_start(self):
        """Nothing to do before filling an empty index (see PostgresEngine.bulk_load_start)."""

    def optimize(self):
        """Merge FTS5's segments into one (after a full reindex): fewer lookups per query."""
        with connection.cursor() as cursor:
            for table in ("search_fts", "search_title_fts"):
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


# The entry table's columns as PostgresEngine.write fills them, and how a story's new entry
# replaces its old one.
ENTRY_COLUMNS = (
    "article_id, locale_id, rowkey, published_at, title, document, head, title_words, filters, "
    "pairs"
)
ENTRY_UPSERT = (
    "ON CONFLICT (article_id) DO UPDATE SET locale_id = EXCLUDED.locale_id, "
    "rowkey = EXCLUDED.rowkey, published_at = EXCLUDED.published_at, title = EXCLUDED.title, "
    "document = EXCLUDED.document, head = EXCLUDED.head, title_words = EXCLUDED.title_words, "
    "filters = EXCLUDED.filters, pairs = EXCLUDED.pairs"
)


class PostgresEngine:
    """tsvector columns of the entry table, each with a GIN index (migration 0001)."""

    def prepare(self, document):
        """The tsvector literals of a document and its filter of adjacent stems (worked out
        in the reindex's workers)."""
        zones = (document.title_terms, document.standfirst_terms, document.body_terms)
        # Past PG_MAX_POSITION the vector's last words share one position (document_vector),
        # and a phrase could match words that are not adjacent: no filter, always read.
        squashed = sum(len(terms) + 1 for terms in zones) > PG_MAX_POSITION
        return (
            self.vector({word: () for word in document.title_words}),
            self.vector({term: () for term in document.filter_terms}),
            self.document_vector(document),
            None if squashed else pair_filter(zones),
        )

    def write(self, documents, bulk=False):
        """Insert or replace the documents' entries (one transaction); `bulk`: a reindex's
        batch, which need not wait for the WAL flush (a crash loses batches the run redoes)."""
        rows = [
            (
                document.article_id,
                document.locale_id,
                document.rowkey,
                document.published_at,
                document.title[:255],
                *(document.payload or self.prepare(document)),
            )
            for document in documents
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            if self.lz4_available():
                # The default pglz costs several times lz4 to compress a body's vector.
                cursor.execute("SET LOCAL default_toast_compression TO lz4")
            if not bulk:
                cursor.executemany(
                    f"INSERT INTO search_searchentry ({ENTRY_COLUMNS}) "
                    "SELECT %s, %s, %s, %s, %s, vector, ts_filter(vector, '{a,b}'), "
                    "%s::tsvector, %s::tsvector, pairs "
                    "FROM (VALUES (%s::tsvector, %s::bytea)) AS given (vector, pairs) "
                    + ENTRY_UPSERT,
                    rows,
                )
                return
            # A reindex's batch: one COPY and one INSERT … SELECT, where a thousand INSERTs
            # were each parsed and planned (0.77 → 0.64 s a batch of 1,000 at a million).
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
            cursor.execute(
                "CREATE TEMPORARY TABLE IF NOT EXISTS search_incoming (article_id integer, "
                "locale_id integer, rowkey bigint, published_at timestamptz, title text, "
                "title_words text, filters text, document text, pairs bytea)"
            )
            cursor.execute("TRUNCATE search_incoming")  # the last batch's, this connection's
            with cursor.cursor.copy("COPY search_incoming FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO search_searchentry ({ENTRY_COLUMNS}) "
                "SELECT article_id, locale_id, rowkey, published_at, title, vector, "
                "ts_filter(vector, '{a,b}'), title_words::tsvector, filters::tsvector, pairs "
                f"FROM search_incoming, CAST(document AS tsvector) AS vector {ENTRY_UPSERT}"
            )

    def delete(self, article_ids):
        SearchEntry.objects.filter(article_id__in=list(article_ids))._raw_delete(connection.alias)

    @staticmethod
    @lru_cache(maxsize=1)
    def lz4_available():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_settings "
                "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
            )
            return cursor.fetchone() is not None

    @staticmethod
    def vector(positions):
        """A tsvector literal from {lexeme: [position+weight, …]}."""
        return " ".join(
            f"{pg_quote(lexeme)}:{','.join(marks)}" if marks else pg_quote(lexeme)
            for lexeme, marks in positions.items()
        )

    def document_vector(self, document):
        """Title (weight A), standfirst (B) and body (D) in one vector; a gap between zones
        keeps a phrase from running from one into the next.

        The reindex's hot loop (a million bodies of ~800 words): written as one pass per zone
        over precomputed position marks: 0.66 → 0.32 ms a story (1,000 bench bodies).
        """
        positions = {}
        position = 1
        for terms, weight in (
            (document.title_terms, "A"),
            (document.standfirst_terms, "B"),
            (document.body_terms, ""),
        ):
            marks = POSITION_MARKS[weight]
            end = position + len(terms)
            if end > PG_MAX_POSITION:
                # PostgreSQL keeps positions up to PG_MAX_POSITION: later words share the last.
                numbers = [min(number, PG_MAX_POSITION) for number in range(position, end)]
            else:
                numbers = range(position, end)
            for term, number in zip(terms, numbers, strict=True):
                found = positions.get(term)
                if found is None:
                    positions[term] = [marks[number]]
                else:
                    found.append(marks[number])
            position = end + 1
        if LITERAL_SPECIALS.search("".join(positions)):
            kept = {term: marks[:PG_MAX_POSITIONS] for term, marks in positions.items()}
            return self.vector(kept)
        return " ".join(
            [
                f"'{lexeme}':{','.join(marks[:PG_MAX_POSITIONS])}"
                for lexeme, marks in positions.items()
            ]
        )

    @staticmethod
    def query_literal(parsed):
        parts = [pg_quote(term) for term in parsed.terms]
        parts += [
            "(" + " <-> ".join(pg_quote(term) for term in phrase) + ")" for phrase in parsed.phrases
        ]
        return " & ".join(parts)

    @classmethod
    def words_literal(cls, parsed):
        """A tsquery literal asking for every word of the query, phrases' words anywhere."""
        return cls.query_literal(ParsedQuery(terms=parsed.all_terms))

    def candidates(self, parsed, restriction, limit, head_only=False, scored=True):
        """The newest `limit` matches: read from the newest entries while they hold many,
        then from the GIN index when few matches are left to take from it.

        Not left to the planner: its statistics name a vector column's 1,000 most common
        lexemes (pg_stats at a million) and it takes any other word to match 0.5% of entries.
        It intersected a rare word's three matches with the whole edition (see `indexed`),
        and on Dec 1 it took all 212,000 matches of "about" from the GIN index and sorted
        them: 9 s (why its statistics did not stop it then was not established). Reading the
        newest entries costs per entry read and the index per match, so the scan goes on
        only while the matches it finds say that the index would cost more; what the index
        is left with is estimated from the matches the scan saw.
        A query that would cost more than both bounds stops with what it has (`bounded`).
        Filtered searches go to the GIN indexes at once: the filters' index narrows them.
        """
        vector = "head" if head_only else "document"
        if restriction.filters:
            return self.indexed(vector, parsed, restriction, restriction.highest, limit, scored)
        # With a filter of adjacent stems the scan counts only the entries it lets through,
        # while the index path reads every entry holding the words: the count does not say
        # what the index would cost, so such a scan never leaves its budget early.
        may_leave_early = self.pairs_sql(vector, parsed)[0] is None
        found = CandidateList()
        scanned = with_words = 0
        highest, rows = restriction.highest, SCAN_FIRST_ROWS
        older = None  # the planner's estimate of the entries left below `highest`
        while True:
            matches, read, words_read, lowest = self.newest_scan(
                vector, parsed, restriction, highest, rows, scored
            )
            found += matches
            scanned += read
            with_words += words_read
            if len(found) >= limit or read < rows:
                return CandidateList(found[:limit])
            highest = lowest - 1
            if older is not None:
                older -= read
            room = SCAN_MAX_ROWS - scanned
            if room <= 0 or not with_words:
                break
            wanted = (limit - len(found)) * scanned / len(found) if found else math.inf
            if wanted > room and may_leave_early:
                # The budget cannot fill the pool: when the index is left few enough, it
                # takes them now instead of after the rest of the budget is read.
                older = self.entries_estimate(restriction, highest)
                if (with_words + 1) * older / scanned <= min(INDEX_MAX_MATCHES, wanted):
                    break
            rows = room if not found else max(1, min(room, math.ceil(wanted * 1.25)))
        if older is None:
            older = self.entries_estimate(restriction, highest)
        if (with_words + 1) * older / scanned > INDEX_MAX_MATCHES:
            found.bounded = True
            return found
        found += self.indexed(vector, parsed, restriction, highest, limit - len(found), scored)
        return found

    @staticmethod
    def range_sql(restriction, highest, indexed=True):
        """SQL (and its parameters) for the restriction's edition and rowkeys up to `highest`;
        not `indexed`: written so that no index on them can be used (see `indexed`)."""
        locale, rowkey = ("locale_id", "rowkey") if indexed else ("locale_id + 0", "rowkey + 0")
        sql = f"{locale} = %s AND {rowkey} <= %s"
        params = [restriction.locale_id, highest]
        if restriction.lowest is not None:
            sql += f" AND {rowkey} >= %s"
            params.append(restriction.lowest)
        return sql, params

    @staticmethod
    def score_sql(vector, scored):
        """SQL of a match's relevance, and its parameters."""
        if not scored:
            return "0.0::real", []
        # ts_rank's weights are listed D, C, B, A; normalisation 1 divides by 1 + log(length).
        weights = f"{{{BODY_WEIGHT / TITLE_WEIGHT}, 0, {STANDFIRST_WEIGHT / TITLE_WEIGHT}, 1}}"
        return f"ts_rank(%s, {vector}, query, 1)", [weights]

    @staticmethod
    def pairs_sql(vector, parsed):
        """SQL (and its parameters) true for an entry that may hold the query's phrases by
        its filter of adjacent stems (newsdesk.search.pairs), or None when none applies: the
        headline vector is small enough to read, and single words need no filter."""
        if vector != "document" or not parsed.phrases:
            return None, []
        bits = phrase_bits(parsed.phrases)
        checks = " + ".join(["get_bit(pairs, %s)"] * len(bits))
        return f"(pairs IS NULL OR {checks} = {len(bits)})", bits

    def newest_scan(self, vector, parsed, restriction, highest, rows, scored):
        """Read the newest `rows` entries at or below `highest`: (their matches, entries read,
        entries holding every word of the query, the lowest rowkey read).

        With phrases, "holding every word" counts only the entries whose filter of adjacent
        stems says they may hold the phrases: the others' vectors are never read.
        """
        score, params = self.score_sql("vector", scored)
        words = self.words_literal(parsed)
        literal = self.query_literal(parsed)
        within, window_params = self.range_sql(restriction, highest)
        may_hold, pair_params = self.pairs_sql(vector, parsed)
        has_words = "vector @@ CAST(%s AS tsquery)"
        columns = f"{vector} AS vector"
        if may_hold:
            columns += ", pairs"
            # CASE, not AND: PostgreSQL does not promise to evaluate AND's operands in order.
            has_words = f"CASE WHEN {may_hold} THEN {has_words} ELSE false END"
        # Without phrases "every word" is the whole query, checked once; a phrase's positions
        # are checked only in the entries holding its words.
        matched = "has_words" if literal == words else "has_words AND vector @@ query"
        sql = (
            "WITH newest AS MATERIALIZED ("
            f"SELECT article_id, rowkey, {columns} FROM search_searchentry "
            f"WHERE {within} ORDER BY rowkey DESC LIMIT %s"
            "), checked AS MATERIALIZED ("
            f"SELECT article_id, rowkey, vector, {has_words} AS has_words "
            "FROM newest) "
            f"SELECT article_id, rowkey, {score}, NULL::bigint, NULL::bigint "
            f"FROM checked, CAST(%s AS tsquery) AS query WHERE {matched} "
            "UNION ALL SELECT NULL, min(rowkey), NULL, count(*), count(*) FILTER (WHERE has_words) "
            "FROM checked"
        )
        with connection.cursor() as cursor:
            # At PostgreSQL's default random_page_cost (4, for spinning disks) the planner
            # reads the newest entries of every edition through the rowkey index and skips
            # the other editions' (2.6 times the entries read, at a million); costed as the
            # SSD or memory the entries are on, it takes the (locale, rowkey) index.
            # Sent with the query in one round trip (BEGIN, SET, the query and COMMIT were
            # four): two statements sent together run as one transaction, which SET LOCAL
            # lasts (inside a caller's transaction, until that one ends).
            cursor.execute(
                f"SET LOCAL random_page_cost = {SCAN_RANDOM_PAGE_COST}; {sql}",
                [*window_params, rows, *pair_params, words, *params, literal],
            )
            cursor.nextset()
            result = cursor.fetchall()
        *matches, (_, lowest, _, read, words_read) = result
        found = [Candidate(pk, key, score) for pk, key, score, _, _ in matches]
        found.sort(key=lambda candidate: -candidate.rowkey)
        return found, read, words_read, lowest

    def entries_estimate(self, restriction, highest):
        """The planner's estimate of the edition's entries at or below `highest` (its
        statistics of locale and rowkey are good, and asking costs no scan)."""
        within, params = self.range_sql(restriction, highest)
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchentry WHERE {within}", params
            )
            (plan,) = cursor.fetchone()
        if isinstance(plan, str):
            plan = json.loads(plan)
        return plan[0]["Plan"]["Plan Rows"]

    def indexed(self, vector, parsed, restriction, highest, limit, scored):
        """The newest `limit` matches at or below `highest`, found through the GIN indexes only.

        The edition and rowkey conditions are kept off their B-tree indexes: guessing that a
        word matches 0.5% of entries, the planner intersected the GIN index's three matches
        with the locale index's 385,000 entries, 62 of a rare word's 64 ms (EXPLAIN ANALYZE at
        a million); a match's edition and rowkey are cheaper checked on the rows themselves.
        """
        score, params = self.score_sql(vector, scored)
        within, range_params = self.range_sql(restriction, highest, indexed=False)
        sql = (
            f"SELECT article_id, rowkey, {score} "
            "FROM search_searchentry, CAST(%s AS tsquery) AS query "
            f"WHERE {within} AND "
        )
        params += [self.query_literal(parsed), *range_params]
        may_hold, pair_params = self.pairs_sql(vector, parsed)
        if may_hold:
            # The words alone from the index (exact: nothing read), the positions only where
            # the filter of adjacent stems lets a phrase be (see newest_scan).
            sql += (
                f"{vector} @@ CAST(%s AS tsquery) "
                f"AND CASE WHEN {may_hold} THEN {vector} @@ query ELSE false END"
            )
            params += [self.words_literal(parsed), *pair_params]
        else:
            sql += f"{vector} @@ query"
        if restriction.filters:
            sql += " AND filters @@ CAST(%s AS tsquery)"
            params.append(" & ".join(pg_quote(term) for term in restriction.filters))
        sql += " ORDER BY rowkey DESC LIMIT %s"
        params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return CandidateList(Candidate(pk, key, score) for pk, key, score in cursor.fetchall())

    def bound_phrases(self, parsed, restriction, window):
        """Nothing to narrow: candidates() bounds every query, phrases included, by the
        entries it reads and the matches it leaves to the index."""

    def titles(self, words, prefix, restriction, limit):
        literal = " & ".join([pg_quote(word) for word in words] + [pg_quote(prefix) + ":*"])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT article_id FROM search_searchentry "
                "WHERE locale_id = %s AND title_words @@ CAST(%s AS tsquery) AND rowkey <= %s "
                "ORDER BY rowkey DESC LIMIT %s",
                [restriction.locale_id, literal, restriction.highest, limit],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def bulk_load_start(self):
        """Before filling an empty index: drop the GIN indexes (optimize() builds them again).

        Keeping a GIN index up to date costs per lexeme of every story written; building it
        once over a million entries is several times cheaper. An empty index serves no one,
        so nothing is lost meanwhile; a filled one is rebuilt in place with its indexes.
        """
        if connection.in_atomic_block:
            return  # inside a caller's transaction (a test): the indexes stay
        with connection.cursor() as cursor:
            for name in GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")

    def optimize(self):
        """Make sure every GIN index exists, and bring the planner's statistics up to date."""
        if connection.in_atomic_block:
            return  # no index was dropped (bulk_load_start) and DDL waits for the commit
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for name, column in GIN_INDEXES.items():
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {name} ON search_searchentry USING gin ({column})"
                )
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("ANALYZE search_searchentry")


def engine():
    """The engine of the default database."""
    return PostgresEngine() if connection.vendor == "postgresql" else SQLiteEngine()
