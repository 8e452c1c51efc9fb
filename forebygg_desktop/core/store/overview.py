"""`store.overview`: the start page's figures, through the Store's own connection.

The SQL lives in `core/overview.py` (one implementation, shared with the start-up glance);
this service only runs it on the driver connection of a read session.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from forebygg_desktop.core.overview import (
    AttentionItem,
    QuarterOverview,
    SqlConnection,
    attention_items,
    quarter_overview,
)
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store.unit import UnitOfWork

__all__ = ["AttentionItem", "OverviewService", "QuarterOverview"]


class OverviewService:
    """Read-only figures for the start page."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def quarter(self, period: Period | None = None, today: date | None = None) -> QuarterOverview:
        """Figures for `period` (default: the quarter of `today`) and today's attention list."""
        today = today or date.today()
        period = period or Period.quarter_of(today)
        with self._uow.read() as session:
            return quarter_overview(_driver_connection(session), period, today)

    def attention(self, today: date | None = None) -> tuple[AttentionItem, ...]:
        """Series that need attention today, the longest overdue first."""
        with self._uow.read() as session:
            return attention_items(_driver_connection(session), today or date.today())


def _driver_connection(session: Session) -> SqlConnection:
    """The pysqlite connection of a read session, inside the session's transaction.

    `session.connection()` begins the transaction (the engine emits BEGIN), so every
    statement sees one snapshot; the session rolls it back when it closes. On a server the
    same SQL runs through SQLAlchemy (`text`), in the read session's snapshot.
    """
    connection = session.connection()
    raw = connection.connection.driver_connection
    if isinstance(raw, sqlite3.Connection):
        return raw
    return _TextConnection(connection)


class _TextConnection:
    """`execute(sql, params)` of the overview's SQL on any SQLAlchemy connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def execute(self, sql: str, parameters: Any = None, /) -> Any:
        return self._connection.execute(text(sql), parameters or {})
