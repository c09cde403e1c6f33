"""A reader's search, from the query to the ranked ids of one page of results.

1. The query is parsed into stems in the edition's language (analysis.parse_query).
2. The engine returns two pools of candidates, each of at most NEWSDESK_SEARCH_CANDIDATES
   with a relevance score: the newest stories matching anywhere, and the newest matching in
   the title or standfirst (only when the first pool cannot hold every match: otherwise
   those are in it already). With `sort=date`, the newest NEWSDESK_SEARCH_DATE_RESULTS
   matches, unscored.
3. They are ranked by relevance, a newer story first among near-equals (RECENCY_SHARE), or
   newest first.
4. The page shown keeps only stories published by the one definition
   (`ArticlePage.objects.published()`, applied in `published_ids`): the index holds live
   stories and is cut at the current minute, and this check catches a story unpublished
   while its index update is still queued.

Results are bounded: a query matching more stories than the pools hold says "more than …"
and ranks those pools, which for a news archive is what a reader asking for a common word
wants (the best of the newest, and older stories about it by their headline); a rarer
query is ranked over everything it matches.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.conf import settings
from django.utils import timezone

from newsdesk.articles.models import ArticlePage
from newsdesk.prepared import PreparedQuery
from newsdesk.search.analysis import ParsedQuery, parse_query, words
from newsdesk.search.documents import edition_term
from newsdesk.search.engines import Restriction, engine, minute_of, rowkey_bound
from newsdesk.search.models import SearchEntry
from newsdesk.search.spelling import suggestion

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"
# Recency breaks near-ties: a story's score gains up to this share for being new, fading
# over RECENCY_DAYS (a day-old story +4.8%, a month-old +2.5%, a year-old +0.4%), so a
# clearly better match still wins however old it is.
RECENCY_SHARE = 0.05
RECENCY_DAYS = 30


@dataclass
class Filters:
    """What a reader narrowed the search to; terms from newsdesk.search.documents."""

    terms: list = field(default_factory=list)
    date_from: object = None  # a date, or None
    date_to: object = None


@dataclass
class SearchResults:
    """The ranked article ids of a search (all of them, up to the bound)."""

    parsed: ParsedQuery
    ids: list
    capped: bool  # more matched than were ranked
    suggestion: str | None = None

    @property
    def count(self):
        return len(self.ids)


def restriction_of(locale, filters, now=None):
    """The rowkey range and filter terms of a search in `locale`'s edition."""
    now = now or timezone.now()
    highest = rowkey_bound(now, upper=True)
    lowest = None
    zone = timezone.get_current_timezone()
    if filters.date_to:
        end = timezone.make_aware(datetime.combine(filters.date_to, time.max), zone)
        highest = min(highest, rowkey_bound(end, upper=True))
    if filters.date_from:
        start = timezone.make_aware(datetime.combine(filters.date_from, time.min), zone)
        lowest = rowkey_bound(start, upper=False)
    return Restriction(
        locale_id=locale.pk,
        edition_term=edition_term(locale.language_code),
        filters=list(filters.terms),
        highest=highest,
        lowest=lowest,
    )


def ranked(candidates, sort, now=None):
    """Candidates in the order shown: by relevance (see RECENCY_SHARE) or newest first."""
    if sort == SORT_DATE:
        return sorted(candidates, key=lambda candidate: -candidate.rowkey)
    now_minute = (now or timezone.now()).timestamp() / 60

    def order(candidate):
        age_days = max(0.0, now_minute - minute_of(candidate.rowkey)) / (24 * 60)
        freshness = 1 / (1 + age_days / RECENCY_DAYS)
        return (-candidate.score * (1 + RECENCY_SHARE * freshness), -candidate.rowkey)

    return sorted(candidates, key=order)


def search(query, locale, filters=None, sort=SORT_RELEVANCE, suggest=True):
    """Search the edition of `locale` (see the module docstring)."""
    filters = filters or Filters()
    parsed = parse_query(query, locale.language_code)
    if not parsed:
        return SearchResults(parsed, [], capped=False)
    restriction = restriction_of(locale, filters)
    search_engine = engine()
    if parsed.phrases:
        search_engine.bound_phrases(parsed, restriction, settings.NEWSDESK_SEARCH_PHRASE_WINDOW)
    if sort == SORT_DATE:
        limit = settings.NEWSDESK_SEARCH_DATE_RESULTS
        candidates = search_engine.candidates(parsed, restriction, limit, scored=False)
        capped = len(candidates) >= limit or candidates.bounded
    else:
        limit = settings.NEWSDESK_SEARCH_CANDIDATES
        anywhere = search_engine.candidates(parsed, restriction, limit)
        capped = len(anywhere) >= limit or anywhere.bounded
        # Uncapped, the first pool holds every match, headline matches included, with the
        # score of all their matches: a headline pool would add nothing to rank.
        heads = (
            search_engine.candidates(parsed, restriction, limit, head_only=True) if capped else []
        )
        # A story in both pools keeps the score of all its matches.
        candidates = list({candidate.rowkey: candidate for candidate in heads + anywhere}.values())
    ids = [candidate.article_id for candidate in ranked(candidates, sort)]
    results = SearchResults(parsed, ids, capped=capped)
    if not ids and suggest:
        results.suggestion = found_suggestion(parsed, locale, filters)
    return results


# Every results page asks both; through the ORM, building them was 5 of a rare word's
# 22 ms of page CPU at a million (PostgreSQL). Prepared, they are built once per process.
NEXT_DUE_QUERY = PreparedQuery(
    SearchEntry,
    lambda locale_id, after: (
        SearchEntry.objects.filter(locale_id=locale_id, rowkey__gt=after)
        .order_by("rowkey")
        .values_list("rowkey")[:1]
    ),
)
PUBLISHED_IDS_QUERY = PreparedQuery(
    ArticlePage,
    lambda now, *ids: ArticlePage.objects.published(now).filter(pk__in=ids).values_list("pk"),
)


def next_due(locale, now=None):
    """When the edition's next story scheduled ahead is due (its entry waits in the index
    beyond the current minute), or None."""
    now = now or timezone.now()
    found = NEXT_DUE_QUERY.values(locale.pk, rowkey_bound(now, upper=True))
    if not found:
        return None
    return datetime.fromtimestamp(minute_of(found[0]) * 60, tz=UTC)


def published_ids(ids):
    """The ids, in order, of stories published now (the one definition of published)."""
    if not ids:
        return []
    published = set(PUBLISHED_IDS_QUERY.values(timezone.now(), *ids))
    return [pk for pk in ids if pk in published]


def found_suggestion(parsed, locale, filters):
    """A spelling of the query from the index's vocabulary that finds stories, or None."""
    suggested = suggestion(parsed.words, locale.language_code)
    if suggested and search(suggested, locale, filters, suggest=False).ids:
        return suggested
    return None


def title_suggestions(typed, locale, limit):
    """Ids of the newest published stories whose titles start words the way `typed` does:
    every word but the last in full, the last as a beginning."""
    typed_words = words(typed)
    if not typed_words:
        return []
    *complete, prefix = typed_words
    restriction = restriction_of(locale, Filters())
    # Twice as many as shown: a few may have been unpublished since they were indexed.
    return published_ids(engine().titles(complete, prefix, restriction, limit * 2))[:limit]
