"""Full-text search across the reader's edition."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from newsdesk.articles.keys import edition_list_key
from newsdesk.articles.listing import listing_response
from newsdesk.articles.models import ArticlePage
from newsdesk.editions.editions import active_locale
from newsdesk.pagecache.keys import shows


def clean_query(raw):
    """The query as searched: whitespace collapsed; None with a reason when it can't be searched."""
    query = " ".join(raw.split())
    if len(query) > settings.NEWSDESK_MAX_QUERY_LENGTH:
        return None, _("The search is too long: use at most %(limit)d characters.") % {
            "limit": settings.NEWSDESK_MAX_QUERY_LENGTH
        }
    if any(ord(char) < 32 for char in query):
        return None, _("The search contains characters that cannot be searched for.")
    return query, None


def search(request):
    """Search results for ?q= in this edition, paginated; an honest page when nothing matches."""
    query, error = clean_query(request.GET.get("q", ""))
    context = {"query": query or "", "error": error}
    if error:
        return TemplateResponse(request, "search/search_page.html", context, status=400)
    if not query:
        return TemplateResponse(
            request, "search/search_page.html", {**context, "cards": [], "story_ids": []}
        )
    # Quotes mean nothing to a plain-text search, and the SQLite backend's full-text syntax
    # fails on an unpaired one ("unterminated string"): the words are searched without them.
    words = " ".join(query.replace('"', " ").split())
    locale = active_locale()
    # Any story published in the edition may change the results.
    shows(edition_list_key(locale.language_code))
    results = ArticlePage.objects.none()
    if words:
        results = (
            ArticlePage.objects.published()
            .in_edition(locale)
            .search(words, order_by_relevance=True)
        )
    return listing_response(request, results, "search/search_page.html", context, counted=True)
