"""The endpoint an article page calls once per view, so the page itself stays cacheable."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.metrics.bots import is_bot
from newsdesk.metrics.counting import ArticleNotFound, article_view_count, article_view_record


def problem(status, title, detail):
    """An RFC 9457 problem document."""
    return JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status=status,
        content_type="application/problem+json",
    )


# No CSRF token: the page is cached and shared, and a forged view costs nothing but a count.
@csrf_exempt
@require_POST
@never_cache
def record_view(request, article_id):
    """Count one view of an article and answer with its new count; bots get it uncounted."""
    counted = not is_bot(request.headers.get("User-Agent", ""))
    try:
        views = article_view_record(article_id) if counted else article_view_count(article_id)
    except ArticleNotFound:
        return problem(404, "Article not found", f"No published article has id {article_id}.")
    return JsonResponse({"id": article_id, "views": views, "counted": counted})
