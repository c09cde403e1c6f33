"""The search page and title autocomplete of the reader's edition (thin: see results.py)."""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsdesk.articles.cards import story_cards
from newsdesk.articles.listing import ListingPage, page_number, wants_fragment
from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.editions.editions import active_locale
from newsdesk.pagecache.keys import changes_at, shows
from newsdesk.people.models import Person
from newsdesk.ratelimit import rate_limited
from newsdesk.search.documents import person_term, section_term, tag_term
from newsdesk.search.keys import search_index_key
from newsdesk.search.results import (
    SORT_DATE,
    SORT_RELEVANCE,
    Filters,
    next_due,
    published_ids,
    search,
    title_suggestions,
)
from newsdesk.search.snippets import article_texts, snippet

TEMPLATE = "search/search_page.html"
PARTIAL_TEMPLATE = "search/results_list.html"
# Titles offered while the reader types.
AUTOCOMPLETE_TITLES = 8
# The parameters a results page keeps in its links (all listed in the page cache's settings).
FILTER_PARAMETERS = ("section", "tag", "person", "from", "to", "sort")


class BadSearch(ValueError):
    """A search parameter that cannot be searched, with the reason readers are shown."""


def clean_query(raw):
    """The query as searched, whitespace collapsed and cut to the longest searched; and
    whether it was cut. Control characters are refused (BadSearch)."""
    if any(ord(char) < 32 and char not in "\t\n\r" for char in raw):
        raise BadSearch(_("The search contains characters that cannot be searched for."))
    query = " ".join(raw.split())
    limit = settings.NEWSDESK_MAX_QUERY_LENGTH
    return query[:limit].rstrip(), len(query) > limit


def parsed_date(raw):
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise BadSearch(
            _("“%(value)s” is not a date: write it as YYYY-MM-DD.") % {"value": raw[:40]}
        ) from None


@dataclass
class SearchRequest:
    """A results page's parameters, checked; `filters` as index filter terms."""

    query: str
    shortened: bool
    sort: str
    filters: Filters
    chosen: dict  # the filter parameters given, to keep in links

    @classmethod
    def of(cls, request, locale):
        query, shortened = clean_query(request.GET.get("q", ""))
        sort = request.GET.get("sort") or SORT_RELEVANCE
        if sort not in (SORT_RELEVANCE, SORT_DATE):
            raise BadSearch(_("Results can be sorted by relevance or by date only."))
        chosen = {name: request.GET[name] for name in FILTER_PARAMETERS if request.GET.get(name)}
        filters = Filters(
            date_from=parsed_date(chosen.get("from")),
            date_to=parsed_date(chosen.get("to")),
        )
        if "section" in chosen:
            section = SectionPage.objects.filter(locale=locale, slug=chosen["section"]).first()
            if section is None:
                raise BadSearch(_("This edition has no such section."))
            filters.terms.append(section_term(section.pk))
        if "tag" in chosen:
            tag = Tag.objects.filter(slug=chosen["tag"]).first()
            if tag is None:
                raise BadSearch(_("No story has this tag."))
            filters.terms.append(tag_term(tag.pk))
        if "person" in chosen:
            person = Person.objects.filter(slug=chosen["person"]).first()
            if person is None:
                raise BadSearch(_("There is no such person."))
            filters.terms.append(person_term(person.translation_key))
        return cls(query, shortened, sort, filters, chosen)

    def link(self, **changes):
        """The query string of this search with `changes` (a None value drops a parameter)."""
        parameters = {"q": self.query, **self.chosen, **changes}
        return urlencode({key: value for key, value in parameters.items() if value})


def results_page(request, results):
    """One page of the ranked ids, without counting again; 404 past the last."""
    per_page = settings.NEWSDESK_PAGE_SIZE
    number = page_number(request)
    start = (number - 1) * per_page
    ids = results.ids[start : start + per_page]
    if not ids and number > 1:
        raise Http404("That page of results is empty")
    return ListingPage(
        number=number,
        object_list=published_ids(ids),
        next_exists=len(results.ids) > start + per_page,
    )


def snippets_of(ids, parsed, language_code):
    """{article id: highlighted snippet} for the stories on the page."""
    return {
        pk: snippet(text, parsed.all_terms, language_code)
        for pk, text in article_texts(ids).items()
    }


def index_shown(locale):
    """Record that the response shows the edition's index as it is now: until the index
    changes (its key) or a story scheduled ahead comes due, whichever is first."""
    shows(search_index_key(locale.language_code))
    due = next_due(locale)
    if due is not None:
        changes_at(due)


@rate_limited("search")
def search_view(request):
    """Search results for ?q= in this edition; an honest page when nothing matches."""
    locale = active_locale()
    index_shown(locale)
    try:
        asked = SearchRequest.of(request, locale)
    except BadSearch as error:
        context = {"query": request.GET.get("q", "")[:200], "error": str(error)}
        return TemplateResponse(request, TEMPLATE, context, status=400)
    context = {
        "query": asked.query,
        "shortened": asked.shortened,
        "query_limit": settings.NEWSDESK_MAX_QUERY_LENGTH,
        "asked": asked,
    }
    if not asked.query:
        return TemplateResponse(
            request, TEMPLATE, {**context, "results": None, "story_ids": [], "items": []}
        )
    results = search(asked.query, locale, asked.filters, asked.sort)
    page_obj = results_page(request, results)
    snippets = snippets_of(page_obj.object_list, results.parsed, locale.language_code)
    cards = story_cards(request, page_obj.object_list)
    context.update(
        results=results,
        page_obj=page_obj,
        story_ids=page_obj.object_list,
        items=[
            (card, snippets.get(pk, ""))
            for pk, card in zip(page_obj.object_list, cards, strict=False)
        ],
        previous_link=asked.link(page=page_obj.number - 1 if page_obj.number > 2 else None),
        next_link=asked.link(page=page_obj.number + 1),
        date_link=asked.link(sort=None if asked.sort == SORT_DATE else SORT_DATE),
        suggestion_link=asked.link(q=results.suggestion) if results.suggestion else "",
    )
    return TemplateResponse(
        request, PARTIAL_TEMPLATE if wants_fragment(request) else TEMPLATE, context
    )


@rate_limited("autocomplete", problem_json=True)
def autocomplete_view(request):
    """Titles of the newest stories matching what the reader has typed so far (JSON)."""
    locale = active_locale()
    index_shown(locale)
    try:
        typed, _shortened = clean_query(request.GET.get("q", ""))
    except BadSearch as error:
        return JsonResponse(
            {"type": "about:blank", "title": str(error), "status": 400},
            status=400,
            content_type="application/problem+json",
        )
    ids = title_suggestions(typed, locale, AUTOCOMPLETE_TITLES) if typed else []
    stories = ArticlePage.objects.filter(pk__in=ids).only("id", "title", "url_path", "locale_id")
    found = {story.pk: story for story in stories}
    titles = [
        {"title": found[pk].title, "url": found[pk].get_url(request)} for pk in ids if pk in found
    ]
    return JsonResponse({"query": typed, "titles": titles})
