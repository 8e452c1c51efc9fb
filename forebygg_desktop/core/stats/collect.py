"""Read the rows a period's statistics are made of (one query per kind, no ORM objects).

The quarter rule lives here, in the queries:
- a meeting counts in the period it was held in;
- a series counts as *started* in the period of its first meeting, *running* in every
  period in which it held a meeting, *completed* in the period of its last meeting (when its
  status is completed) and *cancelled* in the period of its first meeting, or of its planned
  start when it never met;
- registered and started participants count with the series' start, completed
  participants with its completion;
- open meetings count on the day held, advice talks on the day of the first talk;
- digital use is registered per quarter and counts when the whole quarter is in the period.
Deleted rows (tombstones) never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from forebygg_desktop.core.models import (
    AdviceTalk,
    DigitalUse,
    GroupSeries,
    Locality,
    Meeting,
    OpenMeeting,
)
from forebygg_desktop.core.period import Period

SWEDISH = ("sv", "sv-x-easy")


class SeriesFacts(NamedTuple):
    """A series with the dates the quarter rule needs (a named tuple, as `SeriesMeetings`
    and `OpenFacts`: a decade report makes tens of thousands of each, and a frozen
    dataclass costs ten times as much to make)."""

    id: str
    program_code: str
    locality_code: str
    language_code: str
    status: str
    first_meeting: date | None
    last_meeting: date | None
    planned_start: date | None
    registered: tuple[int | None, int | None, int | None]
    started: tuple[int | None, int | None, int | None]
    completed: tuple[int | None, int | None, int | None]

    @property
    def reference_day(self) -> date | None:
        """The day a cancelled series counts on: its first meeting, else its planned start."""
        return self.first_meeting or self.planned_start


class MeetingFacts(NamedTuple):
    """A meeting held in the period, with its series' breakdown codes (a named tuple: a
    decade's Data sheet makes a quarter of a million of them)."""

    id: str
    series_id: str
    number: int
    held_on: date
    minutes: int | None
    kind: str
    women: int | None
    men: int | None
    other: int | None
    other_adults: int | None
    children: int | None
    interpreter: bool | None
    program_code: str
    locality_code: str
    language_code: str
    status: str
    venue: str | None


class SeriesMeetings(NamedTuple):
    """One series' meetings held in the period, summed in SQL (a decade has ≈ 10 meetings
    per series: the figures need the sums, never the meetings one by one).

    `women`, `men`, `other` are sums of what was entered (None when nothing was);
    `visits` sums each meeting's own total (None when no meeting had a count).
    """

    series_id: str
    program_code: str
    locality_code: str
    language_code: str
    meetings: int
    women: int | None
    men: int | None
    other: int | None
    visits: int | None
    interpreter: bool


@dataclass(frozen=True)
class QuarterMeetings:
    """Meetings and their visits in one calendar quarter (the trend), summed in SQL."""

    year: int
    quarter: int
    meetings: int
    women: int | None
    men: int | None
    other: int | None


class OpenFacts(NamedTuple):
    id: str
    program_code: str
    held_on: date
    theme_code: str | None
    locality_code: str
    language_code: str
    interpreter: bool | None
    women: int | None
    men: int | None
    other: int | None
    estimated: bool


@dataclass(frozen=True)
class TalkFacts:
    """Advice talks alike in who came, outcome and language: `contacts` of them (counted in
    SQL), `talks` held in all, the first on `first_talk_on`."""

    first_talk_on: date
    talks: int
    who_came: str
    outcome: str
    language_code: str
    contacts: int = 1


@dataclass(frozen=True)
class DigitalFacts:
    program_code: str
    year: int
    quarter: int
    logins_handed_out: int | None
    started: int | None
    completed: int | None


@dataclass(frozen=True)
class LocalityFacts:
    code: str
    name: str
    area: str
    priority_area: bool


@dataclass(frozen=True)
class PeriodRows:
    """Everything one period's figures are computed from."""

    period: Period
    series: tuple[SeriesFacts, ...]
    meetings: tuple[SeriesMeetings, ...]
    open_meetings: tuple[OpenFacts, ...]
    talks: tuple[TalkFacts, ...]
    digital: tuple[DigitalFacts, ...]
    localities: dict[str, LocalityFacts]


def _in(column: Any, period: Period) -> Any:
    return and_(column >= period.start, column <= period.end)


def series_span() -> Any:
    """First and last live meeting of each live series (a subquery)."""
    return (select(Meeting.series_id.label("sid"), func.min(Meeting.held_on).label("first"),
                   func.max(Meeting.held_on).label("last"))
            .where(Meeting.deleted.is_(False)).group_by(Meeting.series_id).subquery())


# The columns of a live series the figures and the Data sheet need, by position.
_SERIES_COLUMNS = (GroupSeries.id, GroupSeries.program_code, GroupSeries.locality_code,
                   GroupSeries.language_code, GroupSeries.status, GroupSeries.venue,
                   GroupSeries.planned_start, GroupSeries.registered_women,
                   GroupSeries.registered_men, GroupSeries.registered_other,
                   GroupSeries.started_women, GroupSeries.started_men,
                   GroupSeries.started_other, GroupSeries.completed_women,
                   GroupSeries.completed_men, GroupSeries.completed_other)
LiveSeries = dict[str, tuple[Any, ...]]


def live_series(session: Session) -> LiveSeries:
    """Every live series by id (a few tens of thousands at most: one small read, so the
    meeting queries need no join and the series are matched here). Read on the driver
    (SQLAlchemy's per-value processing cost as much as the query): the planned start,
    which SQLite returns as ISO text, is made a date here. Sorted by id here, not in SQL:
    a server sorting by its text collation cost four times the read (and the order is
    Python's code-point order on every database, as SQLite's own)."""
    rows: list[tuple[Any, ...]] = []
    keep = rows.append
    for batch in on_driver(session, select(*_SERIES_COLUMNS).where(
            GroupSeries.deleted.is_(False))).partitions(2000):
        for r in batch:
            planned = r[6]
            keep(tuple(r) if not isinstance(planned, str)
                 else (*r[:6], date.fromisoformat(planned), *r[7:]))
    rows.sort(key=itemgetter(0))
    return {r[0]: r for r in rows}


Spans = dict[str, tuple[date, date]]


def series_spans(session: Session, outside: Period | None = None) -> Spans:
    """First and last live meeting of each series that has one (`outside`: of the
    meetings held before or after that period only)."""
    m = Meeting
    days = () if outside is None else (
        or_(m.held_on < outside.start, m.held_on > outside.end),)
    return {r[0]: (r[1], r[2]) for r in session.connection().execute(
        select(m.series_id, func.min(m.held_on), func.max(m.held_on))
        .where(m.deleted.is_(False), *days).group_by(m.series_id))}


def load_series(session: Session, period: Period, series: LiveSeries | None = None,
                spans: Spans | None = None) -> tuple[SeriesFacts, ...]:
    """Series that start, complete or are cancelled in the period."""
    series = live_series(session) if series is None else series
    spans = series_spans(session) if spans is None else spans
    start, end = period.start, period.end
    out = []
    for r in series.values():  # in id order
        first, last = spans.get(r[0], (None, None))
        reference = first or r[6]
        if not ((first is not None and start <= first <= end)
                or (last is not None and start <= last <= end)
                or (r[4] == "cancelled" and reference is not None
                    and start <= reference <= end)):
            continue
        out.append(SeriesFacts(r[0], r[1], r[2], r[3], r[4], first, last, r[6],
                               (r[7], r[8], r[9]), (r[10], r[11], r[12]), (r[13], r[14], r[15])))
    return tuple(out)


def _row_total(m: Any) -> Any:
    """A meeting's own total: the entered counts summed, NULL when none was entered."""
    return case((and_(m.women.is_(None), m.men.is_(None), m.other_gender.is_(None)), None),
                else_=func.coalesce(m.women, 0) + func.coalesce(m.men, 0)
                + func.coalesce(m.other_gender, 0))


def _live_meetings_in(period: Period) -> Any:
    m, s = Meeting, GroupSeries
    return (m.deleted.is_(False), s.deleted.is_(False), _in(m.held_on, period))


def load_series_meetings(session: Session, period: Period,
                         series: LiveSeries | None = None) -> tuple[SeriesMeetings, ...]:
    """Per series: its meetings in the period, summed (SQL's sum is NULL over no value,
    the same rule as `sum_known`). Grouped on the meeting table alone; the series' codes
    (and whether it is live) come from `live_series`."""
    series = live_series(session) if series is None else series
    m = Meeting
    query = (select(m.series_id, func.count(m.id), func.sum(m.women), func.sum(m.men),
                    func.sum(m.other_gender), func.sum(_row_total(m)),
                    func.count(case((m.interpreter.is_(True), 1))))
             .where(m.deleted.is_(False), _in(m.held_on, period))
             .group_by(m.series_id).order_by(m.series_id))
    out = []
    for r in session.connection().execute(query):
        s = series.get(r[0])
        if s is not None:
            out.append(SeriesMeetings(r[0], s[1], s[2], s[3], int(r[1]), _int(r[2]),
                                      _int(r[3]), _int(r[4]), _int(r[5]), bool(r[6])))
    return tuple(out)


def load_quarter_meetings(session: Session, period: Period) -> tuple[QuarterMeetings, ...]:
    """Per calendar quarter the period touches: meetings held and their visits.

    Summed per day in SQL (grouped on the date index; the series' being live asked of its
    primary key, no join) and the days' sums added up per quarter here: a NULL day sum is
    a day with nothing entered, as `sum_known` treats it."""
    from forebygg_desktop.core.counts import sum_known

    m, s = Meeting, GroupSeries
    query = (select(m.held_on, func.count(m.id), func.sum(m.women), func.sum(m.men),
                    func.sum(m.other_gender))
             .where(m.deleted.is_(False), _in(m.held_on, period),
                    m.series_id.in_(select(s.id).where(s.deleted.is_(False))))
             .group_by(m.held_on))
    quarters: dict[tuple[int, int], list[Any]] = {}
    for day, count, women, men, other in session.connection().execute(query):
        key = (day.year, (day.month + 2) // 3)
        sums = quarters.get(key)
        if sums is None:
            quarters[key] = [int(count), _int(women), _int(men), _int(other)]
        else:
            sums[0] += int(count)
            sums[1:] = (sum_known(sums[1], _int(women)), sum_known(sums[2], _int(men)),
                        sum_known(sums[3], _int(other)))
    return tuple(QuarterMeetings(y, q, *sums) for (y, q), sums in sorted(quarters.items()))


def summarise_meetings(meetings: Iterable[MeetingFacts]) -> tuple[SeriesMeetings, ...]:
    """What `load_series_meetings` reads, from meetings in memory (tests and tools)."""
    from forebygg_desktop.core.counts import sum_known

    by_series: dict[str, list[MeetingFacts]] = {}
    for m in meetings:
        by_series.setdefault(m.series_id, []).append(m)
    return tuple(SeriesMeetings(
        sid, ms[0].program_code, ms[0].locality_code, ms[0].language_code, len(ms),
        sum_known(*(m.women for m in ms)), sum_known(*(m.men for m in ms)),
        sum_known(*(m.other for m in ms)),
        sum_known(*(sum_known(m.women, m.men, m.other) for m in ms)),
        any(m.interpreter for m in ms)) for sid, ms in sorted(by_series.items()))


def quarter_totals(meetings: Iterable[MeetingFacts]) -> tuple[QuarterMeetings, ...]:
    """What `load_quarter_meetings` reads, from meetings in memory (tests and tools)."""
    from forebygg_desktop.core.counts import sum_known

    by_quarter: dict[tuple[int, int], list[MeetingFacts]] = {}
    for m in meetings:
        by_quarter.setdefault((m.held_on.year, (m.held_on.month + 2) // 3), []).append(m)
    return tuple(QuarterMeetings(y, q, len(ms), sum_known(*(m.women for m in ms)),
                                 sum_known(*(m.men for m in ms)),
                                 sum_known(*(m.other for m in ms)))
                 for (y, q), ms in sorted(by_quarter.items()))


def _int(value: Any) -> int | None:
    """A SQL sum as an int (PostgreSQL sums integers as bigint or numeric)."""
    return None if value is None else int(value)


def iter_meetings(session: Session, period: Period) -> Iterator[MeetingFacts]:
    """Meetings of live series held in the period, streamed (the Data sheet of a long
    period is large): by day, then program, series and number (`meeting_scan.py`)."""
    from forebygg_desktop.core.stats.meeting_scan import MeetingScan

    return MeetingScan(session, live_series(session), period).meetings()


def on_driver(session: Session, query: Any, stream: bool = False) -> Any:
    """`query`'s rows as the driver returns them (no SQLAlchemy result processing: on
    SQLite dates come as ISO text and booleans as 0/1); `stream`: a server-side cursor on a
    server."""
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect)
    params = compiled.construct_params()
    values: Any = params if compiled.positiontup is None else tuple(
        _driver_value(params[name]) for name in compiled.positiontup)
    return connection.exec_driver_sql(
        str(compiled), values, execution_options={"stream_results": True} if stream else {})


def _driver_value(value: Any) -> Any:
    """A bound value as SQLite stores it (dates as ISO text, booleans as 0/1)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def load_rows(session: Session, period: Period, series: LiveSeries | None = None,
              spans: Spans | None = None, meetings: tuple[SeriesMeetings, ...] | None = None,
              open_meetings: tuple[OpenFacts, ...] | None = None,
              talks: tuple[TalkFacts, ...] | None = None,
              localities: dict[str, LocalityFacts] | None = None) -> PeriodRows:
    """Every row the period's statistics need, read in one session (`series`, `spans`,
    `meetings`, `open_meetings`, `talks`, `localities`: already read in it, e.g. with a
    second period)."""
    t, d = AdviceTalk, DigitalUse
    db = session.connection()
    # Talks alike in who came, outcome and language, counted and summed in SQL.
    if talks is None:
        talks = tuple(TalkFacts(r[0], int(r[1]), r[2], r[3], r[4], int(r[5])) for r in db.execute(
            select(func.min(t.first_talk_on), func.sum(t.talks), t.who_came, t.outcome,
                   t.language_code, func.count())
            .where(t.deleted.is_(False), _in(t.first_talk_on, period))
            .group_by(t.who_came, t.outcome, t.language_code)
            .order_by(t.who_came, t.outcome, t.language_code)))
    quarters = whole_quarters(period)
    digital: Sequence[Any] = db.execute(
        select(d.program_code, d.year, d.quarter, d.logins_handed_out, d.started, d.completed)
        .where(d.deleted.is_(False))).all() if quarters else []
    localities = load_localities(session) if localities is None else localities
    series = live_series(session) if series is None else series
    return PeriodRows(
        period=period,
        series=load_series(session, period, series, spans),
        meetings=load_series_meetings(session, period, series) if meetings is None
        else meetings,
        open_meetings=load_open_meetings(session, period) if open_meetings is None
        else open_meetings,
        talks=talks,
        digital=tuple(DigitalFacts(*r) for r in digital if (r[1], r[2]) in quarters),
        localities=localities)


def load_localities(session: Session) -> dict[str, LocalityFacts]:
    """Every locality by code (its area and whether it is a priority area)."""
    return {r[0]: LocalityFacts(*r) for r in session.connection().execute(
        select(Locality.code, Locality.name, Locality.area, Locality.priority_area))}


def load_open_meetings(session: Session, period: Period) -> tuple[OpenFacts, ...]:
    """Live open meetings held in the period, oldest first."""
    o = OpenMeeting
    return tuple(OpenFacts(*r) for r in session.connection().execute(
        select(o.id, o.program_code, o.held_on, o.theme_code, o.locality_code, o.language_code,
               o.interpreter, o.women, o.men, o.other_gender, o.estimated)
        .where(o.deleted.is_(False), _in(o.held_on, period)).order_by(o.held_on, o.id)))


def whole_quarters(period: Period) -> set[tuple[int, int]]:
    """The (year, quarter) pairs lying wholly inside the period."""
    inside = (Period.quarter(y, q) for y, q in period.quarters())
    return {(q.start.year, (q.start.month + 2) // 3) for q in inside
            if period.start <= q.start and q.end <= period.end}
