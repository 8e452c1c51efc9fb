"""One read of the group meetings serving both a report's figures and its Data sheet.

A decade report needs, of the meeting table, each series' sums in the period and in the
same period a year earlier (the figures), and every meeting of the period one by one (the
Data sheet). Read separately, the decade's meetings were scanned three times (twice for
the sums, once for the rows). Here they are read once, in the order of the date index,
from the earlier period's start to the later one's end:

- each meeting is added to its series' sums for the part of the range its day lies in
  (only the earlier period, only the later one, both, or neither — the gap between
  periods a year apart), and each period's sums are the sum of its parts at the end: the
  same `SeriesMeetings` `collect.load_series_meetings` reads in SQL for one period (a sum
  over no entered value is None, as SQL's sum and `sum_known`);
- the meetings of `first` are yielded as `MeetingFacts`, by day, then program, series
  and number (`collect.iter_meetings`' order), while they are read;
- each series' first and last meeting in the range (with `collect.series_spans` of the
  days outside it: every series' first and last meeting), and the laptops that
  registered `first`'s meetings (`StatsService.devices`) are noted on the way.

The series (and whether a series is live) come from `collect.live_series`: the meeting
table is read alone. The query runs on the driver (a server-side cursor on a server):
SQLAlchemy's per-value result processing cost three times the query itself; two columns
are converted by hand (SQLite returns ISO text and 0/1, a server's driver a date and a
bool), the day once per day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forebygg_desktop.core.models import Meeting
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.stats.collect import (
    LiveSeries,
    MeetingFacts,
    SeriesMeetings,
    Spans,
    _driver_value,
    _in,
)

# A day's meetings in the Data sheet's order: program, series, number.
_DAY_ORDER = itemgetter(12, 1, 2)
# Parts of the range read: a day in neither period, only the second, only the first, both.
_NEITHER, _SECOND, _FIRST, _BOTH = range(4)


def _query(span: Period) -> Any:
    m = Meeting
    return (select(m.id, m.series_id, m.number, m.held_on, m.minutes, m.kind, m.women, m.men,
                   m.other_gender, m.other_adults, m.children, m.interpreter, m.device_id)
            .where(m.deleted.is_(False), _in(m.held_on, span))
            .order_by(m.held_on))


def _add(sums: list[Any], women: int | None, men: int | None, other: int | None,
         interpreter: Any) -> None:
    """One meeting into a series' sums: [meetings, women, men, other, visits, with an
    interpreter]; a count nobody entered leaves its sum as it was (None stays None)."""
    sums[0] += 1
    if women is not None:
        sums[1] = women if sums[1] is None else sums[1] + women
    if men is not None:
        sums[2] = men if sums[2] is None else sums[2] + men
    if other is not None:
        sums[3] = other if sums[3] is None else sums[3] + other
    if women is not None or men is not None or other is not None:
        total = (women or 0) + (men or 0) + (other or 0)
        sums[4] = total if sums[4] is None else sums[4] + total
    if interpreter:
        sums[5] += 1


def _plus(a: Any, b: Any) -> Any:
    return a if b is None else b if a is None else a + b


class MeetingScan:
    """The live meetings of live series held in `first` or `second`, read once.

    `meetings()` yields `first`'s meetings (for the Data sheet) and must be run to its end
    (or `run()` called, when no rows are wanted) before `sums()` gives each period's series
    sums. One scan per session; the caller keeps the session open while it runs."""

    def __init__(self, session: Session, series: LiveSeries, first: Period,
                 second: Period | None = None) -> None:
        self._session = session
        self._series = series
        self.first = first
        self.second = first if second is None else second
        # Per part of the range (`_FIRST`, `_SECOND`, `_BOTH`): series id -> sums.
        self._parts: tuple[dict[str, list[Any]], ...] = ({}, {}, {}, {})
        self._done = False
        self._reader: Iterator[MeetingFacts] | None = None
        # Each series' first and last meeting in the range read.
        self._spans: dict[str, list[date]] = {}
        # The laptops that registered `first`'s meetings.
        self.devices: set[str] = set()
        self.day: date | None = None  # the day being read (progress)

    @property
    def span(self) -> Period:
        """The days read: from the earlier period's start to the later one's end."""
        return Period(min(self.first.start, self.second.start),
                      max(self.first.end, self.second.end))

    def _part(self, day: date) -> int:
        f, s = self.first, self.second
        return ((_FIRST if f.start <= day <= f.end else 0)
                | (_SECOND if s.start <= day <= s.end else 0))

    def run(self) -> None:
        """Read the meetings `meetings()` has not yielded (all, when it was not called)."""
        for _meeting in self._reader or self.meetings():
            pass

    def close(self) -> None:
        """End the read where it is (a cancelled or failed Data sheet)."""
        close = getattr(self._reader, "close", None)
        if close is not None:
            close()

    def meetings(self) -> Iterator[MeetingFacts]:
        """`first`'s meetings by day, then program, series and number (read as they are
        yielded); the sums of both periods made on the way."""
        if self._reader is not None:
            raise RuntimeError("a meeting scan reads once")
        self._reader = self._read()
        return self._reader

    def _read(self) -> Iterator[MeetingFacts]:
        series, parts, spans = self._series, self._parts, self._spans
        devices = self.devices
        codes = {sid: s[1:6] for sid, s in series.items()}
        connection = self._session.connection()
        compiled = _query(self.span).compile(dialect=connection.dialect)
        params = compiled.construct_params()
        values: Any = params if compiled.positiontup is None else tuple(
            _driver_value(params[name]) for name in compiled.positiontup)
        cursor = connection.exec_driver_sql(str(compiled), values,
                                            execution_options={"stream_results": True})
        day: list[MeetingFacts] = []
        held: Any = None
        on: Any = None
        shown = False  # the day is in `first`: its meetings are yielded
        sums: dict[str, list[Any]] = parts[_NEITHER]
        make = MeetingFacts._make
        keep = day.append
        try:
            for batch in cursor.partitions(2000):
                for row in batch:
                    if row[3] != held:
                        if day:
                            day.sort(key=_DAY_ORDER)
                            yield from day
                            day.clear()
                        held = row[3]
                        on = date.fromisoformat(held) if isinstance(held, str) else held
                        self.day = on
                        part = self._part(on)
                        sums = parts[part]
                        shown = bool(part & _FIRST)
                    if shown:  # as `StatsService.devices` asks: any live meeting's laptop
                        devices.add(row[12])
                    sid = row[1]
                    s = codes.get(sid)
                    if s is None:
                        continue  # a deleted series' meeting
                    used = row[11]
                    women, men, other = row[6], row[7], row[8]
                    found = sums.get(sid)
                    if found is None:
                        found = sums[sid] = [0, None, None, None, None, 0]
                    _add(found, women, men, other, used)
                    seen = spans.get(sid)
                    if seen is None:
                        spans[sid] = [on, on]
                    else:
                        seen[1] = on  # read by day: the latest so far
                    if shown:
                        keep(make((row[0], sid, row[2], on, row[4], row[5], women, men, other,
                                   row[9], row[10], None if used is None else bool(used),
                                   *s)))
            day.sort(key=_DAY_ORDER)
            yield from day
            self._done = True
        finally:
            cursor.close()

    def spans(self, outside: Spans) -> Spans:
        """Each live series' first and last meeting: those in the range read, widened by
        `outside` (the first and last of its meetings outside it)."""
        if not self._done:
            raise RuntimeError("the meeting scan has not run to its end")
        out: Spans = {sid: (first, last) for sid, (first, last) in self._spans.items()}
        for sid, (first, last) in outside.items():
            inside = out.get(sid)
            out[sid] = (first, last) if inside is None else (min(first, inside[0]),
                                                             max(last, inside[1]))
        return out

    def sums(self) -> tuple[tuple[SeriesMeetings, ...], tuple[SeriesMeetings, ...]]:
        """Per series, its meetings held in `first` and in `second`, summed (each as
        `collect.load_series_meetings` reads it for that period alone), by series id."""
        if not self._done:
            raise RuntimeError("the meeting scan has not run to its end")
        both = self._parts[_BOTH]
        return (self._period(self._parts[_FIRST], both),
                self._period(self._parts[_SECOND], both))

    def _period(self, own: dict[str, list[Any]], both: dict[str, list[Any]]
                ) -> tuple[SeriesMeetings, ...]:
        out = []
        for sid in sorted(own.keys() | both.keys()):
            a, b = own.get(sid), both.get(sid)
            if a is None or b is None:
                total = a or b
                assert total is not None
            else:
                total = [a[0] + b[0], *(_plus(x, y) for x, y in zip(a[1:5], b[1:5],
                                                                    strict=True)),
                         a[5] + b[5]]
            s = self._series[sid]
            out.append(SeriesMeetings(sid, s[1], s[2], s[3], total[0], total[1], total[2],
                                      total[3], total[4], bool(total[5])))
        return tuple(out)
