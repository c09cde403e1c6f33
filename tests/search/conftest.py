"""Search fixtures: the index task runs when a change commits, which a test never does."""

import pytest


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    """These tests search far more often than a reader may; test_rate_limits turns them on."""
    settings.NEWSDESK_RATE_LIMITS = False


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """`with indexed(): …` runs what the block queued for its commit (the index update)."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
