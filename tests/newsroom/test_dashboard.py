"""The admin's first screen is the newsroom's: its name and logo, and what needs doing now."""

from datetime import timedelta

import factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from newsdesk.editions.models import EditionSettings, OutletSettings
from newsdesk.metrics.models import ViewTally


def test_the_admin_carries_the_outlets_name_and_logo(staff, login, newsroom, client):
    EditionSettings.objects.filter(locale__language_code="en").update(outlet_name="Tsiran Daily")
    settings = OutletSettings.load()
    settings.logo = factories.image(title="masthead")
    settings.save()
    page = login(staff.editor).get("/admin/")
    assert "<title>Dashboard - Tsiran Daily</title>" in page.text
    assert 'alt="Tsiran Daily"' in page.text
    assert "masthead" in page.text  # the logo's rendition file is named after the picture
    assert "Sign in to the Tsiran Daily newsroom" in client.get("/admin/login/").text


def test_scheduled_panel_lists_the_next_hours(staff, login, newsroom):
    soon = timezone.now() + timedelta(hours=2)
    factories.article(newsroom.politics, title="Evening statement", published_at=soon)
    factories.article(
        newsroom.politics, title="Next week", published_at=timezone.now() + timedelta(days=7)
    )
    embargoed = factories.article(newsroom.politics, title="Embargoed", live=False)
    embargoed.go_live_at = timezone.now() + timedelta(hours=3)
    embargoed.save_revision().publish()
    page = login(staff.editor).get("/admin/").text
    assert "Evening statement" in page
    assert "Embargoed" in page
    assert "Next week" not in page


def test_review_panel_says_who_must_act(staff, login, newsroom):
    story = factories.article(newsroom.politics, title="Budget analysis", live=False)
    story.owner = staff.author
    story.save()
    workflow = story.get_workflow()
    workflow.start(story, staff.author)
    page = login(staff.editor).get("/admin/").text
    panel = page[page.index("newsroom-review") :]
    assert "Budget analysis" in panel
    assert "Editor&#x27;s approval (Editor, Chief editor)" in panel


def test_breaking_and_most_read_panels_show_each_edition(staff, login, newsroom):
    factories.article(newsroom.politics, title="Bridge closed", is_breaking=True)
    ViewTally.objects.create(
        article=newsroom.story_hy,
        locale=newsroom.story_hy.locale,
        hour=timezone.now().replace(minute=0, second=0, microsecond=0),
        views=40,
    )
    page = login(staff.editor).get("/admin/").text
    breaking = page[page.index("newsroom-breaking") : page.index("newsroom-most-read")]
    assert "Bridge closed" in breaking
    most_read = page[page.index("newsroom-most-read") :]
    assert "Armenian only story" in most_read


def test_translations_panel_counts_what_is_missing(staff, login, newsroom):
    page = login(staff.editor).get("/admin/").text
    panel = page[page.index("newsroom-translations") :]
    armenian = Locale.objects.get(language_code="hy").get_display_name()
    assert f"in English, missing in {armenian}" in panel


def test_an_analyst_sees_most_read_but_no_desk_panels(staff, login, newsroom):
    page = login(staff.analyst).get("/admin/").text
    assert "newsroom-most-read" in page
    for panel in ("newsroom-scheduled", "newsroom-review", "newsroom-translations"):
        assert panel not in page


def test_the_dashboard_costs_the_same_with_more_articles(staff, login, queries_stay_the_same):
    queries_stay_the_same(login(staff.editor), "/admin/")


def test_the_dashboard_does_not_count_the_whole_page_tree(staff, login, newsroom):
    client = login(staff.chief)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/admin/").status_code == 200
    tree_counts = [
        query["sql"]
        for query in captured
        if query["sql"].startswith("SELECT COUNT(*)")
        and '"wagtailcore_page"."path" LIKE' in query["sql"]
    ]
    assert tree_counts == []
