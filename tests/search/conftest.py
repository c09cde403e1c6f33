"""Search fixtures: the index task runs when a change commits, which a test never does."""

import pytest


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """`with indexed(): …` runs what the block queued for its commit (the index update)."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture
