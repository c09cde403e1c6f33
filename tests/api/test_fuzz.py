"""A schema-driven fuzz run: schemathesis sends what the OpenAPI document allows (and what it
does not) to every operation, and no answer may be a 500 or break the document."""

import pytest
import schemathesis
import wsgi_calls
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings

from newsdesk.api.api import api

pytestmark = pytest.mark.django_db

# Examples per operation and mode: enough to reach every parameter, seconds in all.
EXAMPLES = 15

# The document as the API serves it at /api/v1/openapi.json (tested in test_api.py), run
# against Django in this process so the test database and its content answer.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = WSGIHandler()


@pytest.fixture
def connection_kept():
    with wsgi_calls.connection_kept():
        yield


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_holds_to_its_openapi_document(case, newsroom, connection_kept):
    case.call_and_validate()
