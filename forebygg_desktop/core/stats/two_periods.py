"""A report's period and the same period a year earlier, read in one pass where they share
rows (a decade and the decade before it share nine years: read twice, every meeting of
those years was scanned and summed twice).

- Group meetings: one GROUP BY per series over the days from the earlier start to the
  later end, each period's sums taken with a CASE on the day (the same sums
  `collect.load_series_meetings` makes for one period).
- Open meetings: one read of both periods' days, split here by day.
- Advice talks: one GROUP BY (who came, outcome, language), a CASE per period.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from forebygg_desktop.core.models import AdviceTalk, Meeting, OpenMeeting
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.stats.collect import (
    LiveSeries,
    OpenFacts,
    SeriesMeetings,
    TalkFacts,
    _in,
    _int,
    _row_total,
)

Pair = tuple[tuple[SeriesMeetings, ...], tuple[SeriesMeetings, ...]]


def _sums(period: Period) -> tuple[Any, ...]:
    """Meetings, women, men, other, visits and meetings with an interpreter held in
    `period` (SQL's sum over no value is NULL, as `sum_known`)."""
    m = Meeting
    inside = _in(m.held_on, period)
    return (func.count(case((inside, 1))), func.sum(case((inside, m.women))),
            func.sum(case((inside, m.men))), func.sum(case((inside, m.other_gender))),
            func.sum(case((inside, _row_total(m)))),
            func.count(case((and_(inside, m.interpreter.is_(True)), 1))))


def _spanning(first: Period, second: Period) -> Period:
    """From the earlier start to the later end: one range read in the index's order (an
    OR of the two ranges was slower on SQLite)."""
    return Period(min(first.start, second.start), max(first.end, second.end))


def series_meetings(session: Session, first: Period, second: Period,
                    series: LiveSeries) -> Pair:
    """Per series, its meetings held in `first` and in `second`, summed (each as
    `load_series_meetings` reads it for that period alone)."""
    m = Meeting
    query = (select(m.series_id, *_sums(first), *_sums(second))
             .where(m.deleted.is_(False), _in(m.held_on, _spanning(first, second)))
             .group_by(m.series_id).order_by(m.series_id))
    out: tuple[list[SeriesMeetings], list[SeriesMeetings]] = ([], [])
    for r in session.connection().execute(query):
        s = series.get(r[0])
        if s is None:
            continue  # a deleted series' meetings
        for part, at in ((out[0], 1), (out[1], 7)):
            if r[at]:
                part.append(SeriesMeetings(r[0], s[1], s[2], s[3], int(r[at]), _int(r[at + 1]),
                                           _int(r[at + 2]), _int(r[at + 3]), _int(r[at + 4]),
                                           bool(r[at + 5])))
    return tuple(out[0]), tuple(out[1])


def open_meetings(session: Session, first: Period, second: Period
                  ) -> tuple[tuple[OpenFacts, ...], tuple[OpenFacts, ...]]:
    """Live open meetings held in `first` and in `second`, each oldest first (as
    `load_open_meetings` reads them for one period)."""
    o = OpenMeeting
    rows = [OpenFacts(*r) for r in session.connection().execute(
        select(o.id, o.program_code, o.held_on, o.theme_code, o.locality_code,
               o.language_code, o.interpreter, o.women, o.men, o.other_gender, o.estimated)
        .where(o.deleted.is_(False), or_(_in(o.held_on, first), _in(o.held_on, second)))
        .order_by(o.held_on, o.id))]
    return (tuple(r for r in rows if first.start <= r.held_on <= first.end),
            tuple(r for r in rows if second.start <= r.held_on <= second.end))


def talks(session: Session, first: Period, second: Period
          ) -> tuple[tuple[TalkFacts, ...], tuple[TalkFacts, ...]]:
    """Advice talks alike in who came, outcome and language, counted and summed for
    `first` and for `second` in one GROUP BY (as `load_rows` reads them for one period)."""
    t = AdviceTalk
    inside = (_in(t.first_talk_on, first), _in(t.first_talk_on, second))
    query = (select(t.who_came, t.outcome, t.language_code,
                    *(column for day in inside for column in (
                        func.min(case((day, t.first_talk_on))), func.sum(case((day, t.talks))),
                        func.count(case((day, 1))))))
             .where(t.deleted.is_(False), _in(t.first_talk_on, _spanning(first, second)))
             .group_by(t.who_came, t.outcome, t.language_code)
             .order_by(t.who_came, t.outcome, t.language_code))
    out: tuple[list[TalkFacts], list[TalkFacts]] = ([], [])
    for r in session.connection().execute(query):
        for part, at in ((out[0], 3), (out[1], 6)):
            if r[at + 2]:
                part.append(TalkFacts(r[at], int(r[at + 1]), r[0], r[1], r[2], int(r[at + 2])))
    return tuple(out[0]), tuple(out[1])
