"""Reading a data package: container checks, then the data file, then every value.

File-level faults (wrong tables, counts that differ from the manifest, a damaged data file)
refuse the whole file. A single row whose value breaks the format is rejected with a
reason and the rest can still be imported. Value checks run as SQL inside the package's
own in-memory database: fast, and nothing is extracted to disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.container import RawPackage
from forebygg_desktop.core.exchange.format import (
    CLOCK_COLUMN,
    DATA_MEMBER,
    JSON_STORABLE,
    KIND_CONFIG,
    MAX_ROWS,
    UNSIGNED_FORMAT_VERSION,
    RecordType,
    WireColumn,
    invalid_value_sql,
    json_storable,
    record_types,
)
from forebygg_desktop.core.i18n import N_, _


@dataclass(frozen=True)
class Rejected:
    """One row that will not be imported, with the reason (translated when shown).

    Its id and the values its reason names come from the file, whatever they hold: they
    are kept as they can be shown and stored (`shown`)."""

    record_type: str
    record_id: str | None
    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.record_id is not None:
            object.__setattr__(self, "record_id", shown(self.record_id))
        object.__setattr__(self, "params", {
            k: shown(v) if isinstance(v, str) else v for k, v in self.params.items()})

    def message(self) -> str:
        text = _(self.msgid)
        return text.format(**self.params) if self.params else text

    def to_json(self) -> dict[str, Any]:
        return {"record_type": self.record_type, "record_id": self.record_id,
                "msgid": self.msgid, "params": self.params}


SHOWN_LENGTH = 80


def shown(text: str) -> str:
    """A text from a file as a message may show it and a store keep it: what is not
    printable (a control character, a lone surrogate, a direction override) becomes
    U+FFFD, and a long text is cut at `SHOWN_LENGTH` characters."""
    cut = text[:SHOWN_LENGTH] + ("…" if len(text) > SHOWN_LENGTH else "")
    return cut if cut.isprintable() else "".join(c if c.isprintable() else "\ufffd"
                                                 for c in cut)


BAD_VALUE = N_("The value of “{field}” does not follow the exchange format.")


@dataclass
class DataPackage:
    """A checked data package: its manifest and the rows whose values follow the format."""

    raw: RawPackage
    rows: dict[str, list[tuple[Any, ...]]]
    rejected: list[Rejected]

    @property
    def manifest(self) -> dict[str, Any]:
        return self.raw.manifest


def check_data_kind(raw: RawPackage, department: str) -> None:
    """Refuse a configuration package or another department's file."""
    if raw.manifest["kind"] == KIND_CONFIG:
        raise errors.WrongKindError(name=raw.name)
    if raw.manifest["department"] != department:
        raise errors.OtherDepartmentError(name=raw.name, department=raw.manifest["department"],
                                          ours=department)
    if DATA_MEMBER not in raw.members:
        raise errors.DamagedPackageError(name=raw.name, detail=f"{DATA_MEMBER} missing")


def open_data_package(raw: RawPackage, pause: Callable[[], None] = lambda: None
                      ) -> DataPackage:
    """Load the data file into memory and check tables, counts and every value (`pause`
    is called between steps: `ahead.py`)."""
    rows_declared = sum(raw.manifest["counts"].values())
    if rows_declared > MAX_ROWS:  # refused before the data file is even opened
        raise errors.SuspiciousPackageError(name=raw.name, detail=f"{rows_declared} rows")
    connection = sqlite3.connect(":memory:")
    try:
        try:
            connection.deserialize(raw.members[DATA_MEMBER])
            connection.execute("PRAGMA trusted_schema=OFF")
            connection.create_function(JSON_STORABLE, 1, json_storable, deterministic=True)
            pause()
            check = connection.execute("PRAGMA quick_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise errors.DamagedPackageError(name=raw.name, detail="data file unreadable") \
                from error
        if not check or check[0] != "ok":
            raise errors.DamagedPackageError(name=raw.name, detail="data file damaged")
        pause()
        _check_tables(connection, raw)
        if raw.manifest["format_version"] == UNSIGNED_FORMAT_VERSION:
            _add_clocks(connection)
        rows: dict[str, list[tuple[Any, ...]]] = {}
        rejected: list[Rejected] = []
        for name, record_type in record_types().items():
            if not raw.manifest["counts"][name]:  # checked equal to the table's row count
                rows[name] = []
                continue
            pause()
            good, bad = _read_table(connection, record_type)
            rows[name] = good
            rejected += bad
        return DataPackage(raw=raw, rows=rows, rejected=rejected)
    finally:
        connection.close()


def _check_tables(connection: sqlite3.Connection, raw: RawPackage) -> None:
    def damaged(detail: str) -> errors.DamagedPackageError:
        return errors.DamagedPackageError(name=raw.name, detail=detail)

    def names(sql: str) -> list[Any]:
        try:
            return connection.execute(sql).fetchall()
        except sqlite3.OperationalError as error:  # a name that is not UTF-8
            raise damaged("names not readable") from error

    objects = dict(names(
        "SELECT name, type FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        " AND type IN ('table', 'view', 'trigger')"))
    types = record_types()
    if set(objects) != set(types) or any(kind != "table" for kind in objects.values()):
        raise damaged("unexpected tables")
    if set(raw.manifest["counts"]) != set(types):
        raise damaged("manifest counts")
    old = raw.manifest["format_version"] == UNSIGNED_FORMAT_VERSION
    # Two statements for all tables (their names known to be ours by now): every column,
    # then, once every table has its columns, each one's count of rows and of distinct ids.
    columns: dict[str, set[str]] = {name: set() for name in types}
    for table, column in names(
            "SELECT m.name, p.name FROM sqlite_master AS m, pragma_table_info(m.name) AS p"
            " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"):
        columns[table].add(column)
    for name, record_type in types.items():
        if columns[name] != set(record_type.names) - ({CLOCK_COLUMN} if old else set()):
            raise damaged(f"columns of {name}")
    for name, total, distinct in connection.execute(" UNION ALL ".join(
            f"SELECT '{table}', count(*), count(DISTINCT id) FROM \"{table}\"" for table in types)):
        if total != raw.manifest["counts"][name]:
            raise damaged(f"count of {name}")
        if distinct != total:
            raise damaged(f"repeated ids in {name}")


def _add_clocks(connection: sqlite3.Connection) -> None:
    """Version-1 rows have no version vector: {device of the last change: version} is what
    that format knew (the same text the migration to format 2 wrote into stores)."""
    for name in record_types():
        connection.execute(f'ALTER TABLE "{name}" ADD COLUMN {CLOCK_COLUMN} TEXT')
        connection.execute(
            f"""UPDATE "{name}" SET {CLOCK_COLUMN} = '{{"' || device_id || '": ' || version """
            "|| '}' WHERE typeof(device_id) = 'text' AND typeof(version) = 'integer'")


def _read_table(connection: sqlite3.Connection,
                record_type: RecordType) -> tuple[list[tuple[Any, ...]], list[Rejected]]:
    """The rows whose every value follows the format, and a reason for each other row.

    Every rule is first asked of the whole table in one statement ("does any row break
    one?"): SQLite evaluates them all without handing a row to Python, and holds no Python
    lock meanwhile (an import prepares the next file while it writes this one). A table no
    row of which breaks a rule — nearly every table — is then read as it is. Otherwise one
    pass reads each row with the name of its first bad column (NULL when none).

    A text SQLite holds is not always UTF-8 (no rule in SQL can tell): when reading fails
    on one, the table is read again with each text decoded here, and a row with a text
    that is not UTF-8 is rejected, naming that column."""
    table = f'"{record_type.name}"'
    conditions = [(c.name, invalid_value_sql(c)) for c in record_type.columns
                  if c.name != CLOCK_COLUMN or _any_bad_clock(connection, table, c)]
    columns = ", ".join(f'"{n}"' for n in record_type.names)
    broken = " OR ".join(condition for _name, condition in conditions)
    which = " ".join(f"WHEN {condition} THEN '{name}'" for name, condition in conditions)
    checked = f"SELECT {columns}, CASE {which} END FROM {table}"
    try:
        if connection.execute(f"SELECT 1 FROM {table} WHERE {broken} LIMIT 1"
                              ).fetchone() is None:
            return connection.execute(f"SELECT {columns} FROM {table}").fetchall(), []
        return _sorted(record_type, connection.execute(checked))
    except sqlite3.OperationalError:  # a text that is not UTF-8
        connection.text_factory = _text
        try:
            return _sorted(record_type, connection.execute(checked), decoded_here=True)
        finally:
            connection.text_factory = str


def _sorted(record_type: RecordType, cursor: sqlite3.Cursor, decoded_here: bool = False
            ) -> tuple[list[tuple[Any, ...]], list[Rejected]]:
    """Rows read with the name of their first bad column (`_read_table`): the good rows,
    and a rejection for each other row (`decoded_here`: also for a text not UTF-8)."""
    good: list[tuple[Any, ...]] = []
    bad: list[Rejected] = []
    for row in cursor:
        column = row[-1]
        if column is None and decoded_here:
            column = next((name for name, value in zip(record_type.names, row, strict=False)
                           if value is NOT_UTF8), None)
        if column is None:
            good.append(row[:-1])
        else:
            row_id = row[0]
            bad.append(Rejected(record_type.name,
                                str(row_id) if isinstance(row_id, str | int) else None,
                                BAD_VALUE, {"field": column}))
    return good, bad


class _NotUtf8:
    """A text of the data file that is not UTF-8 (`_text`)."""

    def __repr__(self) -> str:
        return "NOT_UTF8"


NOT_UTF8 = _NotUtf8()


def _text(value: bytes) -> str | _NotUtf8:
    """A text as Python reads it, or `NOT_UTF8` where it would fail."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return NOT_UTF8


def _any_bad_clock(connection: sqlite3.Connection, table: str, column: WireColumn) -> bool:
    """Does any row's clock break the format? Its rule depends on the clock and the row's
    device only, and a file's rows share a few such pairs: each distinct pair is checked
    once here, and when none is bad the per-row pass leaves the rule out (it is the
    costliest: three look-ups into the clock's JSON)."""
    return connection.execute(
        f'SELECT 1 FROM (SELECT DISTINCT "{column.name}", "device_id" FROM {table})'
        f" WHERE {invalid_value_sql(column)} LIMIT 1").fetchone() is not None
