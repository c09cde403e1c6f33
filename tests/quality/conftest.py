"""Third-party page checkers (Lighthouse, the Nu Html Checker) against the running site."""

import pytest

QUALITY_TESTS = __file__.rsplit("/", 1)[0]


def pytest_collection_modifyitems(items):
    """Every test in this folder runs an outside checker, so `-m "not quality"` leaves them out."""
    for item in items:
        if str(item.path).startswith(QUALITY_TESTS):
            item.add_marker(pytest.mark.quality)
