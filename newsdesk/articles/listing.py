"""Paginated story listings shared by section, tag, person and search pages.

Listings page through ids and show each story as its card (articles.cards). Section, tag and
person listings are not counted: a count reads every story of the list, which at a million
articles costs more than the page itself, so a page only asks for one story more than it
shows to know whether another page follows.

A section's deep pages are read from where the page starts (keyset), not by skipping the
stories before it: each process remembers the first story of the pages readers asked for
until the list changes. Skipping was the cost of a deep page: page 500 of a section stepped
over 6,000 index entries (5 ms on PostgreSQL, most of what the page cost the database).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation

from newsdesk.articles.cards import story_cards
from newsdesk.pagecache.cache import remembered

# The fragment "load more" fetches: just the next story cards and the next link.
PARTIAL_TEMPLATE = "components/story_list_page.html"
# Deeper pages would make the database step over more stories than it is worth; sitemaps
# list every article for crawlers.
MAX_PAGE_NUMBER = 10_000
# Where pages start, remembered per list (a list's pages are dropped together when it
# changes); past this many known starts, new ones are not kept.
PAGE_STARTS_KEPT = 500
PAGE_STARTS_SECONDS = 600


@dataclass
class ListingPage:
    """One page of an uncounted listing, with the parts of Django's Page templates use."""

    number: int
    object_list: list
    next_exists: bool
    paginator = None

    def has_next(self):
        return self.next_exists

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.next_exists or self.number > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def page_number(request):
    """The requested page number; anything but a whole number from 1 up is a 404."""
    number = request.GET.get("page", "1")
    # isascii: str.isdigit() also accepts "²", which int() refuses.
    if not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= MAX_PAGE_NUMBER:
        raise Http404(f"Page number must be a whole number from 1 to {MAX_PAGE_NUMBER}")
    return int(number)


class PageStarts:
    """The first story (ordering value, id) of the pages of one list that readers asked for."""

    def __init__(self):
        self.starts = {}

    def nearest(self, number):
        """The known page at or before `number` closest to it, or None."""
        known = [page for page in self.starts if page <= number]
        return max(known) if known else None

    def learn(self, number, start):
        if number in self.starts or len(self.starts) < PAGE_STARTS_KEPT:
            self.starts[number] = start


@dataclass(frozen=True)
class Keyset:
    """How a list is read from where a page starts.

    `list_key` is the list's surrogate key (its pages' starts are dropped when it is
    purged); `stories_until(moment)` is the list's newest-first stories published by that
    moment, ordered by the article's own publication time and id. The start bounds the
    time once: with a second upper bound on the same column (now, and the start), SQLite
    read the section's index from the top (page 500: 4.7 ms against 0.05 ms).
    """

    list_key: str
    stories_until: Callable


def page_ids(stories, number, per_page, keyset=None):
    """Ids of page `number` of `stories`, and one more when another page follows.

    With a `keyset` the page is read from the nearest known page start instead of from
    the top.
    """
    if keyset is None:
        start = (number - 1) * per_page
        return list(stories.values_list("pk", flat=True)[start : start + per_page + 1])
    starts = remembered(
        f"page-starts:{keyset.list_key}:{translation.get_language()}:{per_page}",
        PageStarts,
        keys=[keyset.list_key],
        seconds=PAGE_STARTS_SECONDS,
    )
    known = starts.nearest(number)
    if known is None:
        rows_from, skip = stories, (number - 1) * per_page
    else:
        moment, pk = starts.starts[known]
        # At or after the start: with ties on the time, the ids after the start's.
        rows_from = keyset.stories_until(moment).exclude(published_at=moment, pk__gt=pk)
        skip = (number - known) * per_page
    rows = list(rows_from.values_list("published_at", "pk")[skip : skip + per_page + 1])
    if rows:
        starts.learn(number, rows[0])
    if len(rows) > per_page:
        starts.learn(number + 1, rows[per_page])
    return [pk for _, pk in rows]


def paginate(request, stories, per_page=None, keyset=None):
    """The requested page of ids of an ordered queryset of stories, without counting them."""
    per_page = per_page or settings.NEWSDESK_PAGE_SIZE
    number = page_number(request)
    ids = page_ids(stories, number, per_page, keyset)
    if not ids and number > 1:
        raise Http404("That page of stories is empty")
    return ListingPage(number=number, object_list=ids[:per_page], next_exists=len(ids) > per_page)


def paginate_counted(request, stories, per_page=None):
    """The requested page of a result list that shows its total (search)."""
    paginator = Paginator(stories, per_page or settings.NEWSDESK_PAGE_SIZE)
    try:
        return paginator.page(page_number(request))
    except InvalidPage as error:
        raise Http404(str(error)) from error


def wants_fragment(request):
    """True when the "load more" script asks for the bare list of the next stories."""
    return request.GET.get("partial") == "1"


def listing_response(request, stories, template, context, counted=False, keyset=None):
    """Render one page of a listing, or only its story cards when a script asks for more.

    A `keyset` lets deep pages be read from where they start (see Keyset).
    """
    if counted:
        page_obj = paginate_counted(request, stories)
    else:
        page_obj = paginate(request, stories, keyset=keyset)
    story_ids = [story if isinstance(story, int) else story.pk for story in page_obj.object_list]
    context = {
        **context,
        "page_obj": page_obj,
        "story_ids": story_ids,
        "cards": story_cards(request, story_ids),
    }
    return TemplateResponse(
        request, PARTIAL_TEMPLATE if wants_fragment(request) else template, context
    )
