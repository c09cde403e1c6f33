"""Dates in the edition's language and the outlet's time zone (Asia/Yerevan, UTC+4)."""

from datetime import UTC, datetime

import pytest
from django.utils import translation

from newsdesk.editions.templatetags.editions import (
    edition_date,
    edition_datetime,
    machine_datetime,
)

MOMENT = datetime(2025, 6, 4, 10, 40, 30, 123456, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("en", "04 June 2025 14:40"), ("ru", "04 июня 2025 14:40"), ("hy", "04 հունիսի 2025 14:40")],
)
def test_edition_datetime_speaks_the_editions_language(language_code, expected):
    with translation.override(language_code):
        assert edition_datetime(MOMENT) == expected


def test_edition_datetime_moves_to_the_outlets_time_zone_across_midnight():
    late = datetime(2025, 12, 31, 21, 5, tzinfo=UTC)
    with translation.override("en"):
        assert edition_datetime(late) == "01 January 2026 01:05"


def test_edition_date_leaves_out_the_time():
    with translation.override("ru"):
        assert edition_date(MOMENT) == "04 июня 2025"


@pytest.mark.parametrize(
    ("month", "english", "russian"),
    [(1, "January", "января"), (3, "March", "марта"), (12, "December", "декабря")],
)
def test_every_month_has_its_date_form(month, english, russian):
    moment = datetime(2025, month, 15, 8, 0, tzinfo=UTC)
    with translation.override("en"):
        assert english in edition_datetime(moment)
    with translation.override("ru"):
        assert russian in edition_datetime(moment)


def test_missing_dates_render_as_nothing():
    assert edition_datetime(None) == ""
    assert edition_date(None) == ""
    assert machine_datetime(None) == ""


def test_machine_datetime_is_whole_seconds_with_offset():
    assert machine_datetime(MOMENT) == "2025-06-04T14:40:30+04:00"
