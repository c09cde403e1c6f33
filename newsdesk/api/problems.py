"""Errors as RFC 9457 problem details: a JSON object saying what went wrong, and its status."""

from http import HTTPStatus

from ninja import Schema

PROBLEM_CONTENT_TYPE = "application/problem+json"


class Problem(Schema):
    """What went wrong with a request (RFC 9457 problem details)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None


class ApiProblem(Exception):
    """Raised by the API's code to answer with a problem instead of a result."""

    def __init__(self, status, detail, title=None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase


def problem_body(request, status, detail, title=None):
    """The problem document for `status`, with the request's path as its instance."""
    return {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.get_full_path(),
    }
