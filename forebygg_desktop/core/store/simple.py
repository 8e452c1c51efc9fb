"""Single-table records (open meetings, talks, digital use): one shape, one implementation."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from forebygg_desktop.core import validation
from forebygg_desktop.core.errors import NotFoundError, UserError
from forebygg_desktop.core.models import Stamped
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store.records import apply_data, data_fields, to_record
from forebygg_desktop.core.store.unit import Change, UnitOfWork, WriteTransaction


class SimpleRecords[D, R]:
    """Create, correct, delete (tombstone), undo, fetch and list one kind of record.

    Subclasses name the model, the input and record classes, the date column used for
    periods, and implement `check` (raise `ValidationError`s, return warnings).
    """

    model: type[Stamped]
    record_class: type[R]
    kind: str
    date_column: str

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def check(self, tx: WriteTransaction, data: D, row_id: str | None) -> list[UserError]:
        raise NotImplementedError

    def create(self, data: D) -> Change:
        """Save a new record; warnings (not errors) come back on the Change."""
        with self._uow.write() as tx:
            warnings = self.check(tx, data, None)
            row = self.model()
            apply_data(row, data)
            tx.add(row)
            tx.session.flush()
            return Change(self.kind, "created", (row.id,), tuple(warnings))

    def update(self, row_id: str, data: D) -> Change:
        """Correct a record."""
        with self._uow.write() as tx:
            row = tx.get_live(self.model, row_id)
            warnings = self.check(tx, data, row_id)
            apply_data(row, data)
            tx.touch(row)
            return Change(self.kind, "updated", (row_id,), tuple(warnings))

    def delete(self, row_id: str) -> Change:
        """Tombstone a record; `restore` undoes it."""
        return self._set_deleted(row_id, True)

    def restore(self, row_id: str) -> Change:
        return self._set_deleted(row_id, False)

    def get(self, row_id: str) -> R:
        with self._uow.read() as session:
            row = session.get(self.model, row_id)
            if row is None or row.deleted:
                raise NotFoundError()
            return to_record(self.record_class, row)

    def list(self, period: Period | None = None, **equals: Any) -> list[R]:
        """Live records, newest first, optionally within a period and matching columns."""
        column = getattr(self.model, self.date_column)
        # Columns, not ORM objects: a central store's 20,000 rows as mapped objects left
        # 150,000 objects in reference cycles for the screen's cycle collector to walk.
        query = (select(*(getattr(self.model, name) for name in data_fields(self.record_class)))
                 .where(self.model.deleted.is_(False)))
        if period is not None:
            query = query.where(column >= period.start, column <= period.end)
        for name, value in equals.items():
            if value is not None:
                query = query.where(getattr(self.model, name) == value)
        with self._uow.read() as session:
            rows = session.execute(query.order_by(column.desc()))
            return [to_record(self.record_class, r) for r in rows]

    def _set_deleted(self, row_id: str, deleted: bool) -> Change:
        with self._uow.write() as tx:
            row = tx.session.get(self.model, row_id)
            if row is None:
                raise NotFoundError()
            if row.deleted != deleted:
                row.deleted = deleted
                tx.touch(row)
            return Change(self.kind, "deleted" if deleted else "restored", (row_id,))


def not_in_future(day: date) -> bool:
    """Registrations describe what happened: no dates after today."""
    return day <= validation.today()
