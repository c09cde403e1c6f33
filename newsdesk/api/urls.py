"""/api/v1/: the API's operations, its OpenAPI document and its browsable docs."""

from django.urls import URLPattern

from newsdesk.api.api import api
from newsdesk.editions.middleware import same_in_every_language

patterns, app_name, namespace = api.urls
# Every answer names its edition in the address: none varies with the reader's language.
urlpatterns = [
    URLPattern(
        pattern.pattern,
        same_in_every_language(pattern.callback),
        pattern.default_args,
        pattern.name,
    )
    for pattern in patterns
]
