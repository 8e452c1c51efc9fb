"""A report's period and the same period a year earlier, read in one pass where they share
rows (a decade and the decade before it share nine years: read twice, every meeting of
those years was scanned and summed twice).

- Group meetings: one read of the days from the earlier start to the later end, which
  also gives the Data sheet its rows (`meeting_scan.py`).
- Open meetings: one read of both periods' days, split here by day.
- Advice talks: one GROUP BY (who came, outcome, language), a CASE per period.
"""

from __future__ import annotations

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from forebygg_desktop.core.models import AdviceTalk, OpenMeeting
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.stats.collect import (
    OpenFacts,
    TalkFacts,
    _in,
)


def _spanning(first: Period, second: Period) -> Period:
    """From the earlier start to the later end: one range read in the index's order (an
    OR of the two ranges was slower on SQLite)."""
    return Period(min(first.start, second.start), max(first.end, second.end))


def open_meetings(session: Session, first: Period, second: Period
                  ) -> tuple[tuple[OpenFacts, ...], tuple[OpenFacts, ...]]:
    """Live open meetings held in `first` and in `second`, each oldest first (as
    `load_open_meetings` reads them for one period)."""
    o = OpenMeeting
    rows = [OpenFacts(*r) for r in session.connection().execute(
        select(o.id, o.program_code, o.held_on, o.theme_code, o.locality_code,
               o.language_code, o.interpreter, o.women, o.men, o.other_gender, o.estimated)
        .where(o.deleted.is_(False), or_(_in(o.held_on, first), _in(o.held_on, second)))
        .order_by(o.held_on, o.id)).all()]  # one fetch (a server's driver: not row by row)
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
