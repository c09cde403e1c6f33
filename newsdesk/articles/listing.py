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


def keyset_field(stories):
    """The field a newest-first listing is ordered by before its id ("-published_at")."""
    ordering = list(stories.query.order_by)
    if len(ordering) != 2 or ordering[1] != "-pk" or not ordering[0].startswith("-"):
        raise ValueError(f"a listing pages through (-field, -pk) ordering, not {ordering}")
    return ordering[0][1:]


def page_ids(stories, number, per_page, list_key):
    """Ids of page `number` of `stories`, and one more when another page follows.

    With `list_key` (the surrogate key purged when the list changes) the page is read from
    the nearest known page start instead of from the top.
    """
    if list_key is None:
        start = (number - 1) * per_page
        return list(stories.values_list("pk", flat=True)[start : start + per_page + 1])
    field = keyset_field(stories)
    starts = remembered(
        f"page-starts:{list_key}:{translation.get_language()}:{per_page}",
        PageStarts,
        keys=[list_key],
        seconds=PAGE_STARTS_SECONDS,
    )
    known = starts.nearest(number)
    if known is None:
        rows_from, skip = stories, (number - 1) * per_page
    else:
        value, pk = starts.starts[known]
        # Stories at or after the start, in (field, id) order: with ties on the field, the
        # ids after the start's. Written so the listing's index answers it.
        rows_from = stories.filter(**{f"{field}__lte": value}).exclude(
            **{field: value, "pk__gt": pk}
        )
        skip = (number - known) * per_page
    rows = list(rows_from.values_list(field, "pk")[skip : skip + per_page + 1])
    if rows:
        starts.learn(number, rows[0])
    if len(rows) > per_page:
        starts.learn(number + 1, rows[per_page])
    return [pk for _, pk in rows]


def paginate(request, stories, per_page=None, list_key=None):
    """The requested page of ids of an ordered queryset of stories, without counting them."""
    per_page = per_page or settings.NEWSDESK_PAGE_SIZE
    number = page_number(request)
    ids = page_ids(stories, number, per_page, list_key)
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


def listing_response(request, stories, template, context, counted=False, list_key=None):
    """Render one page of a listing, or only its story cards when a script asks for more.

    `list_key` names the list for remembering where its pages start (see page_ids).
    """
    if counted:
        page_obj = paginate_counted(request, stories)
    else:
        page_obj = paginate(request, stories, list_key=list_key)
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
