"""Ad slots render nothing without a running placement, and the right placement with one."""

from datetime import timedelta

import factories
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from newsdesk.ads.models import AdPlacement, Slot


def render_slot(slot="header", language_code="en"):
    template = Template('{% load ads %}{% ad_slot "' + slot + '" %}')
    with translation.override(language_code):
        return template.render(Context({"request": RequestFactory().get("/")})).strip()


def test_empty_slot_renders_nothing(db):
    assert render_slot() == ""


def test_running_placement_is_rendered(db):
    ad = factories.AdPlacementFactory(html='<a href="https://shop.example">Shop</a>')
    html = render_slot()
    assert 'href="https://shop.example"' in html
    assert ad.slot in html


def test_placement_shows_only_in_its_own_slot(db):
    factories.AdPlacementFactory(slot=Slot.SIDEBAR, html="<b>Sidebar ad</b>")
    assert render_slot("header") == ""
    assert "Sidebar ad" in render_slot("sidebar")


@pytest.mark.parametrize(
    ("starts", "ends", "shown"),
    [
        (-1, 1, True),
        (None, 1, True),
        (-1, None, True),
        (1, 2, False),
        (-2, -1, False),
    ],
    ids=["running", "no-start", "no-end", "not-yet", "over"],
)
def test_placement_runs_only_in_its_time_window(db, starts, ends, shown):
    now = timezone.now()
    factories.AdPlacementFactory(
        html="<b>Timed ad</b>",
        starts_at=None if starts is None else now + timedelta(days=starts),
        ends_at=None if ends is None else now + timedelta(days=ends),
    )
    assert ("Timed ad" in render_slot()) is shown


def test_inactive_placement_is_not_shown(db):
    factories.AdPlacementFactory(html="<b>Paused</b>", is_active=False)
    assert render_slot() == ""


def test_placement_for_one_edition_shows_only_there(db):
    factories.AdPlacementFactory(html="<b>Russian ad</b>", language_code="ru")
    assert "Russian ad" in render_slot(language_code="ru")
    assert render_slot(language_code="en") == ""


def test_highest_priority_placement_wins(db):
    factories.AdPlacementFactory(html="<b>Low</b>", priority=0)
    factories.AdPlacementFactory(html="<b>High</b>", priority=5)
    html = render_slot()
    assert "High" in html and "Low" not in html


def test_image_placement_links_to_the_advertiser(db):
    factories.AdPlacementFactory(
        html="", image=factories.image(), link_url="https://bank.example", alt_text="A bank"
    )
    html = render_slot()
    assert 'href="https://bank.example"' in html
    assert 'alt="A bank"' in html


def test_running_query_honours_a_given_moment(db):
    ad = factories.AdPlacementFactory(starts_at=timezone.now() + timedelta(days=3))
    later = timezone.now() + timedelta(days=4)
    assert list(AdPlacement.objects.running(Slot.HEADER, "en", now=later)) == [ad]


def test_article_page_without_ads_has_no_ad_box(client, newsroom):
    assert "ad-slot" not in client.get(newsroom.story.url).text


def test_article_page_shows_a_running_placement(client, newsroom):
    factories.AdPlacementFactory(slot=Slot.ARTICLE_END, html="<b>After the story</b>")
    assert "After the story" in client.get(newsroom.story.url).text
