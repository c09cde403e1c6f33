"""What an ad desk needs: sections, in-article places, cacheable counts, reports."""

from datetime import UTC, datetime, timedelta

import factories
import pytest
from django.test import override_settings

from newsdesk.ads.counting import COUNTER, ad_counts_flush, daily_rows_add
from newsdesk.ads.models import AdDailyStats, Slot
from newsdesk.counters.buffer import batch_apply, counter_buffer, counts_flush
from newsdesk.counters.models import CounterFlush

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130 Safari/537.36"


def test_a_section_ad_runs_on_that_sections_articles_in_every_edition(client, newsroom):
    ad = factories.AdPlacementFactory(slot=Slot.ARTICLE_END, html="<b>Politics sponsor</b>")
    ad.sections.set([newsroom.politics])
    elsewhere = factories.article(factories.section("en", title="Culture"), title="Theatre")
    frame = f"/ads/{ad.pk}/frame/"
    assert frame in client.get(newsroom.story.url).text
    # Chosen as the English section, it runs on the Russian one too: same translation key.
    assert frame in client.get(newsroom.story_ru.url).text
    assert frame not in client.get(elsewhere.url).text


def test_a_section_ad_is_not_on_the_front_page(client, newsroom):
    ad = factories.AdPlacementFactory(slot=Slot.HEADER, html="<b>Election ad</b>")
    ad.sections.set([newsroom.politics])
    everywhere = factories.AdPlacementFactory(slot=Slot.HEADER, html="<b>Run</b>", priority=-1)
    page = client.get("/en/").text
    assert f"/ads/{ad.pk}/frame/" not in page and f"/ads/{everywhere.pk}/frame/" in page


def test_an_in_article_ad_goes_after_the_paragraph_it_names(client, newsroom):
    body = [{"type": "paragraph", "value": f"<p>Paragraph {number}.</p>"} for number in (1, 2, 3)]
    story = factories.article(newsroom.politics, title="Long read", body=body)
    factories.AdPlacementFactory(slot=Slot.ARTICLE_BODY, html="<b>Mid ad</b>", after_paragraph=2)
    page = client.get(story.url).text
    assert page.index("Paragraph 2.") < page.index("ad-slot--article_body")
    assert page.index("ad-slot--article_body") < page.index("Paragraph 3.")


def test_an_in_article_ad_without_a_paragraph_follows_the_lead(client, newsroom):
    factories.AdPlacementFactory(slot=Slot.ARTICLE_BODY, html="<b>Lead ad</b>")
    page = client.get(newsroom.story.url).text
    assert page.index("article__lead") < page.index("ad-slot--article_body")
    assert page.index("ad-slot--article_body") < page.index("article__body")


def test_a_page_with_an_ad_stays_shareable_by_caches(client, newsroom):
    ad = factories.AdPlacementFactory(slot=Slot.ARTICLE_END, html="<b>Cached ad</b>")
    response = client.get(newsroom.story.url)
    assert f"/ads/{ad.pk}/frame/" in response.text
    assert response["Cache-Control"].startswith("public")


def test_impressions_and_clicks_are_counted_once_flushed(client, newsroom):
    ad = factories.AdPlacementFactory(
        html="", image=factories.image(), link_url="https://a.example"
    )
    for _ in range(3):
        response = client.post(f"/ads/{ad.pk}/seen/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 204
        assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    click = client.get(f"/ads/{ad.pk}/click/", HTTP_USER_AGENT=BROWSER)
    assert click.status_code == 302 and click["Location"] == "https://a.example"
    assert not AdDailyStats.objects.exists()
    assert ad_counts_flush() == 4
    stats = AdDailyStats.objects.get(placement=ad)
    assert (stats.impressions, stats.clicks) == (3, 1)
    assert stats.day == datetime.now(UTC).date()
    assert ad_counts_flush() == 0
    client.post(f"/ads/{ad.pk}/seen/", HTTP_USER_AGENT=BROWSER)
    ad_counts_flush()
    assert AdDailyStats.objects.get(placement=ad).impressions == 4


@pytest.fixture
def counter_buffer_down():
    """The counter buffer in a Redis that is not there (nothing listens on port 1)."""
    counter_buffer.cache_clear()
    with override_settings(NEWSDESK_COUNTER_BUFFER="redis://127.0.0.1:1/0"):
        yield
    counter_buffer.cache_clear()


def test_with_the_buffer_down_counts_go_straight_to_the_database(
    client, newsroom, counter_buffer_down
):
    ad = factories.AdPlacementFactory(
        html="", image=factories.image(), link_url="https://a.example"
    )
    assert client.post(f"/ads/{ad.pk}/seen/", HTTP_USER_AGENT=BROWSER).status_code == 204
    assert client.post(f"/ads/{ad.pk}/seen/", HTTP_USER_AGENT=BROWSER).status_code == 204
    assert client.get(f"/ads/{ad.pk}/click/", HTTP_USER_AGENT=BROWSER).status_code == 302
    stats = AdDailyStats.objects.get(placement=ad)
    assert (stats.impressions, stats.clicks) == (2, 1)


def test_bots_and_unknown_placements_are_not_counted(client, newsroom):
    ad = factories.AdPlacementFactory()
    assert client.post(f"/ads/{ad.pk}/seen/", HTTP_USER_AGENT="Googlebot/2.1").status_code == 204
    assert client.post("/ads/999999/seen/", HTTP_USER_AGENT=BROWSER).status_code == 404
    assert client.get(f"/ads/{ad.pk}/seen/").status_code == 405
    assert client.get(f"/ads/{ad.pk}/click/", HTTP_USER_AGENT=BROWSER).status_code == 404
    assert ad_counts_flush() == 0


def test_a_flush_that_died_after_its_commit_counts_nothing_twice(db, monkeypatch):
    ad = factories.AdPlacementFactory()
    buffer = counter_buffer()
    buffer.add(COUNTER, f"{ad.pk}:2026-11-30:i", 5)
    assert buffer.take(COUNTER, "batch-1")

    def dies(*args):
        raise RuntimeError("killed before forgetting")

    monkeypatch.setattr(buffer, "forget", dies)
    with pytest.raises(RuntimeError):
        batch_apply(buffer, COUNTER, "batch-1", daily_rows_add)
    monkeypatch.undo()
    assert CounterFlush.objects.filter(batch="batch-1").exists()
    assert counts_flush(COUNTER, daily_rows_add) == 0
    assert AdDailyStats.objects.get(placement=ad).impressions == 5
    assert buffer.batches(COUNTER) == []


def test_the_report_shows_each_placements_figures(staff, login, newsroom):
    ad = factories.AdPlacementFactory(name="Bank spring campaign")
    today = datetime.now(UTC).date()
    AdDailyStats.objects.create(placement=ad, day=today, impressions=200, clicks=5)
    AdDailyStats.objects.create(
        placement=ad, day=today - timedelta(days=40), impressions=999, clicks=99
    )
    page = login(staff.chief).get("/admin/ads/report/").text
    row = page[page.index("Bank spring campaign") :].split("</tr>")[0]
    assert "200" in row and "2.50 %" in row and "999" not in row
    days = login(staff.chief).get(f"/admin/ads/report/{ad.pk}/").text
    assert "200" in days


def test_the_report_refuses_a_bad_period_with_a_message(staff, login, newsroom):
    response = login(staff.chief).get("/admin/ads/report/?from=2026-13-01")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.text
    response = login(staff.chief).get("/admin/ads/report/?from=2026-10-02&to=2026-10-01")
    assert response.status_code == 400 and "start before it ends" in response.text


def test_the_report_is_the_ad_desks(staff, login, newsroom):
    for user in (staff.editor, staff.author, staff.analyst):
        assert login(user).get("/admin/ads/report/").status_code == 302


@override_settings(NEWSDESK_PAGE_CACHE=True)
def test_counting_endpoints_bypass_the_page_cache(settings):
    assert "/ads/" in settings.NEWSDESK_PAGE_CACHE_BYPASS_PREFIXES
