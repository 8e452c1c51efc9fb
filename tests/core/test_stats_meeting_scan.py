"""One read of the meetings for a report's figures and its Data sheet (`meeting_scan.py`):
what it sums, spans, yields and notes equals what each is read alone in SQL — for periods
that overlap, touch, lie apart or are equal, with a deleted series (whose live meetings
still name their laptop), a deleted meeting, meetings on every edge day, empty and zero
counts, several laptops — and a report's figures are the same whether its Data rows are
read all, in part, or not at all; a failing Data sheet ends the read. On each test
database."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import islice
from typing import Any

import pytest
from sqlalchemy import select, text

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.models import GroupSeries, Meeting
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.stats.collect import (
    MeetingFacts,
    live_series,
    load_quarter_meetings,
    load_series_meetings,
    series_spans,
)
from forebygg_desktop.core.stats.meeting_scan import MeetingScan
from forebygg_desktop.core.stats.service import trend_period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData
from tests.core.period_pairs import PERIOD_PAIRS

PAIRS = [*PERIOD_PAIRS,
         (Period.parse("2025Q4"), Period.parse("2025Q2"))]  # the second one earlier, apart


def edge_store(store: Store, first: Period, second: Period) -> tuple[str, str]:
    """Two years of demo data, a deleted series and meeting, and meetings of a new series
    on each period's first and last day and the days beside them with empty, zero and
    entered counts, some registered by other laptops. Returns (the deleted series, the
    edge series)."""
    generate_demo(store, years=2, end=date(2026, 6, 30))
    met = [s.id for s in store.groups.list_series() if store.groups.meetings(s.id)]
    gone = met[0]
    store.groups.delete_series(gone)  # its meetings no longer count
    store.groups.delete_meeting(store.groups.meetings(met[1])[0].id)
    days = sorted({edge + timedelta(days=shift) for p in (first, second)
                   for edge in (p.start, p.end) for shift in (-1, 0, 1)})
    program, locality, language = (store.catalog.programs()[0].code,
                                   store.catalog.localities()[0].code,
                                   store.catalog.languages()[0].code)
    edges = store.groups.create_series(SeriesData(program, locality, language)).id
    for number, day in enumerate(days, 1):
        counts: dict[str, Any] = (
            {} if number % 4 == 0 else  # nothing entered
            {"women": 0, "men": 0, "other_gender": 0} if number % 4 == 1 else
            {"women": number, "interpreter": number % 3 == 0} if number % 4 == 2 else
            {"men": number, "other_gender": 1, "interpreter": False})
        store.groups.register_meeting(edges, MeetingData(number, day, **counts))
    # Other laptops' meetings (as an import leaves them), one of them of the deleted series.
    with store.uow.write() as tx:
        session = tx.session
        ids = session.scalars(select(Meeting.id).where(
            Meeting.deleted.is_(False), Meeting.held_on.between(first.start, first.end))
            .order_by(Meeting.held_on.desc(), Meeting.id).limit(5)).all()
        for n, meeting_id in enumerate(ids):
            session.execute(text("UPDATE meeting SET device_id = :d WHERE id = :i"),
                            {"d": f"laptop-{n % 2}", "i": meeting_id})
        session.execute(text(
            "UPDATE meeting SET device_id = 'laptop-gone' WHERE id = (SELECT min(id) FROM "
            "meeting WHERE series_id = :s AND deleted = FALSE)"), {"s": gone})
    return gone, edges


def plain_meetings(store: Store, period: Period) -> list[tuple[Any, ...]]:
    """The Data sheet's meetings with a plain join, in its order."""
    m, s = Meeting, GroupSeries
    with store.uow.read() as session:
        return [tuple(r) for r in session.execute(
            select(m.id, m.series_id, m.number, m.held_on, m.minutes, m.kind, m.women, m.men,
                   m.other_gender, m.other_adults, m.children, m.interpreter, s.program_code,
                   s.locality_code, s.language_code, s.status, s.venue)
            .join(s, s.id == m.series_id)
            .where(m.deleted.is_(False), s.deleted.is_(False),
                   m.held_on.between(period.start, period.end))
            .order_by(m.held_on, s.program_code, m.series_id, m.number))]


def plain_devices(store: Store, period: Period) -> set[str]:
    with store.uow.read() as session:
        return set(session.scalars(select(Meeting.device_id).where(
            Meeting.deleted.is_(False), Meeting.held_on.between(period.start, period.end))))


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_one_scan_reads_what_each_is_read_alone(store: Store, first: Period,
                                               second: Period | None) -> None:
    second = second or first.year_earlier()
    gone, edges = edge_store(store, first, second)
    with store.uow.read() as session:
        live = live_series(session)
        scan = MeetingScan(session, live, first, second)
        yielded = list(scan.meetings())
        assert scan.sums() == (load_series_meetings(session, first, live),
                               load_series_meetings(session, second, live))
        every = series_spans(session)
        spans = scan.spans(series_spans(session, outside=scan.span))
        assert {k: spans[k] for k in live if k in spans} == {
            k: every[k] for k in live if k in every}
        counted = load_series_meetings(session, first, live)
    assert [tuple(m) for m in yielded] == [
        (*r[:11], None if r[11] is None else bool(r[11]), *r[12:])
        for r in plain_meetings(store, first)]
    assert all(isinstance(m.held_on, date) for m in yielded)
    assert scan.devices == plain_devices(store, first)
    assert edges in {m.series_id for m in counted}  # the edge days were compared
    assert gone not in {m.series_id for m in counted} | {m.series_id for m in yielded}


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_the_trend_summed_on_the_way_is_the_trend_read_alone(
        store: Store, first: Period, second: Period | None) -> None:
    """Per quarter of a trend the range read holds (the whole range, its last eight
    quarters), as `load_quarter_meetings` reads it; a trend reaching outside it is not
    summed (None), and the report reads it instead."""
    second = second or first.year_earlier()
    edge_store(store, first, second)
    span = Period(min(first.start, second.start), max(first.end, second.end))
    inside = Period(span.start + timedelta(days=40), span.end - timedelta(days=3))
    for trend in (span, inside, trend_period(first)):
        with store.uow.read() as session:
            scan = MeetingScan(session, live_series(session), first, second, trend=trend)
            scan.run()
            summed = scan.quarter_meetings()
            alone = load_quarter_meetings(session, trend)
        if span.start <= trend.start and trend.end <= span.end:
            assert summed == alone
        else:
            assert summed is None
    with store.uow.read() as session:
        assert load_quarter_meetings(session, span)  # there were meetings to compare


@pytest.mark.parametrize("period", ["2024-07-01..2026-06-30", "2024-03-01..2026-05-31",
                                    "2026Q1", "2025"])
def test_a_reports_trend_is_the_trend_read_alone(store: Store, period: str) -> None:
    """Summed in the report's scan (its eight quarters inside the period) or read."""
    chosen = Period.parse(period)
    edge_store(store, chosen, chosen.year_earlier())
    trend = store.stats.report(chosen).trend
    assert trend == store.stats.trend(chosen)
    assert sum(point.meetings for point in trend) > 0


def test_report_figures_do_not_depend_on_how_much_data_was_read(store: Store) -> None:
    period = Period.parse("2024-03-01..2026-05-31")
    edge_store(store, period, period.year_earlier())
    alone = store.stats.report(period)
    seen: list[list[MeetingFacts]] = []

    def everything(meetings: Any, _localities: Any) -> None:
        seen.append(list(meetings))

    def a_few(meetings: Any, _localities: Any) -> None:
        seen.append(list(islice(meetings, 3)))  # stops early: the scan reads on

    assert store.stats.report(period, everything) == alone
    assert store.stats.report(period, a_few) == alone
    assert len(seen[0]) == alone.comparison.current.groups.meetings > 3
    assert seen[1] == seen[0][:3]
    assert {d.device_id for d in alone.devices} >= {"laptop-0", "laptop-1"}


def test_a_failing_data_sheet_ends_the_read(store: Store) -> None:
    period = Period.parse("2025")
    edge_store(store, period, period.year_earlier())

    class Broken(Exception):
        pass

    def broken(meetings: Any, _localities: Any) -> None:
        next(meetings)
        raise Broken

    with pytest.raises(Broken):
        store.stats.report(period, broken)
    # Nothing left open: the store writes and reports on.
    before = store.stats.report(period).comparison.current.groups.meetings
    series = store.groups.create_series(SeriesData(
        store.catalog.programs()[0].code, store.catalog.localities()[0].code,
        store.catalog.languages()[0].code)).id
    store.groups.register_meeting(series, MeetingData(1, date(2025, 6, 2), women=1))
    assert store.stats.report(period).comparison.current.groups.meetings == before + 1


def test_a_scan_reads_once_and_sums_only_when_done(store: Store) -> None:
    generate_demo(store, years=1, end=date(2026, 6, 30))
    with store.uow.read() as session:
        scan = MeetingScan(session, live_series(session), Period.parse("2026Q1"))
        reader = scan.meetings()
        with pytest.raises(RuntimeError):
            scan.meetings()
        next(reader)
        with pytest.raises(RuntimeError):
            scan.sums()
        scan.run()  # reads on from where the reader stopped
        first, second = scan.sums()
        assert first == second == load_series_meetings(
            session, Period.parse("2026Q1"), live_series(session))
