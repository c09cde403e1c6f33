"""Servers of the fault tests' own: a PostgreSQL primary with its streaming replica, made
once per run with a small outlet in a template database, and Redis per test.

These tests start and stop real servers, so they run with the services suite
(`make test-services`), where a missing PostgreSQL or Redis binary fails the run under CI.
"""

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))
# bench/workers.py finds an app's granian workers.
sys.path.insert(0, str(TESTS.parent / "bench"))

from clusters import postgres_bin, postgres_cluster, postgres_replica, redis_server  # noqa: E402
from demo_site import require_tool, using_services  # noqa: E402
from stack import StackTemplate  # noqa: E402


def pytest_collection_modifyitems(config, items):
    if using_services():
        return
    skip = pytest.mark.skip(reason="starts its own PostgreSQL and Redis: make test-services")
    for item in items:
        if "stack" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def clusters():
    """(primary, replica, template): the run's own PostgreSQL pair and the outlet to copy."""
    require_tool(postgres_bin(), "Debian's PostgreSQL server (postgresql) is not installed")
    with postgres_cluster() as primary, postgres_replica(primary) as replica:
        template = StackTemplate(primary)
        try:
            yield primary, replica, template
        finally:
            template.remove()


@pytest.fixture
def redis():
    """A redis-server of the test's own (append-only file, so a kill loses nothing)."""
    require_tool(os.path.exists("/usr/bin/redis-server"), "redis-server is not installed")
    with redis_server() as server:
        yield server
