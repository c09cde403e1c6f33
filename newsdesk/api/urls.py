"""/api/v1/: the API's operations, its OpenAPI document and its browsable docs."""

from django.http import JsonResponse
from django.urls import URLPattern, re_path

from newsdesk.api.api import api
from newsdesk.api.problems import PROBLEM_CONTENT_TYPE, problem_body
from newsdesk.editions.middleware import same_in_every_language
from newsdesk.ratelimit import rate_limited

# Each client may send the app NEWSDESK_RATE_LIMITS_BY_SCOPE["api"] requests (1200 a minute
# by default; a 429 with Retry-After beyond that). Answers from the page cache cost nothing
# and are not counted.
limited = rate_limited("api", problem_json=True)

patterns, app_name, namespace = api.urls
# Every answer names its edition in the address: none varies with the reader's language.
urlpatterns = [
    URLPattern(
        pattern.pattern,
        same_in_every_language(limited(pattern.callback)),
        pattern.default_args,
        pattern.name,
    )
    for pattern in patterns
]


def not_found(request, path):
    """Any other address under /api/v1/: a problem, not the reader site's 404 page."""
    body = problem_body(request, 404, f"The API has no operation at /api/v1/{path}.")
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)


urlpatterns.append(re_path(r"^(?P<path>.*)$", same_in_every_language(limited(not_found))))
