"""A report's period and the year before it read in one pass (`stats/two_periods.py`; the
group meetings' one read: `test_stats_meeting_scan.py`):
exactly what reading each period alone gives, for periods that overlap, touch, lie apart
or are equal, with deleted series and meetings left out — on each test database. And the
trend's quarters summed per day in SQL: what the meetings themselves add up to."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.stats import two_periods
from forebygg_desktop.core.stats.collect import (
    iter_meetings,
    live_series,
    load_open_meetings,
    load_quarter_meetings,
    load_rows,
    load_series_meetings,
    quarter_totals,
)
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import (
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
)
from tests.core.period_pairs import PERIOD_PAIRS


@pytest.mark.parametrize(("first", "second"), PERIOD_PAIRS)
def test_one_pass_reads_what_each_period_alone_reads(store: Store, first: Period,
                                                     second: Period | None) -> None:
    generate_demo(store, years=2, end=date(2026, 6, 30))
    met = [s.id for s in store.groups.list_series() if store.groups.meetings(s.id)]
    gone = met[0]
    store.groups.delete_series(gone)  # its meetings no longer count
    store.groups.delete_meeting(store.groups.meetings(met[1])[0].id)
    second = second or first.year_earlier()
    # Open and group meetings on each period's first and last day and the days beside them.
    days = sorted({edge + timedelta(days=shift) for p in (first, second)
                   for edge in (p.start, p.end) for shift in (-1, 0, 1)})
    program, locality, language = (store.catalog.programs()[0].code,
                                   store.catalog.localities()[0].code,
                                   store.catalog.languages()[0].code)
    edges = store.groups.create_series(SeriesData(program, locality, language)).id
    for number, day in enumerate(days, 1):
        store.open_meetings.create(OpenMeetingData("LECTURE", day, locality, language,
                                                   women=number, estimated=number % 2 == 0))
        store.groups.register_meeting(edges, MeetingData(number, day, women=number, men=1,
                                                         interpreter=number % 3 == 0))
        store.talks.create(TalkData(day, "mother", language, talks=number))
    with store.stats._uow.read() as session:
        live = live_series(session)
        assert two_periods.open_meetings(session, first, second) == (
            load_open_meetings(session, first), load_open_meetings(session, second))
        assert two_periods.talks(session, first, second) == (
            load_rows(session, first, live).talks, load_rows(session, second, live).talks)
        for period in (first, second):
            assert load_quarter_meetings(session, period) == quarter_totals(
                iter_meetings(session, period))
        counted = load_series_meetings(session, first, live)
    assert edges in {m.series_id for m in counted}  # the edge days were compared
    assert gone not in {m.series_id for m in counted}
