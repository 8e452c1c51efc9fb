"""Wire values in and out of the store, on SQLite and on a PostgreSQL server alike.

Exchange rows travel as SQLite stores them (`format.py`): dates and times as ISO text,
booleans as 0/1, JSON as text. A SQLite store holds exactly those values, so on SQLite
every function here passes rows through untouched (the import's hot path stays plain
`executemany`). A server's driver returns typed values (date, datetime, bool, parsed JSON)
and wants a real boolean for a boolean column; the conversion lives here and nowhere else.
The SQL the exchange runs is the same on both: `INSERT … ON CONFLICT … DO UPDATE`, and a
look-up by a list of ids is `IN (…)` on SQLite and `= ANY(…)` with one array on a server
(`one_of`) — otherwise only the driver's placeholder differs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Insert, Table
from sqlalchemy.engine import Connection

from forebygg_desktop.core.exchange.format import RecordType

Row = tuple[Any, ...]
# Ids per `IN (…)` list: below every SQLite build's variable limit.
CHUNK = 500


def native(connection: Connection) -> bool:
    """True when the store keeps wire values as they are (SQLite)."""
    return connection.dialect.name == "sqlite"


def marks(connection: Connection, count: int) -> str:
    """`count` positional placeholders in the driver's style."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return ", ".join(mark for _ in range(count))


def mark(connection: Connection) -> str:
    return marks(connection, 1)


def one_of(connection: Connection, column: str, values: Sequence[Any]
           ) -> tuple[str, tuple[Any, ...]]:
    """`column` is one of `values`: the condition and its arguments. On a server, one
    array argument (`= ANY(%s)`): a list of one placeholder per value is a new statement
    for every length, and once the driver prepares it, the server may keep a plan made
    while the table was nearly empty (a full scan per file: an import of 200 files took
    12-19 s instead of 5)."""
    if native(connection):
        return f"{column} IN ({marks(connection, len(values))})", tuple(values)
    return f"{column} = ANY(%s)", (list(values),)


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def from_store(connection: Connection, record_type: RecordType,
               rows: Sequence[Sequence[Any]]) -> list[Row]:
    """Rows as the store's driver returned them, as wire values."""
    if native(connection):
        return [tuple(r) for r in rows]
    kinds = [c.kind for c in record_type.columns]
    return [tuple(_to_wire(kind, value) for kind, value in zip(kinds, row, strict=True))
            for row in rows]


def to_store(connection: Connection, record_type: RecordType, rows: Sequence[Row],
             extra: tuple[Any, ...] = ()) -> list[Row]:
    """Wire rows (plus `extra` trailing values) as the store's driver wants them bound."""
    if native(connection):
        return [(*r, *extra) for r in rows]
    return to_store_plain(record_type, rows, extra)


def to_store_plain(record_type: RecordType, rows: Sequence[Row],
                   extra: tuple[Any, ...] = ()) -> list[Row]:
    """Wire rows with real booleans (what a server's driver binds), whatever the store."""
    booleans = [i for i, c in enumerate(record_type.columns) if c.kind == "boolean"]
    out = []
    for row in rows:
        values = list(row)
        for index in booleans:
            if values[index] is not None:
                values[index] = bool(values[index])
        out.append((*values, *extra))
    return out


def upsert(connection: Connection, model: type[Any], keys: tuple[str, ...],
           updates: tuple[str, ...]) -> Insert:
    """`INSERT … ON CONFLICT (keys) DO UPDATE SET` the `updates` columns to the new values,
    into a model's table: the same statement on SQLite and on a server (SQLAlchemy's
    dialect insert, its types' conversions), built once per database kind."""
    return _upsert(native(connection), model.__table__, keys, updates)


@cache
def _upsert(on_sqlite: bool, table: Table, keys: tuple[str, ...],
            updates: tuple[str, ...]) -> Insert:
    # Only the dialect in use is imported: PostgreSQL's costs ~0.1 s a SQLite import needn't.
    dialect: Any
    if on_sqlite:
        from sqlalchemy.dialects import sqlite as dialect
    else:
        from sqlalchemy.dialects import postgresql as dialect
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(  # type: ignore[no-any-return]
        index_elements=list(keys), set_={c: statement.excluded[c] for c in updates})


def json_value(value: Any) -> Any:
    """A JSON column's value, parsed: SQLite returns the text, a server's driver the value."""
    return json.loads(value) if isinstance(value, str) else value


def _to_wire(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "boolean":
        return int(value)
    if kind == "datetime" and isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="microseconds")
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    if kind == "json" and not isinstance(value, str):
        return json.dumps(value)  # SQLAlchemy's JSON type writes json.dumps' form, too
    return value
