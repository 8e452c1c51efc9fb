"""A report's period and the year before it read in one pass (`stats/two_periods.py`):
exactly what reading each period alone gives, for periods that overlap, touch, lie apart
or are equal, with deleted series and meetings left out — on each test database."""

from __future__ import annotations

from datetime import date

import pytest

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.stats import two_periods
from forebygg_desktop.core.stats.collect import (
    live_series,
    load_open_meetings,
    load_series_meetings,
)
from forebygg_desktop.core.store import Store

PAIRS = [
    (Period.parse("2025-03-01..2026-12-31"), None),  # overlaps its year earlier
    (Period.parse("2026Q3"), None),  # apart from it
    (Period.parse("2026"), None),  # touches it
    (Period.parse("2026Q2"), Period.parse("2026Q2")),  # the same period twice
    (Period.parse("2025Q4"), Period.parse("2026-01-01..2026-01-01")),  # a year's turn
    (Period.parse("2030Q1"), None),  # nothing held
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_one_pass_reads_what_each_period_alone_reads(store: Store, first: Period,
                                                     second: Period | None) -> None:
    generate_demo(store, years=2, end=date(2026, 12, 31))
    met = [s.id for s in store.groups.list_series() if store.groups.meetings(s.id)]
    gone = met[0]
    store.groups.delete_series(gone)  # its meetings no longer count
    store.groups.delete_meeting(store.groups.meetings(met[1])[0].id)
    second = second or first.year_earlier()
    with store.stats._uow.read() as session:
        live = live_series(session)
        assert two_periods.series_meetings(session, first, second, live) == (
            load_series_meetings(session, first, live),
            load_series_meetings(session, second, live))
        assert two_periods.open_meetings(session, first, second) == (
            load_open_meetings(session, first), load_open_meetings(session, second))
        counted = load_series_meetings(session, first, live)
    if first != Period.parse("2030Q1"):
        assert counted  # the check compared something
    assert gone not in {m.series_id for m in counted}
