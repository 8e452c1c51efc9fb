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
  and number (the Data sheet's order), while they are read;
- each series' first and last meeting in the range (with `collect.series_spans` of the
  days outside it: every series' first and last meeting), and the laptops that
  registered `first`'s meetings (`StatsService.devices`) are noted on the way.

The series (and whether a series is live) come from `collect.live_series`: the meeting
table is read alone. The query runs on the driver (a server-side cursor on a server):
SQLAlchemy's per-value result processing cost three times the query itself; two columns
are converted by hand (SQLite returns ISO text and 0/1, a server's driver a date and a
bool), the day once per day. On a server the next batches are fetched on a thread while
this one is summed and written (`read_ahead.py`): the server's work and the transfer no
longer wait for the program's, nor the program for them.
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
    QuarterMeetings,
    SeriesMeetings,
    Spans,
    _in,
    on_driver,
)
from forebygg_desktop.core.stats.read_ahead import read_ahead

# Rows a batch of the read holds. A server's batch is one fetch of its cursor, each a
# round trip (a decade's 130,000 rows in 13 of them), fetched on a thread while the one
# before is summed, one batch at most waiting (the report's peak grew ≈ 3 MB).
BATCH = 2000
SERVER_BATCH = 10_000
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


def _plus(a: Any, b: Any) -> Any:
    return a if b is None else b if a is None else a + b


class MeetingScan:
    """The live meetings of live series held in `first` or `second`, read once.

    `meetings()` yields `first`'s meetings (for the Data sheet) and must be run to its end
    (or `run()` called, when no rows are wanted) before `sums()` gives each period's series
    sums. One scan per session; the caller keeps the session open while it runs."""

    def __init__(self, session: Session, series: LiveSeries, first: Period,
                 second: Period | None = None, trend: Period | None = None) -> None:
        self._session = session
        self._series = series
        self.first = first
        self.second = first if second is None else second
        # Per part of the range (`_NEITHER`, `_SECOND`, `_FIRST`, `_BOTH`): series id ->
        # its sums there.
        self._parts: tuple[dict[str, list[Any]], ...] = ({}, {}, {}, {})
        self._done = False
        self._reader: Iterator[MeetingFacts] | None = None
        # The laptops that registered `first`'s meetings.
        self.devices: set[str] = set()
        # `trend`'s meetings summed per quarter (as `collect.load_quarter_meetings` reads
        # them), when the range read holds all of its days.
        self.trend = trend if trend is not None and self.span.start <= trend.start \
            and trend.end <= self.span.end else None
        self._quarters: dict[tuple[int, int], list[Any]] = {}

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
        if self._reader is None:
            self._reader = self._read(rows=False)  # no rows made: nobody reads them
        for _meeting in self._reader:
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
        self._reader = self._read(rows=True)
        return self._reader

    def _read(self, rows: bool) -> Iterator[MeetingFacts]:
        parts, devices = self._parts, self.devices
        codes = {sid: s[1:6] for sid, s in self._series.items()}
        cursor = on_driver(self._session, _query(self.span), stream=True)
        if self._session.connection().dialect.name == "sqlite":  # no wait to hide
            batches = cursor.partitions(BATCH)
        else:
            batches = read_ahead(cursor.partitions(SERVER_BATCH), depth=1)
        day: list[MeetingFacts] = []
        held: Any = None
        on: Any = None
        in_first = False  # the day is in `first`: its laptops noted
        trend, quarter = self.trend, None  # the day's quarter sums, when it is in `trend`
        shown = False  # and its meetings yielded
        sums: dict[str, list[Any]] = parts[_NEITHER]
        make = MeetingFacts._make
        keep = day.append
        try:
            for batch in batches:
                for row in batch:
                    (mid, sid, number, raw_day, minutes, kind, women, men, other, adults,
                     children, used, device) = row
                    if raw_day != held:
                        if day:
                            day.sort(key=_DAY_ORDER)
                            yield from day
                            day.clear()
                        held = raw_day
                        on = date.fromisoformat(held) if isinstance(held, str) else held
                        part = self._part(on)
                        sums = parts[part]
                        in_first = bool(part & _FIRST)
                        shown = rows and in_first
                        quarter = None if trend is None or not (
                            trend.start <= on <= trend.end) else self._quarters.setdefault(
                                (on.year, (on.month + 2) // 3), [0, None, None, None])
                    if in_first:  # as `StatsService.devices` asks: any live meeting's laptop
                        devices.add(device)
                    # The series' sums in this part of the range: [meetings, women, men,
                    # other, visits, with an interpreter, first day, last day, its codes];
                    # a count nobody entered leaves its sum as it was (None stays None).
                    found = sums.get(sid)
                    if found is None:
                        codes_of = codes.get(sid)
                        if codes_of is None:
                            continue  # a deleted series' meeting
                        found = sums[sid] = [0, None, None, None, None, 0, on, on, codes_of]
                    found[0] += 1
                    if quarter is not None:  # [meetings, women, men, other]
                        quarter[0] += 1
                        if women is not None:
                            quarter[1] = women if quarter[1] is None else quarter[1] + women
                        if men is not None:
                            quarter[2] = men if quarter[2] is None else quarter[2] + men
                        if other is not None:
                            quarter[3] = other if quarter[3] is None else quarter[3] + other
                    if women is not None or men is not None or other is not None:
                        total = 0
                        if women is not None:
                            total = women
                            found[1] = women if found[1] is None else found[1] + women
                        if men is not None:
                            total += men
                            found[2] = men if found[2] is None else found[2] + men
                        if other is not None:
                            total += other
                            found[3] = other if found[3] is None else found[3] + other
                        found[4] = total if found[4] is None else found[4] + total
                    if used:
                        found[5] += 1
                    found[7] = on  # read by day: the latest so far
                    if shown:
                        keep(make((mid, sid, number, on, minutes, kind, women, men, other,
                                   adults, children, None if used is None else bool(used),
                                   *found[8])))
            day.sort(key=_DAY_ORDER)
            yield from day
            self._done = True
        finally:
            batches.close()  # a thread reading ahead ends before the cursor is closed
            cursor.close()

    def quarter_meetings(self) -> tuple[QuarterMeetings, ...] | None:
        """`trend`'s meetings per quarter it has any in (None: no `trend`, or not all of
        its days in the range read)."""
        if not self._done:
            raise RuntimeError("the meeting scan has not run to its end")
        if self.trend is None:
            return None
        return tuple(QuarterMeetings(year, number, *sums)  # (a day of deleted series' only)
                     for (year, number), sums in sorted(self._quarters.items()) if sums[0])

    def spans(self, outside: Spans) -> Spans:
        """Each live series' first and last meeting: those in the range read, widened by
        `outside` (the first and last of its meetings outside it)."""
        if not self._done:
            raise RuntimeError("the meeting scan has not run to its end")
        out: Spans = {}
        for part in self._parts:  # the parts' days do not overlap
            for sid, found in part.items():
                inside = out.get(sid)
                out[sid] = (found[6], found[7]) if inside is None else (
                    min(found[6], inside[0]), max(found[7], inside[1]))
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
        series, mine, shared = self._series, own.get, both.get
        for sid in sorted(own.keys() | both.keys()):
            a, b = mine(sid), shared(sid)
            if a is None:
                t = b
            elif b is None:
                t = a
            else:
                t = [a[0] + b[0], _plus(a[1], b[1]), _plus(a[2], b[2]), _plus(a[3], b[3]),
                     _plus(a[4], b[4]), a[5] + b[5]]
            assert t is not None
            s = series[sid]
            out.append(SeriesMeetings(sid, s[1], s[2], s[3], t[0], t[1], t[2], t[3], t[4],
                                      t[5] > 0))
        return tuple(out)
