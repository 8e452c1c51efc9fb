"""Reading and writing declared settings, and form drafts that survive a crash."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from forebygg_desktop.core.models import Draft, Setting, utc_now
from forebygg_desktop.core.settings import Option
from forebygg_desktop.core.store.unit import Change, UnitOfWork


class SettingsService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def get[T](self, option: Option[T]) -> T:
        with self._uow.read() as session:
            row = session.get(Setting, option.key)
            return option.coerce(row.value if row else None)

    def set[T](self, option: Option[T], value: T) -> Change:
        if value is not None and not isinstance(value, option.kind):
            raise TypeError(f"{option.key} takes {option.kind}, not {type(value)}")
        with self._uow.write() as tx:
            row = tx.session.get(Setting, option.key)
            if row is None:
                tx.session.add(Setting(key=option.key, value=value))
            else:
                row.value = value
        return Change("setting", "updated", (option.key,))


# The payload key under which a form saves the title its draft is offered back by.
DRAFT_TITLE = "_title"


class DraftService:
    """Half-filled forms, saved as the user types, offered back after a crash."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def save(self, form_key: str, payload: dict[str, Any]) -> None:
        with self._uow.write() as tx:
            row = tx.session.get(Draft, form_key)
            if row is None:
                tx.session.add(Draft(form_key=form_key, payload=payload, saved_at=utc_now()))
            else:
                row.payload, row.saved_at = payload, utc_now()

    def load(self, form_key: str) -> dict[str, Any] | None:
        with self._uow.read() as session:
            row = session.get(Draft, form_key)
            return dict(row.payload) if row else None

    def discard(self, form_key: str) -> None:
        with self._uow.write() as tx:
            row = tx.session.get(Draft, form_key)
            if row is not None:
                tx.session.delete(row)

    def pending(self) -> list[str]:
        """Form keys with a saved draft, oldest first."""
        with self._uow.read() as session:
            return list(session.scalars(select(Draft.form_key).order_by(Draft.saved_at)))

    def listed(self) -> list[tuple[str, dict[str, Any]]]:
        """Every draft as (form key, payload), oldest first, in one read."""
        table = Draft.__table__
        with self._uow.read() as session:
            rows = session.execute(select(table.c.form_key, table.c.payload)
                                   .order_by(table.c.saved_at))
            return [(key, dict(payload or {})) for key, payload in rows]
