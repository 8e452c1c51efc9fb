"""The Store's long-list reads: one page at a time, sorted and filtered (`store.lists`).

Open meetings, advice talks and group series can run to tens of thousands of rows on a
central store: they are sorted, filtered and cut in SQL. Digital use and one series'
meetings are short: read whole and handled by the same rules in Python.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select

from forebygg_desktop.core.models import AdviceTalk, GroupSeries, Meeting, OpenMeeting
from forebygg_desktop.core.overview import MEETING_INTERVAL_DAYS, needs_attention
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store.digital import DigitalUseService
from forebygg_desktop.core.store.evaluation_records import AnswerRow, ResultFilter
from forebygg_desktop.core.store.evaluations import EvaluationService
from forebygg_desktop.core.store.groups import GroupService, SeriesFilter, SeriesRow
from forebygg_desktop.core.store.listing import (
    ListPage,
    ListQuery,
    filter_condition,
    memory_page,
    sql_page,
)
from forebygg_desktop.core.store.records import (
    DigitalUseRecord,
    MeetingRecord,
    OpenMeetingRecord,
    TalkRecord,
    to_record,
)
from forebygg_desktop.core.store.unit import UnitOfWork


def _known_sum(*columns: Any) -> ColumnElement[Any]:
    """women + men + other as `sum_known` does: None only when none is entered."""
    total = sum((func.coalesce(c, 0) for c in columns[1:]), func.coalesce(columns[0], 0))
    return case((and_(*(c.is_(None) for c in columns)), None), else_=total)


def _model_columns(model: Any) -> dict[str, ColumnElement[Any]]:
    return {c.key: getattr(model, c.key) for c in model.__table__.columns}


class ListService:
    """Paged, sorted, filtered reads for the lists of the window."""

    def __init__(self, uow: UnitOfWork, groups: GroupService, digital: DigitalUseService,
                 evaluations: EvaluationService) -> None:
        self._uow = uow
        self._groups = groups
        self._digital = digital
        self._evaluations = evaluations

    def open_meetings(self, query: ListQuery, period: Period | None = None
                      ) -> ListPage[OpenMeetingRecord]:
        columns = _model_columns(OpenMeeting)
        columns["attendance"] = _known_sum(OpenMeeting.women, OpenMeeting.men,
                                           OpenMeeting.other_gender)
        base = select(OpenMeeting).where(OpenMeeting.deleted.is_(False))
        if period is not None:
            base = base.where(OpenMeeting.held_on >= period.start,
                              OpenMeeting.held_on <= period.end)
        with self._uow.read() as session:
            return sql_page(session, base, columns, query, OpenMeeting.id,
                            lambda row: to_record(OpenMeetingRecord, row[0]))

    def talks(self, query: ListQuery, period: Period | None = None) -> ListPage[TalkRecord]:
        base = select(AdviceTalk).where(AdviceTalk.deleted.is_(False))
        if period is not None:
            base = base.where(AdviceTalk.first_talk_on >= period.start,
                              AdviceTalk.first_talk_on <= period.end)
        with self._uow.read() as session:
            return sql_page(session, base, _model_columns(AdviceTalk), query, AdviceTalk.id,
                            lambda row: to_record(TalkRecord, row[0]))

    def digital(self, query: ListQuery, period: Period | None = None
                ) -> ListPage[DigitalUseRecord]:
        rows = self._digital.in_period(period) if period else self._digital.list()
        return memory_page(rows, query, _digital_value)

    def answers(self, query: ListQuery, flt: ResultFilter | None,
                withdrawn: bool = False) -> ListPage[AnswerRow]:
        """One activity's answers (a short list: read whole, sorted and filtered here)."""
        rows = [] if flt is None else self._evaluations.answers(flt, withdrawn=withdrawn)
        return memory_page(rows, query)

    def meetings(self, query: ListQuery, series_id: str) -> ListPage[MeetingRecord]:
        return memory_page(self._groups.meetings(series_id), query)

    def series(self, query: ListQuery, filters: SeriesFilter | None = None,
               today: date | None = None) -> ListPage[SeriesRow]:
        """The group list; `counts["attention"]`: matching series that need attention."""
        filters = filters or SeriesFilter()
        today = today or date.today()
        held = (select(Meeting.series_id.label("sid"), func.count().label("n"),
                       func.min(Meeting.held_on).label("first"),
                       func.max(Meeting.held_on).label("last"))
                .where(Meeting.deleted.is_(False)).group_by(Meeting.series_id).subquery())
        start = func.coalesce(held.c.first, GroupSeries.planned_start)
        columns: dict[str, ColumnElement[Any]] = {
            **_model_columns(GroupSeries),
            "meetings_held": func.coalesce(held.c.n, 0),
            "first_meeting": held.c.first, "last_meeting": held.c.last, "start": start}
        base = (select(GroupSeries.id, GroupSeries.program_code, GroupSeries.locality_code,
                       GroupSeries.venue, GroupSeries.language_code, GroupSeries.status,
                       GroupSeries.planned_meetings, held.c.n, held.c.first, held.c.last,
                       GroupSeries.planned_start)
                .outerjoin(held, held.c.sid == GroupSeries.id)
                .where(GroupSeries.deleted.is_(False)))
        for name in ("program_code", "locality_code", "status"):
            value = getattr(filters, name)
            if value:
                base = base.where(getattr(GroupSeries, name) == value)
        if filters.period:
            end = func.coalesce(held.c.last, GroupSeries.planned_start)
            base = base.where(start <= filters.period.end, end >= filters.period.start)
        if filters.text:
            query = _with_text(query, filters.text)

        def row_of(row: Any) -> SeriesRow:
            return SeriesRow(
                id=row.id, program_code=row.program_code, locality_code=row.locality_code,
                venue=row.venue, language_code=row.language_code, status=row.status,
                planned_meetings=row.planned_meetings, meetings_held=row.n or 0,
                first_meeting=row.first, last_meeting=row.last,
                planned_start=row.planned_start,
                needs_attention=needs_attention(row.status, row.planned_meetings, row.n or 0,
                                                row.last, row.planned_start, today))

        # `overview.needs_attention` in SQL: counted where the rows are.
        cutoff = today - timedelta(days=MEETING_INTERVAL_DAYS)
        held_n = func.coalesce(held.c.n, 0)
        attention_rule = and_(
            GroupSeries.status.in_(("planned", "running")),
            or_(GroupSeries.planned_meetings.is_(None), held_n < GroupSeries.planned_meetings),
            or_(and_(held.c.last.is_not(None), held.c.last < cutoff),
                and_(held.c.last.is_(None), GroupSeries.planned_start.is_not(None),
                     GroupSeries.planned_start < today)))
        with self._uow.read() as session:
            page = sql_page(session, base, columns, query, GroupSeries.id, row_of)
            attention = 0
            if page.total:
                flagged = base.where(attention_rule)
                condition = filter_condition(columns, query, session.connection()
                                             .dialect.name == "sqlite")
                if condition is not None:
                    flagged = flagged.where(condition)
                attention = session.scalar(
                    select(func.count()).select_from(flagged.subquery())) or 0
        return ListPage(page.records, page.total, page.offset, {"attention": attention})


def _with_text(query: ListQuery, text: str) -> ListQuery:
    return replace(query, text=f"{query.text} {text}".strip())


def _digital_value(record: DigitalUseRecord, name: str) -> Any:
    if name == "period":
        return record.year * 10 + record.quarter
    return getattr(record, name)
