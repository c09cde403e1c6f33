"""Ad slots render nothing without a running placement, and the right placement with one."""

from datetime import timedelta

import factories
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from newsdesk.ads.models import AdPlacement, Slot


def frame_of(ad):
    """Where the slot's frame loads an HTML placement from."""
    return f'src="/ads/{ad.pk}/frame/"'


def render_slot(slot="header", language_code="en"):
    template = Template('{% load ads %}{% ad_slot "' + slot + '" %}')
    with translation.override(language_code):
        return template.render(Context({"request": RequestFactory().get("/")})).strip()


def test_empty_slot_renders_nothing(db):
    assert render_slot() == ""


def test_running_placement_is_rendered_in_a_sandboxed_frame(client, db):
    ad = factories.AdPlacementFactory(html='<a href="https://shop.example">Shop</a>')
    html = render_slot()
    assert f'src="/ads/{ad.pk}/frame/"' in html
    assert ad.slot in html
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in html
    frame = client.get(f"/ads/{ad.pk}/frame/")
    assert '<a href="https://shop.example">Shop</a>' in frame.text
    assert '<base target="_blank">' in frame.text


def test_third_party_html_never_reaches_the_page_itself(client, db):
    """Its own origin (no allow-same-origin): a script in it cannot read or change the page."""
    ad = factories.AdPlacementFactory(
        html="<script>document.cookie='x'</script><div style='position:fixed'>cover</div>"
    )
    html = render_slot()
    assert "document.cookie" not in html and "position:fixed" not in html
    assert "allow-same-origin" not in html and "allow-top-navigation" not in html
    frame = client.get(f"/ads/{ad.pk}/frame/")
    # Sandboxed by its own policy too, should anyone open the frame's address alone.
    policy = frame["Content-Security-Policy"]
    assert "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox" in policy
    assert "allow-same-origin" not in policy and "frame-ancestors 'self'" in policy


def test_a_frame_for_an_ad_that_is_not_running_html_is_not_found(client, db):
    image_ad = factories.AdPlacementFactory(html="", image=factories.image())
    paused = factories.AdPlacementFactory(is_active=False)
    for ad in (image_ad, paused):
        assert client.get(f"/ads/{ad.pk}/frame/").status_code == 404


def test_placement_shows_only_in_its_own_slot(db):
    ad = factories.AdPlacementFactory(slot=Slot.SIDEBAR, html="<b>Sidebar ad</b>")
    assert render_slot("header") == ""
    assert frame_of(ad) in render_slot("sidebar")


def test_placements_of_equal_priority_rotate_in_the_cached_page(db):
    first = factories.AdPlacementFactory(html="<b>First</b>", priority=3)
    second = factories.AdPlacementFactory(html="<b>Second</b>", priority=3)
    lower = factories.AdPlacementFactory(html="<b>Lower</b>", priority=1)
    html = render_slot()
    assert frame_of(first) in html and frame_of(second) in html
    assert frame_of(lower) not in html
    # Both travel with the page; one is hidden until the script picks one per reader.
    assert html.count("hidden") == 1
    assert f"/ads/{first.pk}/seen/" in html and f"/ads/{second.pk}/seen/" in html
    assert "js/ads" in html


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
    ad = factories.AdPlacementFactory(
        html="<b>Timed ad</b>",
        starts_at=None if starts is None else now + timedelta(days=starts),
        ends_at=None if ends is None else now + timedelta(days=ends),
    )
    assert (frame_of(ad) in render_slot()) is shown


def test_inactive_placement_is_not_shown(db):
    factories.AdPlacementFactory(html="<b>Paused</b>", is_active=False)
    assert render_slot() == ""


def test_placement_for_one_edition_shows_only_there(db):
    ad = factories.AdPlacementFactory(html="<b>Russian ad</b>", language_code="ru")
    assert frame_of(ad) in render_slot(language_code="ru")
    assert render_slot(language_code="en") == ""


def test_highest_priority_placement_wins(db):
    low = factories.AdPlacementFactory(html="<b>Low</b>", priority=0)
    high = factories.AdPlacementFactory(html="<b>High</b>", priority=5)
    html = render_slot()
    assert frame_of(high) in html and frame_of(low) not in html


def test_image_placement_links_to_the_advertiser_through_the_click_counter(db):
    ad = factories.AdPlacementFactory(
        html="", image=factories.image(), link_url="https://bank.example", alt_text="A bank"
    )
    html = render_slot()
    assert f'href="/ads/{ad.pk}/click/"' in html
    assert 'alt="A bank"' in html


def test_running_query_honours_a_given_moment(db):
    ad = factories.AdPlacementFactory(starts_at=timezone.now() + timedelta(days=3))
    later = timezone.now() + timedelta(days=4)
    assert list(AdPlacement.objects.running(Slot.HEADER, "en", now=later)) == [ad]


def test_article_page_without_ads_has_no_ad_box(client, newsroom):
    assert "ad-slot" not in client.get(newsroom.story.url).text


def test_article_page_shows_a_running_placement(client, newsroom):
    ad = factories.AdPlacementFactory(slot=Slot.ARTICLE_END, html="<b>After the story</b>")
    assert frame_of(ad) in client.get(newsroom.story.url).text
