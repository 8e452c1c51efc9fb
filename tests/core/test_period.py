"""Reporting periods: quarters, years, free ranges, codes and year-earlier comparisons."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forebygg_desktop.core.period import Period, quarter_number


def test_quarters_have_the_right_bounds() -> None:
    assert Period.quarter(2026, 1) == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert Period.quarter(2024, 1).end == date(2024, 3, 31)
    assert Period.quarter(2026, 2) == Period(date(2026, 4, 1), date(2026, 6, 30))
    assert Period.quarter(2026, 4) == Period(date(2026, 10, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        Period.quarter(2026, 5)


def test_codes_round_trip() -> None:
    for code in ("2026Q3", "2026", "2026-01-15..2026-02-20"):
        assert Period.parse(code).code == code
    assert Period.parse(" 2026q1 ") == Period.quarter(2026, 1)
    assert Period(date(2026, 1, 1), date(2026, 3, 31)).code == "2026Q1"
    assert Period(date(2026, 1, 1), date(2026, 12, 31)).code == "2026"


@pytest.mark.parametrize("bad", ["2026Q5", "26Q1", "2026-13-01..2026-12-01", "", "last year"])
def test_bad_codes_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        Period.parse(bad)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Period(date(2026, 2, 1), date(2026, 1, 31))
    with pytest.raises(ValueError):
        Period.parse("2026-02-01..2026-01-31")


def test_contains_is_inclusive() -> None:
    q = Period.quarter(2026, 2)
    assert q.contains(date(2026, 4, 1)) and q.contains(date(2026, 6, 30))
    assert not q.contains(date(2026, 3, 31)) and not q.contains(date(2026, 7, 1))


def test_year_earlier_maps_leap_day() -> None:
    assert Period.quarter(2026, 3).year_earlier() == Period.quarter(2025, 3)
    leap = Period(date(2024, 2, 29), date(2024, 2, 29))
    assert leap.year_earlier() == Period(date(2023, 2, 28), date(2023, 2, 28))


def test_quarters_a_period_touches() -> None:
    assert Period.year(2026).quarters() == [(2026, 1), (2026, 2), (2026, 3), (2026, 4)]
    assert Period.parse("2025-11-20..2026-02-01").quarters() == [(2025, 4), (2026, 1)]
    assert Period.parse("2026-05-05..2026-05-06").quarters() == [(2026, 2)]


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_is_in_exactly_its_quarter(day: date) -> None:
    quarter = Period.quarter_of(day)
    assert quarter.contains(day)
    assert quarter_number(day) == (day.month + 2) // 3
    others = [Period.quarter(day.year, q) for q in (1, 2, 3, 4) if q != quarter_number(day)]
    assert not any(p.contains(day) for p in others)
    assert Period.parse(quarter.code) == quarter


def test_periods_sort_by_start() -> None:
    assert sorted([Period.quarter(2026, 2), Period.quarter(2025, 4), Period.quarter(2026, 1)]) \
        == [Period.quarter(2025, 4), Period.quarter(2026, 1), Period.quarter(2026, 2)]
