"""The start page's "this quarter" figures, computed in SQL (never in a widget).

Swedish and easy Swedish count as Swedish; every other language of delivery counts as
"another language". "Needs attention" uses the same rule as the group list: a series that
is planned or running, has fewer meetings than planned, and whose next meeting was due
(a week after the latest one, or the planned start) before today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from forebygg_desktop.core.models import AdviceTalk, GroupSeries, Meeting, OpenMeeting
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store.records import sum_known

if TYPE_CHECKING:  # the Store imports this module: no import cycle at run time
    from forebygg_desktop.core.store.unit import UnitOfWork

SWEDISH = ("sv", "sv-x-easy")
# Meetings are assumed weekly: the next one is due this many days after the latest.
MEETING_INTERVAL_DAYS = 7


@dataclass(frozen=True)
class AttentionItem:
    """A series whose planned meeting date passed with no attendance registered."""

    series_id: str
    program_code: str
    locality_code: str
    venue: str | None
    meetings_held: int
    planned_meetings: int | None
    last_meeting: date | None
    planned_start: date | None


@dataclass(frozen=True)
class QuarterOverview:
    """Figures of one period (counts of nothing entered are None, not 0)."""

    period: Period
    group_meetings: int
    open_meetings: int
    participant_visits: int | None
    men_visits: int | None
    groups_other_language: int
    groups_with_interpreter: int
    talks: int
    attention: tuple[AttentionItem, ...]

    @property
    def meetings_held(self) -> int:
        """Group meetings and open meetings held in the period."""
        return self.group_meetings + self.open_meetings

    @property
    def share_men(self) -> float | None:
        """Men's share of participant visits; None when no visit was counted."""
        if not self.participant_visits or self.men_visits is None:
            return None
        return self.men_visits / self.participant_visits


class OverviewService:
    """Read-only figures for the start page."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def quarter(self, period: Period | None = None, today: date | None = None) -> QuarterOverview:
        """Figures for `period` (default: the quarter of `today`) and today's attention list."""
        today = today or date.today()
        period = period or Period.quarter_of(today)
        live_meeting = and_(Meeting.deleted.is_(False), GroupSeries.deleted.is_(False),
                            Meeting.held_on >= period.start, Meeting.held_on <= period.end)
        group_query = (
            select(func.count(Meeting.id), func.sum(Meeting.women), func.sum(Meeting.men),
                   func.sum(Meeting.other_gender),
                   func.count(distinct(GroupSeries.id)).filter(
                       GroupSeries.language_code.not_in(SWEDISH)),
                   func.count(distinct(GroupSeries.id)).filter(Meeting.interpreter.is_(True)))
            .join(GroupSeries, GroupSeries.id == Meeting.series_id).where(live_meeting))
        open_query = (
            select(func.count(OpenMeeting.id), func.sum(OpenMeeting.women),
                   func.sum(OpenMeeting.men), func.sum(OpenMeeting.other_gender))
            .where(OpenMeeting.deleted.is_(False), OpenMeeting.held_on >= period.start,
                   OpenMeeting.held_on <= period.end))
        talk_query = select(func.count(AdviceTalk.id)).where(
            AdviceTalk.deleted.is_(False), AdviceTalk.first_talk_on >= period.start,
            AdviceTalk.first_talk_on <= period.end)
        with self._uow.read() as session:
            meetings, g_women, g_men, g_other, other_language, interpreted = \
                session.execute(group_query).one()
            opens, o_women, o_men, o_other = session.execute(open_query).one()
            talks = session.scalar(talk_query) or 0
            attention = self._attention(session, today)
        return QuarterOverview(
            period=period, group_meetings=meetings, open_meetings=opens,
            participant_visits=sum_known(g_women, g_men, g_other, o_women, o_men, o_other),
            men_visits=sum_known(g_men, o_men),
            groups_other_language=other_language, groups_with_interpreter=interpreted,
            talks=talks, attention=attention)

    def attention(self, today: date | None = None) -> tuple[AttentionItem, ...]:
        """Series that need attention today, the longest overdue first."""
        with self._uow.read() as session:
            return self._attention(session, today or date.today())

    @staticmethod
    def _attention(session: Session, today: date) -> tuple[AttentionItem, ...]:
        held = (select(Meeting.series_id.label("sid"), func.count().label("n"),
                       func.max(Meeting.held_on).label("last"))
                .where(Meeting.deleted.is_(False)).group_by(Meeting.series_id).subquery())
        n = func.coalesce(held.c.n, 0)
        due_cutoff = today - timedelta(days=MEETING_INTERVAL_DAYS)
        query = (
            select(GroupSeries.id, GroupSeries.program_code, GroupSeries.locality_code,
                   GroupSeries.venue, n, GroupSeries.planned_meetings, held.c.last,
                   GroupSeries.planned_start)
            .outerjoin(held, held.c.sid == GroupSeries.id)
            .where(GroupSeries.deleted.is_(False),
                   GroupSeries.status.in_(("planned", "running")),
                   or_(GroupSeries.planned_meetings.is_(None), n < GroupSeries.planned_meetings),
                   or_(and_(held.c.last.is_not(None), held.c.last < due_cutoff),
                       and_(held.c.last.is_(None), GroupSeries.planned_start.is_not(None),
                            GroupSeries.planned_start < today)))
            .order_by(func.coalesce(held.c.last, GroupSeries.planned_start), GroupSeries.id))
        return tuple(AttentionItem(*row) for row in session.execute(query))
