"""The entry point takes the worker's long-lived objects out of the collector's full passes."""

import gc

import pytest

pytestmark = pytest.mark.django_db


def test_the_worker_freezes_what_its_first_requests_made_once_and_only_once():
    from newsdesk.wsgi import SETTLED_AFTER, CollectorSettled

    def hello(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"hello"]

    settled = CollectorSettled(hello)
    frozen = gc.get_freeze_count()
    kept = []
    for _ in range(SETTLED_AFTER - 1):
        kept.append([object()])  # tracked objects made while answering
        assert settled({}, lambda *args: None) == [b"hello"]
    assert gc.get_freeze_count() == frozen
    settled({}, lambda *args: None)
    assert gc.get_freeze_count() >= frozen + len(kept)
    frozen = gc.get_freeze_count()
    kept.append([object()])
    settled({}, lambda *args: None)
    assert gc.get_freeze_count() == frozen
