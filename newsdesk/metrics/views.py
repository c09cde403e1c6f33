"""The endpoint an article page calls once per view, so the page itself stays cacheable."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsdesk.metrics.bots import is_bot
from newsdesk.metrics.counting import ArticleNotFound, article_view_count, article_view_record
from newsdesk.ratelimit import rate_limited


def view_answer(article_id, user_agent):
    """(status, JSON body) for a view of `article_id`: counted, or only read for a bot.

    The one implementation behind the Django view and the WSGI layer (metrics/wsgi.py).
    """
    counted = not is_bot(user_agent)
    try:
        views = article_view_record(article_id) if counted else article_view_count(article_id)
    except ArticleNotFound:
        return 404, {
            "type": "about:blank",
            "title": "Article not found",
            "status": 404,
            "detail": f"No published article has id {article_id}.",
        }
    return 200, {"id": article_id, "views": views, "counted": counted}


# No CSRF token: the page is cached and shared, and a forged view costs nothing but a count.
@csrf_exempt
@require_POST
@never_cache
@rate_limited("views", problem_json=True)
def record_view(request, article_id):
    """Count one view of an article and answer with its new count; bots get it uncounted."""
    status, body = view_answer(article_id, request.headers.get("User-Agent", ""))
    content_type = "application/problem+json" if status != 200 else "application/json"
    return JsonResponse(body, status=status, content_type=content_type)
