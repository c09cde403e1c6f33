"""The outermost WSGI layer: a request id, a log line and metrics for every request.

It wraps the view counter and the page cache, which answer most requests before Django
runs, so their requests are timed and counted too. A failure that escapes those layers
(the database gone while the view counter looks an article up) is answered here: 503 when
a database or Redis is unreachable, so clients retry, and logged with the request id.
"""

import json
import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from redis import RedisError

from newsdesk.operations.logs import request_id_from, request_id_var
from newsdesk.operations.metrics import multiprocess_enabled, request_observe

logger = logging.getLogger("newsdesk.requests")
UNAVAILABLE = (OperationalError, InterfaceError, RedisError)
RETRY_AFTER_SECONDS = 5


class RequestContext:
    """Sets the request id (X-Request-ID in and out), times, counts and logs each request."""

    def __init__(self, application):
        self.application = application
        self.access_log = settings.NEWSDESK_ACCESS_LOG
        self.metrics = multiprocess_enabled()

    def __call__(self, environ, start_response):
        request_id = request_id_from(environ.get("HTTP_X_REQUEST_ID"))
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        answered = {}

        def start(status, headers, exc_info=None):
            answered["status"] = status[:3]
            for name, value in headers:
                if name == "X-Cache":
                    answered["cache"] = value
            headers.append(("X-Request-ID", request_id))
            return start_response(status, headers, exc_info)

        try:
            try:
                return self.application(environ, start)
            except Exception as error:
                return self.failure(environ, start, error)
        finally:
            seconds = time.perf_counter() - started
            path = environ.get("PATH_INFO", "")
            method = environ.get("REQUEST_METHOD", "")
            status = answered.get("status", "500")
            cache = answered.get("cache", "none")
            if self.metrics:
                request_observe(method, status, cache, path, seconds)
            if self.access_log:
                logger.info(
                    "%s %s %s",
                    method,
                    path,
                    status,
                    extra={"status": int(status), "ms": round(seconds * 1000, 2), "cache": cache},
                )
            request_id_var.reset(token)

    def failure(self, environ, start_response, error):
        """A problem-details answer for an error no inner layer answered."""
        unavailable = isinstance(error, UNAVAILABLE)
        logger.error(
            "%s %s failed: %s",
            environ.get("REQUEST_METHOD"),
            environ.get("PATH_INFO"),
            error,
            exc_info=not unavailable,
        )
        status = 503 if unavailable else 500
        title = "Service Unavailable" if unavailable else "Internal Server Error"
        body = json.dumps(
            {
                "type": "about:blank",
                "title": title,
                "status": status,
                "detail": "Please try again in a few seconds." if unavailable else title,
            }
        ).encode()
        headers = [
            ("Content-Type", "application/problem+json"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ]
        if unavailable:
            headers.append(("Retry-After", str(RETRY_AFTER_SECONDS)))
        start_response(f"{status} {title}", headers)
        return [body]
