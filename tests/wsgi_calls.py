"""Calling the WSGI application directly, as granian does, from inside a test's transaction."""

import contextlib

from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@contextlib.contextmanager
def connection_kept():
    """Keep the test's database connection (and its transaction) across requests, as Django's
    test client does: the plain WSGI handler closes it at each request's start and end, which
    on PostgreSQL ends the test's transaction mid-test."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
