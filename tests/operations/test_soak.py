"""A short soak (`make soak` runs ten minutes): the production stack under mixed load with an
editor publishing, on the run's own PostgreSQL pair, Redis and Varnish."""

import sys

import pytest
from demo_site import ROOT

pytestmark = pytest.mark.stack
sys.path.insert(0, str(ROOT / "bench"))


def test_a_short_soak_has_no_5xx_and_shows_every_change_and_view(clusters, redis):
    from soak import soak_on

    _primary, replica, template = clusters
    report = soak_on(template, replica, redis, duration=20, readers=4, edit_every=3)
    targets = report["targets_met"]
    assert report["server_errors"] == 0, report["statuses"]
    assert targets["every_change_visible"], report["edits"]
    assert targets["no_view_lost"], report["views_lost"]
    assert targets["nothing_half_written"], report["consistency_problems"]
    assert report["views_acknowledged"] > 0 and report["readyz"] == "ready"
    # Memory over 20 s says nothing about growth; `make soak` judges it over ten minutes.
