"""Group series and their meetings: create, register, correct, delete and undo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session

from forebygg_desktop.core import validation
from forebygg_desktop.core.codes import (
    CANCEL_REASONS,
    COMPOSITIONS,
    DELIVERY_MODES,
    GROUP_KINDS,
    MEETING_KINDS,
    SERIES_STATUSES,
)
from forebygg_desktop.core.counts import sum_known
from forebygg_desktop.core.driver import DriverStatement
from forebygg_desktop.core.errors import NotFoundError, UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import GroupSeries, Language, Locality, Meeting, Program
from forebygg_desktop.core.overview import needs_attention
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.records import (
    MeetingData,
    MeetingRecord,
    SeriesData,
    SeriesRecord,
    apply_data,
    data_values,
    to_record,
)
from forebygg_desktop.core.store.unit import Change, UnitOfWork, WriteTransaction
from forebygg_desktop.core.validation import is_day

STAGES = ("registered", "started", "completed", "dropped")
GENDERS = ("women", "men", "other")


@dataclass(frozen=True)
class SeriesFilter:
    """What the group list shows; every part is optional."""

    program_code: str | None = None
    locality_code: str | None = None
    status: str | None = None
    period: Period | None = None
    text: str | None = None


@dataclass(frozen=True)
class SeriesRow:
    """One line of the group list."""

    id: str
    program_code: str
    locality_code: str
    venue: str | None
    language_code: str
    status: str
    planned_meetings: int | None
    meetings_held: int
    first_meeting: date | None
    last_meeting: date | None
    planned_start: date | None
    needs_attention: bool


@dataclass(frozen=True)
class SeriesSummary:
    """Counts per stage (each split by gender) and meeting figures of one series."""

    stages: dict[str, dict[str, int | None]]
    meetings_held: int
    planned_meetings: int | None
    participant_visits: int | None

    def stage_total(self, stage: str) -> int | None:
        return sum_known(*self.stages[stage].values())


class GroupService:
    """Everything a worker does with group series and meetings."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    # --- series ---------------------------------------------------------------------------
    def create_series(self, data: SeriesData) -> Change:
        """Register a new group series (status: planned)."""
        with self._uow.write() as tx:
            _check_series(tx, data, new=True)
            row = GroupSeries(status="planned")
            apply_data(row, data)
            tx.add(row)
            tx.session.flush()
            return Change("group_series", "created", (row.id,))

    def update_series(self, series_id: str, data: SeriesData) -> Change:
        """Correct a series' details and counts."""
        with self._uow.write() as tx:
            row = tx.get_live(GroupSeries, series_id)
            _check_series(tx, data, new=data.program_code != row.program_code)
            _check_meetings_fit_start(tx, series_id, data.planned_start)
            apply_data(row, data)
            tx.touch(row)
            return Change("group_series", "updated", (series_id,))

    def set_status(self, series_id: str, status: str, cancel_reason: str | None = None) -> Change:
        """Move a series to planned, running, completed or cancelled (with a reason)."""
        checker = Checker()
        checker.code("status", status, SERIES_STATUSES)
        if status == "cancelled":
            checker.code("cancel_reason", cancel_reason, CANCEL_REASONS)
        checker.done()
        with self._uow.write() as tx:
            row = tx.get_live(GroupSeries, series_id)
            row.status = status
            row.cancel_reason = cancel_reason if status == "cancelled" else None
            tx.touch(row)
            return Change("group_series", "updated", (series_id,))

    def delete_series(self, series_id: str) -> Change:
        """Tombstone a series (its meetings are hidden with it); undo with `restore_series`."""
        return self._set_deleted(GroupSeries, series_id, True)

    def restore_series(self, series_id: str) -> Change:
        return self._set_deleted(GroupSeries, series_id, False)

    def get_series(self, series_id: str) -> SeriesRecord:
        with self._uow.read() as session:
            row = session.get(GroupSeries, series_id)
            if row is None or row.deleted:
                raise NotFoundError()
            return to_record(SeriesRecord, row)

    def list_series(self, filters: SeriesFilter | None = None,
                    today: date | None = None) -> list[SeriesRow]:
        """Series matching the filter, newest first, with meeting figures."""
        filters = filters or SeriesFilter()
        today = today or date.today()
        held = (select(Meeting.series_id.label("sid"), func.count().label("n"),
                       func.min(Meeting.held_on).label("first"),
                       func.max(Meeting.held_on).label("last"))
                .where(Meeting.deleted.is_(False)).group_by(Meeting.series_id).subquery())
        # Columns, not ORM objects (which a central store's 30,000 series made 200,000
        # objects in reference cycles, walked by the screen's cycle collector).
        query = (select(GroupSeries.id, GroupSeries.program_code, GroupSeries.locality_code,
                        GroupSeries.venue, GroupSeries.language_code, GroupSeries.status,
                        GroupSeries.planned_meetings, GroupSeries.planned_start,
                        held.c.n, held.c.first, held.c.last)
                 .outerjoin(held, held.c.sid == GroupSeries.id)
                 .where(GroupSeries.deleted.is_(False)))
        if filters.program_code:
            query = query.where(GroupSeries.program_code == filters.program_code)
        if filters.locality_code:
            query = query.where(GroupSeries.locality_code == filters.locality_code)
        if filters.status:
            query = query.where(GroupSeries.status == filters.status)
        if filters.period:
            start = func.coalesce(held.c.first, GroupSeries.planned_start)
            end = func.coalesce(held.c.last, GroupSeries.planned_start)
            query = query.where(start <= filters.period.end, end >= filters.period.start)
        with self._uow.read() as session:
            names = _search_names(session) if filters.text else {}
            rows = []
            for series in session.execute(query):
                n, first, last = series.n, series.first, series.last
                if filters.text and not _matches(series, names, filters.text):
                    continue
                rows.append(SeriesRow(
                    id=series.id, program_code=series.program_code,
                    locality_code=series.locality_code, venue=series.venue,
                    language_code=series.language_code, status=series.status,
                    planned_meetings=series.planned_meetings, meetings_held=n or 0,
                    first_meeting=first, last_meeting=last, planned_start=series.planned_start,
                    needs_attention=needs_attention(
                        series.status, series.planned_meetings, n or 0, last,
                        series.planned_start, today)))
        rows.sort(key=lambda r: (r.last_meeting or r.planned_start or date.min), reverse=True)
        return rows

    def summary(self, series_id: str) -> SeriesSummary:
        """Registered / started / completed / dropped out and meeting figures."""
        series = self.get_series(series_id)
        meetings = self.meetings(series_id)
        stages = {stage: {g: getattr(series, f"{stage}_{g}") for g in GENDERS}
                  for stage in STAGES}
        return SeriesSummary(stages=stages, meetings_held=len(meetings),
                             planned_meetings=series.planned_meetings,
                             participant_visits=sum_known(*(m.attendance for m in meetings)))

    # --- meetings -------------------------------------------------------------------------
    def meetings(self, series_id: str, include_deleted: bool = False) -> list[MeetingRecord]:
        with self._uow.read() as session:
            query = select(Meeting).where(Meeting.series_id == series_id)
            if not include_deleted:
                query = query.where(Meeting.deleted.is_(False))
            rows = session.scalars(query.order_by(Meeting.number, Meeting.held_on))
            return [to_record(MeetingRecord, r) for r in rows]

    def next_meeting(self, series_id: str, today: date | None = None) -> MeetingData:
        """The pre-filled form for the next meeting: next number, today, usual minutes."""
        with self._uow.read() as session:
            series = session.get(GroupSeries, series_id)
            if series is None or series.deleted:
                raise NotFoundError()
            program = session.get(Program, series.program_code)
            last = session.scalar(select(Meeting).where(
                Meeting.series_id == series_id, Meeting.deleted.is_(False))
                .order_by(Meeting.number.desc()).limit(1))
        minutes = (last.minutes if last and last.minutes
                   else program.default_minutes if program else None)
        return MeetingData(number=(last.number + 1) if last else 1,
                           held_on=today or date.today(), minutes=minutes,
                           interpreter=last.interpreter if last else None)

    def register_meeting(self, series_id: str, data: MeetingData) -> Change:
        """Save a held meeting; the first one moves a planned series to running."""
        with self._uow.write() as tx:
            # The hot path of the program: the same checks and stamping as everywhere else,
            # as plain Core statements on the transaction's connection (no ORM session) and
            # one query for everything the checks ask of the database: the series, a live
            # meeting with this number, a live meeting on this day
            # (see benchmarks/bench_save_latency.py).
            values = data_values(data)
            checker = _meeting_form(data, values)
            if checker.errors:  # a missing series is still said first
                _series_facts_or_not_found(tx, series_id)
                checker.done()
            series = _MEETING_FACTS_RUN.execute(tx.connection, {
                "id": series_id, "number": data.number, "held_on": data.held_on,
                "meeting_id": ""}).first()
            if series is None or series.deleted:
                raise NotFoundError()
            _check_meeting_series(checker, series, data, series.duplicate is not None)
            warnings = _same_day_warning(series.same_day)
            meeting_id = tx.insert(Meeting, {"series_id": series_id, **values})
            if series.status == "planned":
                tx.update(GroupSeries, series_id, {"status": "running"})
            return Change("meeting", "created", (meeting_id, series_id), warnings)

    def update_meeting(self, meeting_id: str, data: MeetingData) -> Change:
        with self._uow.write() as tx:
            row = tx.get_live(Meeting, meeting_id)
            series = tx.get_live(GroupSeries, row.series_id)
            _check_meeting(tx, series, data, meeting_id=meeting_id)
            warnings = _same_day_warnings(tx, row.series_id, data, meeting_id)
            apply_data(row, data)
            tx.touch(row)
            return Change("meeting", "updated", (meeting_id, row.series_id), warnings)

    def meetings_on(self, series_id: str, day: date,
                    except_id: str | None = None) -> list[MeetingRecord]:
        """Live meetings of the series held on `day` (a form warns before a second one)."""
        return [m for m in self.meetings(series_id) if m.held_on == day and m.id != except_id]

    def delete_meeting(self, meeting_id: str) -> Change:
        return self._set_deleted(Meeting, meeting_id, True)

    def restore_meeting(self, meeting_id: str) -> Change:
        return self._set_deleted(Meeting, meeting_id, False)

    def _set_deleted[M: (GroupSeries, Meeting)](self, model: type[M], row_id: str,
                                                 deleted: bool) -> Change:
        with self._uow.write() as tx:
            row = tx.session.get(model, row_id)
            if row is None:
                raise NotFoundError()
            if row.deleted != deleted:
                row.deleted = deleted
                tx.touch(row)
            ids = (row_id, row.series_id) if isinstance(row, Meeting) else (row_id,)
            return Change(model.__tablename__, "deleted" if deleted else "restored", ids)


def _check_series(tx: WriteTransaction, data: SeriesData, new: bool) -> None:
    checker = Checker()
    program = tx.session.get(Program, data.program_code)
    if checker.check(program is not None, "program_code", N_("Choose a program.")):
        assert program is not None
        if new:
            checker.check(program.active, "program_code",
                          N_("The program {code} is no longer offered."), code=program.code)
        checker.check(program.kind in GROUP_KINDS, "program_code",
                      N_("{code} is not a group program."), code=program.code)
    checker.check(tx.session.get(Locality, data.locality_code) is not None, "locality_code",
                  N_("Choose a locality."))
    checker.check(tx.session.get(Language, data.language_code) is not None, "language_code",
                  N_("Choose a language."))
    for code in data.interpreter_languages:
        checker.check(tx.session.get(Language, code) is not None, "interpreter_languages",
                      N_("Unknown choice: {code}."), code=code)
    checker.code("delivery_mode", data.delivery_mode, DELIVERY_MODES)
    checker.code("composition", data.composition, COMPOSITIONS)
    checker.row("group_series", data_values(data))
    if checker.errors:
        checker.done()  # the comparisons below need whole numbers
    for gender in GENDERS:
        registered = getattr(data, f"registered_{gender}")
        started = getattr(data, f"started_{gender}")
        completed = getattr(data, f"completed_{gender}")
        dropped = getattr(data, f"dropped_{gender}")
        if registered is not None and started is not None:
            checker.check(started <= registered, f"started_{gender}",
                          N_("More started than registered."))
        if started is not None and completed is not None:
            checker.check(completed <= started, f"completed_{gender}",
                          N_("More completed than started."))
        if started is not None and dropped is not None and completed is not None:
            checker.check(completed + dropped <= started, f"dropped_{gender}",
                          N_("Completed and dropped out together exceed started."))
    checker.done()


def _check_meetings_fit_start(tx: WriteTransaction, series_id: str, start: date | None) -> None:
    if start is None:
        return
    first = tx.session.scalar(select(func.min(Meeting.held_on)).where(
        Meeting.series_id == series_id, Meeting.deleted.is_(False)))
    checker = Checker()
    checker.check(first is None or first >= start, "planned_start",
                  N_("A meeting was already held before this start date."))
    checker.done()


class _SeriesFacts(Protocol):
    """What the meeting checks need of a series (an ORM row or a plain result row)."""

    id: str
    deleted: bool
    status: str
    planned_start: date | None
    registered_women: int | None
    registered_men: int | None
    registered_other: int | None


# Table columns, not ORM attributes, so the statements run as plain Core on `tx.connection`.
_series = GroupSeries.__table__.c
_meeting = Meeting.__table__.c
_SERIES_FACTS = select(
    _series.id, _series.deleted, _series.status, _series.planned_start,
    _series.registered_women, _series.registered_men, _series.registered_other,
).where(_series.id == bindparam("id"))


def _other_meeting(column: Any, match: Any) -> Any:
    """Another live meeting of the series (the outer query's) that `match`es: `column`."""
    return select(column).where(
        _meeting.series_id == _series.id, match, _meeting.deleted.is_(False),
        _meeting.id != bindparam("meeting_id")).limit(1).scalar_subquery()


# A save's one question to the database: the series' facts, and another live meeting of it
# with the same number (its id) and on the same day (its number).
_MEETING_FACTS = select(
    *_SERIES_FACTS.selected_columns,
    _other_meeting(_meeting.id, _meeting.number == bindparam("number")).label("duplicate"),
    _other_meeting(_meeting.number, _meeting.held_on == bindparam("held_on")).label("same_day"),
).where(_series.id == bindparam("id"))
# Run on the driver (core/driver.py): SQLAlchemy's execution around it cost four times the
# query itself on every save.
_MEETING_FACTS_RUN = DriverStatement(_MEETING_FACTS)


def _series_facts_or_not_found(tx: WriteTransaction, series_id: str) -> None:
    series = tx.connection.execute(_SERIES_FACTS, {"id": series_id}).first()
    if series is None or series.deleted:
        raise NotFoundError()


# Built once: composing the statement per save cost more than running it.
_DUPLICATE_MEETING = select(_meeting.id).where(
    _meeting.series_id == bindparam("series_id"), _meeting.number == bindparam("number"),
    _meeting.deleted.is_(False), _meeting.id != bindparam("meeting_id")).limit(1)


# Is a meeting number of a series already used by another live meeting (series id,
# number, the meeting's own id)? The import answers it from the package's series read at
# once; a save asks the database.
NumberTaken = Callable[[str, int, str], bool]


def _check_meeting(tx: WriteTransaction, series: _SeriesFacts, data: MeetingData,
                   meeting_id: str | None, taken: NumberTaken | None = None) -> None:
    checker = _meeting_form(data, data_values(data))
    if checker.errors:
        checker.done()  # the checks below need a whole number, a date and whole counts
    duplicate = taken(series.id, data.number, meeting_id or "") if taken is not None \
        else tx.connection.scalar(_DUPLICATE_MEETING, {
            "series_id": series.id, "number": data.number,
            "meeting_id": meeting_id or ""}) is not None
    _check_meeting_series(checker, series, data, duplicate)


def _meeting_form(data: MeetingData, values: dict[str, Any]) -> Checker:
    """The rules a meeting's own fields break, without asking the database (`values`: its
    fields as column values, `data_values(data)`)."""
    checker = Checker()
    today = validation.today()
    if is_day(data.held_on):
        checker.check(data.held_on <= today, "held_on",
                      N_("A meeting cannot be registered in the future."))
    checker.row("meeting", values, today)
    checker.code("kind", data.kind, MEETING_KINDS)
    return checker


def _check_meeting_series(checker: Checker, series: _SeriesFacts, data: MeetingData,
                          duplicate: bool) -> None:
    """The rules a well-formed meeting breaks against its series (raises them all)."""
    checker.check(not duplicate, "number",
                  N_("Meeting {number} is already registered."), number=data.number)
    if series.planned_start is not None:
        checker.check(data.held_on >= series.planned_start, "held_on",
                      N_("The date is before the series started ({start})."),
                      start=series.planned_start.isoformat())
    registered = sum_known(series.registered_women, series.registered_men,
                           series.registered_other)
    attendance = data.attendance
    if registered is not None and attendance is not None:
        # About the three counts together: the form shows it beside them, not under one.
        checker.check(attendance <= registered, "attendance",
                      N_("{attendance} attended, but only {registered} are registered."),
                      attendance=attendance, registered=registered)
    checker.done()


_SAME_DAY = select(_meeting.number).where(
    _meeting.series_id == bindparam("series_id"), _meeting.held_on == bindparam("held_on"),
    _meeting.deleted.is_(False), _meeting.id != bindparam("meeting_id")).limit(1)


def _same_day_warnings(tx: WriteTransaction, series_id: str, data: MeetingData,
                       meeting_id: str | None) -> tuple[UserError, ...]:
    """A second meeting of one series on one day is allowed, but rarely meant."""
    return _same_day_warning(tx.connection.scalar(_SAME_DAY, {
        "series_id": series_id, "held_on": data.held_on, "meeting_id": meeting_id or ""}))


def _same_day_warning(other: int | None) -> tuple[UserError, ...]:
    """The warning for another live meeting (its number) of the series on the same day."""
    if other is None:
        return ()
    return (UserError(N_("Meeting {number} of this series is already registered on the same "
                         "date. Saved anyway."), field="held_on", number=other),)


def _search_names(session: Session) -> dict[str, str]:
    names: dict[str, str] = {}
    for program in session.scalars(select(Program)):
        names[program.code] = " ".join([program.code, *program.names.values()])
    for locality in session.scalars(select(Locality)):
        names[locality.code] = f"{locality.name} {locality.area}"
    return names


def _matches(series: Row[Any], names: dict[str, str], text: str) -> bool:
    haystack = " ".join([names.get(series.program_code, series.program_code),
                         names.get(series.locality_code, series.locality_code),
                         series.venue or ""]).casefold()
    return all(word in haystack for word in text.casefold().split())
