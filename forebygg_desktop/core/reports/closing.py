"""Closed quarters: figures given to the committee do not change silently.

The department closes a quarter once it has reported it (as DHIS2's data approval does).
An import then holds every incoming row that would change a closed quarter (a meeting, open
meeting, talk, answer or digital count dated in it, a series whose meetings lie in it, and
the new meetings of a held series) in `held_change` instead of writing it. Approving writes
the held rows by the ordinary merge rule (a held row is written only where it wins), so the
store ends where it would have been without the closure: imports still converge.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from forebygg_desktop.core.exchange import wire
from forebygg_desktop.core.exchange.format import RecordType, record_types
from forebygg_desktop.core.exchange.merge import MergePlan, Row, apply_plan, merged, normalised
from forebygg_desktop.core.models import HeldChange, PeriodClosure, utc_now
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store.unit import Change

if TYPE_CHECKING:
    from forebygg_desktop.core.store.unit import UnitOfWork

# The column that dates a row, per record type (the quarter rule's day).
DATE_COLUMNS = {"meeting": "held_on", "open_meeting": "held_on",
                "advice_talk": "first_talk_on", "evaluation_response": "answered_on"}


@dataclass(frozen=True)
class HeldInfo:
    id: str
    period_code: str
    record_type: str
    record_id: str
    held_at: datetime
    approved_at: datetime | None
    approved_by: str | None


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _days(connection: Connection, name: str, record_type: RecordType,
          row: Row) -> list[date]:
    values = dict(zip(record_type.names, row, strict=True))
    if name in DATE_COLUMNS:
        return [d for d in [_day(values.get(DATE_COLUMNS[name]))] if d]
    if name == "digital_use":
        year, quarter = values.get("year"), values.get("quarter")
        return [date(int(year), 3 * int(quarter) - 2, 1)] if year and quarter else []
    if name == "group_series":
        days = [d for d in [_day(values.get("planned_start"))] if d]
        span = connection.exec_driver_sql(
            "SELECT min(held_on), max(held_on) FROM meeting"
            f" WHERE series_id = {wire.mark(connection)} AND deleted = FALSE", (row[0],)).one()
        return days + [d for d in (_day(span[0]), _day(span[1])) if d]
    return []


def _stored(connection: Connection, record_type: RecordType, row_id: str) -> Row | None:
    columns = ", ".join(f'"{n}"' for n in record_type.names)
    found = connection.exec_driver_sql(
        f'SELECT {columns} FROM "{record_type.name}" WHERE id = {wire.mark(connection)}',
        (row_id,)).first()
    return wire.from_store(connection, record_type, [found])[0] if found is not None else None


def closed_periods(connection: Connection) -> list[Period]:
    return [Period.parse(r[0]) for r in
            connection.exec_driver_sql("SELECT period_code FROM period_closure")]


def hold_closed(connection: Connection, plan: MergePlan, package_sha256: str,
                store: bool = True) -> int:
    """Take the rows that would change a closed quarter out of `plan`; with `store`, keep
    them in `held_change` (inside the caller's transaction). Returns how many."""
    closed = closed_periods(connection)
    if not closed:
        return 0
    held = 0
    held_series: set[str] = set()
    for name, record_type in record_types().items():
        rows = plan.writes.get(name) or []
        keep: list[Row] = []
        for row in rows:
            old = _stored(connection, record_type, row[0])
            days = _days(connection, name, record_type, row)
            if old is not None:
                days += _days(connection, name, record_type, old)
            hit = next((p for p in closed for d in days if p.contains(d)), None)
            if hit is None and name == "meeting" and old is None and \
                    row[record_type.index("series_id")] in held_series:
                hit = next(p for p in closed)  # its series waits: so does it
            if hit is None:
                keep.append(row)
                continue
            held += 1
            if name == "group_series":
                held_series.add(row[0])
            if store:
                connection.exec_driver_sql(
                    "INSERT INTO held_change (id, period_code, record_type, record_id, row,"
                    f" package_sha256, held_at) VALUES ({wire.marks(connection, 7)})",
                    (_new_id(), hit.code, name, row[0],
                     json.dumps(dict(zip(record_type.names, row, strict=True))),
                     package_sha256, utc_now().isoformat(sep=" ")))
        plan.writes[name] = keep
    return held


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


class ClosedPeriods:
    """`store.closing`: close and reopen quarters; list and approve held changes."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def close(self, period: Period, by: str) -> Change:
        with self._uow.write() as tx:
            if tx.session.get(PeriodClosure, period.code) is None:
                tx.session.add(PeriodClosure(period_code=period.code, closed_at=utc_now(),
                                             closed_by=by.strip()))
        return Change("period_closure", "created")

    def reopen(self, period: Period) -> Change:
        with self._uow.write() as tx:
            row = tx.session.get(PeriodClosure, period.code)
            if row is not None:
                tx.session.delete(row)
        return Change("period_closure", "deleted")

    def closure(self, period: Period) -> tuple[datetime, str] | None:
        """When and by whom `period` was closed (None while it is open)."""
        with self._uow.read() as session:
            row = session.get(PeriodClosure, period.code)
            return None if row is None else (row.closed_at, row.closed_by)

    def closed(self) -> list[str]:
        with self._uow.read() as session:
            return sorted(session.scalars(select(PeriodClosure.period_code)))

    def held(self, include_approved: bool = False) -> list[HeldInfo]:
        query = select(HeldChange).order_by(HeldChange.held_at, HeldChange.id)
        if not include_approved:
            query = query.where(HeldChange.approved_at.is_(None))
        with self._uow.read() as session:
            return [HeldInfo(r.id, r.period_code, r.record_type, r.record_id, r.held_at,
                             r.approved_at, r.approved_by) for r in session.scalars(query)]

    def approve(self, by: str, period: Period | None = None) -> Change:
        """Apply the held changes (of one quarter, or all) by the merge rule."""
        types = record_types()
        order = list(types)
        with self._uow.write() as tx:
            connection = tx.session.connection()
            query = select(HeldChange).where(HeldChange.approved_at.is_(None))
            if period is not None:
                query = query.where(HeldChange.period_code == period.code)
            rows = sorted(tx.session.scalars(query),
                          key=lambda r: (order.index(r.record_type), r.held_at, r.id))
            now = utc_now()
            for held in rows:
                record_type = types[held.record_type]
                row = tuple(held.row.get(n) for n in record_type.names)
                old = _stored(connection, record_type, held.record_id)
                # The merge rule: the greater content, both version vectors joined.
                new = normalised(record_type, row) if old is None else merged(
                    record_type, normalised(record_type, old), normalised(record_type, row))
                if old is None or new != normalised(record_type, old):
                    apply_plan(connection, MergePlan(writes={held.record_type: [new]}),
                               tx.seq)
                held.approved_at, held.approved_by = now, by.strip()
        return Change("held_change", "updated")
