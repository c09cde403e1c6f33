"""Paginated story listings shared by section, tag, person and search pages.

Listings page through ids and show each story as its card (articles.cards). Section, tag and
person listings are not counted: a count reads every story of the list, which at a million
articles costs more than the page itself, so a page only asks for one story more than it
shows to know whether another page follows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from newsdesk.articles.cards import story_cards

# The fragment "load more" fetches: just the next story cards and the next link.
PARTIAL_TEMPLATE = "components/story_list_page.html"
# Deeper pages would make the database step over more stories than it is worth; sitemaps
# list every article for crawlers.
MAX_PAGE_NUMBER = 10_000


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


def paginate(request, stories, per_page=None):
    """The requested page of ids of an ordered queryset of stories, without counting them."""
    per_page = per_page or settings.NEWSDESK_PAGE_SIZE
    number = page_number(request)
    start = (number - 1) * per_page
    ids = list(stories.values_list("pk", flat=True)[start : start + per_page + 1])
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


def listing_response(request, stories, template, context, counted=False):
    """Render one page of a listing, or only its story cards when a script asks for more."""
    page_obj = (paginate_counted if counted else paginate)(request, stories)
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
