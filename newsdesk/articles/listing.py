"""Paginated story listings shared by section, tag, person and search pages."""

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.template.response import TemplateResponse

# The fragment "load more" fetches: just the next story cards and the next link.
PARTIAL_TEMPLATE = "components/story_list_page.html"


def paginate(request, items, per_page=None):
    """The requested page of `items`; a page number that is not a page of them is a 404."""
    paginator = Paginator(items, per_page or settings.NEWSDESK_PAGE_SIZE)
    number = request.GET.get("page", "1")
    # isascii: str.isdigit() also accepts "²", which int() refuses.
    if not (number.isascii() and number.isdigit()):
        raise Http404("Page number must be a positive whole number")
    try:
        return paginator.page(int(number))
    except InvalidPage as error:
        raise Http404(str(error)) from error


def wants_fragment(request):
    """True when the "load more" script asks for the bare list of the next stories."""
    return request.GET.get("partial") == "1"


def listing_response(request, items, template, context):
    """Render one page of a listing, or only its story cards when a script asks for more."""
    page_obj = paginate(request, items)
    context = {**context, "page_obj": page_obj, "stories": list(page_obj.object_list)}
    return TemplateResponse(
        request, PARTIAL_TEMPLATE if wants_fragment(request) else template, context
    )
