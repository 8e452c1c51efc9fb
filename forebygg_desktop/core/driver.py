"""Hot-path statements run on the driver's own cursor, compiled once per database kind.

SQLAlchemy still does everything that decides what reaches the database: it compiles the
statement to this dialect's SQL, and its types convert every bound value and every read
value (dates, JSON, booleans) exactly as for any other statement. What is skipped is the
execution context SQLAlchemy builds around each statement: about 60–80 µs a statement
against 2–15 µs for the driver, which was most of a save's cost beyond its fsync'd commit
(benchmarks/bench_save_latency.py).

A driver error is raised as SQLAlchemy raises it (its `DBAPIError` subclass, parameters
hidden), and a lost server connection is invalidated as SQLAlchemy does it, so a caller
handles a failure exactly as for any other statement (`UnitOfWork.write`).

A column's Python-side default or onupdate that the caller does not give is computed as
SQLAlchemy computes it (a plain value, or a function of no arguments); one made by SQL is
part of the compiled statement. A statement that would need a default computed from
SQLAlchemy's execution context, or a value rendered at execution time, is refused when it
is first compiled: it cannot silently lose a value.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement, ColumnElement

Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class _Compiled:
    """A statement as one dialect runs it."""

    sql: str
    # Every value the driver is given, in its order: the bound name and its conversion.
    binds: tuple[tuple[str, Processor | None], ...]
    names: tuple[str, ...]  # the names in the SQL (a driver of named values; else a list)
    constants: dict[str, Any]  # values fixed in the statement itself (LIMIT 1, literals)
    defaults: tuple[tuple[str, Callable[[], Any]], ...]  # Python-side defaults not given
    row: type[tuple[Any, ...]] | None  # the row type of what it returns (None: nothing)
    reads: tuple[Processor | None, ...]  # each returned column's conversion


class Result:
    """What a statement returned: its rows (converted) and how many rows it changed."""

    __slots__ = ("_rows", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def first(self) -> Any:
        """The first row (a named tuple), or None."""
        return self._rows[0] if self._rows else None

    def scalar(self) -> Any:
        """The first column of the first row, or None."""
        return self._rows[0][0] if self._rows else None

    def all(self) -> list[Any]:
        """Every row."""
        return self._rows


class DriverStatement:
    """A Core statement run straight on the driver's cursor of a SQLAlchemy connection.

    `keys` (an INSERT or UPDATE): the columns given, as SQLAlchemy's `column_keys`. The
    compiled form is kept per database kind and key set.
    """

    def __init__(self, statement: ClauseElement) -> None:
        self._statement = statement
        self._compiled: dict[tuple[str, frozenset[str] | None], _Compiled] = {}

    def execute(self, connection: Connection, params: Mapping[str, Any],
                keys: Iterable[str] | None = None) -> Result:
        """Run the statement inside `connection`'s transaction."""
        dialect = connection.dialect
        key = (dialect.name, None if keys is None else frozenset(keys))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = _compile(self._statement, dialect, key[1])
        values = {**compiled.constants, **params,
                  **{name: make() for name, make in compiled.defaults}} \
            if compiled.constants or compiled.defaults else params
        converted = []
        for name, convert in compiled.binds:
            value = values[name]
            converted.append(value if convert is None else convert(value))
        arguments: Any = dict(zip(compiled.names, converted, strict=True)) \
            if compiled.names else converted
        return _run(connection, compiled.sql, arguments, compiled.row, compiled.reads)


def connection_of(session: Session | Connection) -> Connection:
    """The connection a statement on the driver runs on: `session`'s own, when a session."""
    return session if isinstance(session, Connection) else session.connection()


def plain_rows(connection: Connection, sql: str, arguments: Any = ()) -> list[Any]:
    """Plain SQL (in the driver's own dialect and placeholders) run in `connection`'s
    transaction on the driver's cursor: its rows as the driver gives them, unconverted —
    what `exec_driver_sql` gives, without its execution context. Errors as `_run` raises
    them."""
    return _run(connection, sql, arguments, None, ()).all()


def _run(connection: Connection, sql: str, arguments: Any,
         row: type[tuple[Any, ...]] | None, reads: tuple[Processor | None, ...]) -> Result:
    """Run driver SQL in `connection`'s transaction, with SQLAlchemy's error handling.

    Rows, when the statement returns any, come as `row` with each column converted by
    `reads` (plain tuples when no row type is given).
    """
    raw = connection.connection
    cursor = raw.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, arguments)
        rows: list[Any] = []
        if cursor.description is not None:
            fetched = list(cursor.fetchall())
            rows = fetched if row is None else [
                row(*(value if convert is None else convert(value)
                      for value, convert in zip(values, reads, strict=True)))
                for values in fetched]
        return Result(rows, cursor.rowcount)
    except connection.dialect.loaded_dbapi.Error as error:
        raise _wrapped(connection, sql, error, cursor) from error
    finally:
        cursor.close()


def _wrapped(connection: Connection, sql: str, error: Any, cursor: Any) -> BaseException:
    """The error SQLAlchemy would raise for this driver error (a lost server invalidated)."""
    dialect = connection.dialect
    lost = dialect.is_disconnect(error, connection.connection, cursor)
    if lost:
        connection.invalidate(error)
    wrapped: BaseException = DBAPIError.instance(
        sql, None, error, dialect.loaded_dbapi.Error, hide_parameters=True,
        connection_invalidated=lost, dialect=dialect)
    return wrapped


def _compile(statement: ClauseElement, dialect: Dialect,
             keys: frozenset[str] | None) -> _Compiled:
    compiled: Any = statement.compile(dialect=dialect,
                                      column_keys=None if keys is None else sorted(keys))
    defaults = tuple((column.key, _default(column, column.default if column in
                                           compiled.insert_prefetch else column.onupdate))
                     for column in (*compiled.insert_prefetch, *compiled.update_prefetch))
    sql = compiled.string
    if "POSTCOMPILE" in sql:
        raise ValueError(f"a statement run on the driver cannot expand values: {statement}")
    convert = {name: bind.type.dialect_impl(dialect).bind_processor(dialect)
               for bind, name in compiled.bind_names.items()}
    order = tuple(compiled.positiontup) if dialect.positional else tuple(convert)
    binds = tuple((name, convert[name]) for name in order)
    escaped = getattr(compiled, "escaped_bind_names", None) or {}
    names = () if dialect.positional else tuple(escaped.get(name, name) for name in order)
    constants = {name: bind.effective_value for bind, name in compiled.bind_names.items()
                 if not bind.required}
    # What it returns (a SELECT's columns, an INSERT's or UPDATE's RETURNING), as named rows.
    columns: list[ColumnElement[Any]] = list(getattr(statement, "exported_columns", ()))
    row = namedtuple("Row", [str(c.key) for c in columns], rename=True) \
        if columns else None
    reads = tuple(c.type.dialect_impl(dialect).result_processor(dialect, None)
                  for c in columns)
    return _Compiled(sql, binds, names, constants, defaults, row, reads)


def _default(column: Any, default: Any) -> Callable[[], Any]:
    """A column's Python-side default as SQLAlchemy would compute it for a missing value.

    A plain value or a function of no arguments (SQLAlchemy wraps one to take the
    execution context, which it ignores). A function of the execution context is refused.
    (A default made by SQL is not computed here: SQLAlchemy writes it into the statement.)
    """
    if default is not None and default.is_scalar:
        value = default.arg
        return lambda: value
    if default is not None and default.is_callable and hasattr(default.arg, "__wrapped__"):
        arg = default.arg  # SQLAlchemy's wrapper of a function of no arguments
        return lambda: arg(None)
    raise ValueError(f"a statement run on the driver must be given {column}: "
                     "its default is not a plain value or function")
