"""Building a data package: the changed rows of this store as a small SQLite file.

The data member is a SQLite database (built with sqlite-utils, one table per record type,
values stored exactly as the store holds them) so an analyst can open it with any SQLite
tool, and a reader gets typed values (an empty count stays NULL, a zero stays 0).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.engine import Connection

from forebygg_desktop import __version__
from forebygg_desktop.core.device_keys import DeviceKey
from forebygg_desktop.core.exchange import wire
from forebygg_desktop.core.exchange.container import build_zip
from forebygg_desktop.core.exchange.format import (
    DATA_MEMBER,
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_DATA,
    RecordType,
    record_types,
    sqlite_type,
)
from forebygg_desktop.core.exchange.seal import seal

# Date columns that place a row in time (for the manifest's "period covered").
PERIOD_COLUMNS = {"group_series": "planned_start", "meeting": "held_on",
                  "open_meeting": "held_on", "advice_talk": "first_talk_on",
                  "evaluation_response": "answered_on"}
# Rows that point at a parent which must travel with them (any import order then works).
PARENTS = {"meeting": ("series_id", "group_series"),
           "research_count": ("series_id", "group_series")}


@dataclass(frozen=True)
class DataExport:
    """The bytes of a data package and what it holds."""

    content: bytes
    manifest: dict[str, Any]

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.manifest["counts"])


def select_sql(record_type: RecordType) -> str:
    """The columns as they travel; unreviewed free text never leaves the laptop."""
    parts = []
    for name in record_type.names:
        if record_type.name == "evaluation_response" and name == "free_text":
            parts.append("CASE WHEN free_text_status = 'reviewed' THEN free_text END")
        else:
            parts.append(f'"{name}"')
    return f'SELECT {", ".join(parts)} FROM "{record_type.name}"'


def collect_rows(connection: Connection, since: int | None,
                 upto: int) -> dict[str, list[tuple[Any, ...]]]:
    """Rows changed in (since, upto] (every row up to `upto` when `since` is None).

    A meeting travels with its group series even when the series did not change, so each
    file can be imported on its own, in any order.
    """
    rows: dict[str, list[tuple[Any, ...]]] = {}
    types = record_types()
    mark = wire.mark(connection)
    for name, record_type in types.items():
        where = f" WHERE local_seq <= {mark}" + ("" if since is None else
                                                 f" AND local_seq > {mark}")
        params = (upto,) if since is None else (upto, since)
        rows[name] = wire.from_store(connection, record_type, connection.exec_driver_sql(
            select_sql(record_type) + where, params).all())
    for child, (column, parent) in PARENTS.items():
        have = {r[0] for r in rows[parent]}
        index = types[child].index(column)
        wanted = sorted({r[index] for r in rows[child]} - have)
        for part in wire.chunks(wanted):
            sql = select_sql(types[parent]) + f" WHERE id IN ({wire.marks(connection, len(part))})"
            rows[parent] += wire.from_store(connection, types[parent], connection.exec_driver_sql(
                sql, tuple(part)).all())
    return rows


def build_data_file(rows: dict[str, list[tuple[Any, ...]]]) -> bytes:
    """A self-contained SQLite file with one table per record type (all present)."""
    import sqlite_utils  # imported late: ≈ 0.1 s, needed only when exporting

    connection = sqlite3.connect(":memory:")
    try:
        database = sqlite_utils.Database(connection)
        for name, record_type in record_types().items():
            database[name].create(  # type: ignore[union-attr]
                {c.name: {"INTEGER": int}.get(sqlite_type(c), str)
                 for c in record_type.columns},
                pk="id",
                not_null={c.name for c in record_type.columns if not c.nullable})
            marks = ", ".join("?" for _ in record_type.names)
            columns = ", ".join(f'"{c}"' for c in record_type.names)
            connection.executemany(f'INSERT INTO "{name}" ({columns}) VALUES ({marks})',
                                   rows.get(name, []))
        connection.commit()
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()


def period_covered(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, str] | None:
    """First and last day any exported row is about (None for a file without dated rows)."""
    types = record_types()
    days: list[str] = []
    for name, column in PERIOD_COLUMNS.items():
        index = types[name].index(column)
        days += [r[index] for r in rows.get(name, []) if r[index]]
    year, quarter = types["digital_use"].index("year"), types["digital_use"].index("quarter")
    for r in rows.get("digital_use", []):
        days.append(date(r[year], 3 * r[quarter] - 2, 1).isoformat())
    return {"first": min(days), "last": max(days)} if days else None


def build_data_package(rows: dict[str, list[tuple[Any, ...]]], *, department: str,
                       device_id: str, device_name: str, sequence: int, full: bool,
                       since: int, upto: int, signer: DeviceKey,
                       recipient: bytes) -> DataExport:
    """The complete package: the data file sealed to the department's key (`recipient`),
    and the manifest (with member checksums) signed by this store's key."""
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "kind": KIND_DATA,
        "department": department, "device_id": device_id, "device_name": device_name,
        "sequence": sequence, "full": full, "since_local_seq": since, "upto_local_seq": upto,
        "period": period_covered(rows),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "program_version": __version__,
        "counts": {name: len(rows.get(name, ())) for name in record_types()},
        "signature": None, "encryption": None,
    }
    sealed, manifest["encryption"] = seal(build_data_file(rows), recipient, DATA_MEMBER)
    content = build_zip(manifest, {DATA_MEMBER: sealed}, signer)
    manifest["members"] = {}
    return DataExport(content=content, manifest=manifest)


def count_rows(rows: dict[str, Sequence[object]]) -> int:
    return sum(len(v) for v in rows.values())
