"""The analytics dashboard: daily aggregates rolled up from hourly tallies, drawn as SVG."""

from datetime import UTC, datetime, timedelta

import factories
import pytest
from django.core.management import CommandError, call_command

from newsdesk.metrics import analytics
from newsdesk.metrics.charts import Series, bar_chart, line_chart, nice_ceiling
from newsdesk.metrics.daily import daily_views_rollup, recent_days_rollup
from newsdesk.metrics.models import DailyAuthorViews, DailySectionViews, DailyViews, ViewTally


def tally(article, hour, views):
    return ViewTally.objects.create(
        article=article, locale_id=article.locale_id, hour=hour, views=views
    )


def this_hour():
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


def test_a_days_tallies_roll_up_into_one_row_per_article(newsroom):
    start = this_hour().replace(hour=0)
    tally(newsroom.story, start, 5)
    tally(newsroom.story, start + timedelta(hours=5), 7)
    tally(newsroom.story, start - timedelta(hours=1), 100)  # the day before
    tally(newsroom.story_hy, start + timedelta(hours=2), 3)
    assert daily_views_rollup(start.date()) == 2
    row = DailyViews.objects.get(article=newsroom.story, day=start.date())
    assert row.views == 12
    assert row.section_id == newsroom.politics.pk and row.locale_id == newsroom.story.locale_id
    # Rolling up again rewrites the day instead of adding to it.
    tally(newsroom.story, start + timedelta(hours=6), 1)
    daily_views_rollup(start.date())
    assert DailyViews.objects.get(article=newsroom.story, day=start.date()).views == 13


def test_recent_days_are_rolled_up_together(newsroom):
    now = this_hour()
    tally(newsroom.story, now, 4)
    tally(newsroom.story, now - timedelta(days=1), 6)
    recent_days_rollup()
    assert sorted(DailyViews.objects.values_list("views", flat=True)) == [4, 6]


def test_the_command_backfills_and_refuses_a_bad_count(newsroom):
    tally(newsroom.story, this_hour() - timedelta(days=10), 9)
    call_command("rollup_views", "--days", "12", "--no-progress")
    assert DailyViews.objects.get(article=newsroom.story).views == 9
    with pytest.raises(CommandError, match="--days"):
        call_command("rollup_views", "--days", "0", "--no-progress")


def test_a_line_chart_draws_each_series_to_scale():
    svg = line_chart("Views", ["a", "b", "c"], [Series("English", [0, 50, 100])])
    assert svg.startswith("<svg") and "<title>Views</title>" in svg
    assert "English: 150 in all" in svg
    points = svg.split('points="')[1].split('"')[0].split()
    assert len(points) == 3
    ys = [float(point.split(",")[1]) for point in points]
    assert ys[0] > ys[1] > ys[2]  # higher values are drawn higher up
    assert nice_ceiling(100) == 100 and nice_ceiling(101) == 200 and nice_ceiling(0) == 1


def test_a_bar_chart_escapes_its_labels():
    svg = bar_chart("Authors", [("<b>Eve</b>", 10), ("Ann", 5)])
    assert "<b>Eve</b>" not in svg and "&lt;b&gt;Eve&lt;/b&gt;" in svg
    widths = [float(part.split('"')[0]) for part in svg.split('width="')[2:]]
    assert widths[0] > widths[1]


def test_a_story_signed_by_two_counts_for_both_authors_most_read_first(newsroom):
    second = factories.PersonFactory(name="Boris Second", slug="boris-second", is_author=True)
    shared = factories.article(newsroom.politics, authors=[newsroom.author, second])
    tally(newsroom.story, this_hour(), 30)
    tally(shared, this_hour(), 5)
    recent_days_rollup()
    today = this_hour().date()
    by_author = analytics.views_by_author(today, today)
    assert [(person.name, views) for person, views in by_author] == [
        ("Anna Writer", 35),
        ("Boris Second", 5),
    ]


def test_the_roll_up_sums_each_day_per_section_and_per_author(newsroom):
    second = factories.PersonFactory(name="Boris Second", slug="boris-second", is_author=True)
    shared = factories.article(newsroom.politics, authors=[newsroom.author, second])
    start = this_hour().replace(hour=0)
    tally(newsroom.story, start, 30)
    tally(shared, start + timedelta(hours=1), 5)
    tally(newsroom.story_ru, start, 12)
    tally(newsroom.story, start - timedelta(days=1), 7)
    daily_views_rollup(start.date())
    sums = DailySectionViews.objects.filter(day=start.date())
    assert sorted(sums.values_list("section_id", "views")) == sorted(
        [(newsroom.politics.pk, 35), (newsroom.story_ru.section_id, 12)]
    )
    authors = DailyAuthorViews.objects.filter(day=start.date())
    assert dict(authors.values_list("person__name", "views")) == {
        "Anna Writer": 47,  # she signed the story and its Russian version
        "Boris Second": 5,
    }
    # Rolling the day up again rewrites its sums, and leaves the day before alone.
    tally(shared, start + timedelta(hours=2), 1)
    daily_views_rollup(start.date())
    assert authors.get(person=second).views == 6
    assert not DailyAuthorViews.objects.filter(day=start.date() - timedelta(days=1)).exists()


def test_a_sections_chart_reads_its_own_sums(newsroom):
    tally(newsroom.story, this_hour(), 9)
    tally(newsroom.story_ru, this_hour(), 4)
    recent_days_rollup()
    days = [this_hour().date()]
    [series] = analytics.views_of_section(newsroom.politics.pk, days)
    assert series.values == [9]
    by_edition = {series.label: series.values for series in analytics.views_by_edition(days)}
    assert sorted(by_edition.values()) == [[4], [9]]


def test_the_dashboard_shows_editions_sections_top_articles_and_authors(staff, login, newsroom):
    tally(newsroom.story, this_hour(), 30)
    tally(newsroom.story_ru, this_hour(), 12)
    recent_days_rollup()
    page = login(staff.analyst).get("/admin/analytics/")
    assert page.status_code == 200
    text = page.text
    assert text.count("<svg") >= 3
    top_today = text[text.index('id="top-today"') :].split("</ol>")[0]
    assert top_today.index("Parliament passes budget") < top_today.index("Парламент принял бюджет")
    authors = text[text.index('id="author-views"') :].split("</table>")[0]
    # She signed the story and (copied with it) its Russian version: 30 + 12.
    assert "<td>Anna Writer (en)</td><td>42</td>" in authors
    section = login(staff.analyst).get(f"/admin/analytics/?section={newsroom.politics.pk}").text
    assert "Views per day: Politics" in section


def test_an_articles_views_over_time(staff, login, newsroom):
    story = factories.article(newsroom.politics, title="Counted story")
    tally(story, this_hour(), 8)
    recent_days_rollup()
    page = login(staff.editor).get(f"/admin/analytics/article/{story.pk}/").text
    assert "Views per day: Counted story" in page
    assert "<td>8</td>" in page
    assert (
        f"/admin/analytics/article/{story.pk}/"
        in login(staff.editor).get(f"/admin/pages/{story.pk}/edit/").text
    )


def test_analytics_refuses_a_bad_period_and_strangers(staff, login, newsroom):
    response = login(staff.analyst).get("/admin/analytics/?from=yesterday")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.text
    assert login(staff.author).get("/admin/analytics/").status_code == 302


def test_the_dashboard_costs_the_same_with_more_articles(staff, login, queries_stay_the_same):
    queries_stay_the_same(login(staff.analyst), "/admin/analytics/")
