"""The merge rule: which version of a record a store keeps, whatever the import order.

For one record id, versions are ordered by the key (version, time, device_id), where time
is `updated_at` (evaluation answers: `answered_on`); when two different versions share the
whole key, the one whose canonical JSON is greater wins. That is a total order, so the
store keeps the greatest version it has seen: importing files in any order, any number of
times, ends in the same state. Two versions with the same `version` number and different
content were edited independently from a common version: the loser is kept for review as
a `SyncConflict`. See docs/exchange-format.md, "Merge rule".
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from forebygg_desktop.core.exchange import wire
from forebygg_desktop.core.exchange.format import META_COLUMNS, RecordType, record_types
from forebygg_desktop.core.exchange.reader import DataPackage, Rejected
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import utc_now

CONFLICT_NAMESPACE = uuid.UUID("6f1c2a8e-4f9b-5d0c-9a51-7a3e2b1c0d4f")
UNKNOWN_CODE = N_("“{field}” is {code}, which this store's catalogue does not know. Update "
                  "the catalogue, then import the file again.")
MISSING_PARENT = N_("It belongs to a group series that is neither in the file nor in this "
                    "store.")

Row = tuple[Any, ...]


@dataclass
class TypeCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class Conflict:
    """Two versions of one record edited independently; `winner` is kept in the table."""

    record_type: str
    record_id: str
    winner: dict[str, Any]
    loser: dict[str, Any]

    @property
    def id(self) -> str:
        digest = hashlib.sha256(json.dumps([self.winner, self.loser], sort_keys=True,
                                           default=str).encode()).hexdigest()
        return str(uuid.uuid5(CONFLICT_NAMESPACE, f"{self.record_type}:{self.record_id}:"
                                                  f"{digest}"))


@dataclass
class MergePlan:
    """What importing one package would do (the dry run) and the rows to write."""

    counts: dict[str, TypeCounts] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    writes: dict[str, list[Row]] = field(default_factory=dict)

    def total(self, category: str) -> int:
        return sum(getattr(c, category) for c in self.counts.values())


def wins(record_type: RecordType, incoming: Row, stored: Row) -> bool:
    """True when `incoming` is greater than `stored` in the merge order."""
    a, b = sort_key(record_type, incoming), sort_key(record_type, stored)
    if a != b:
        return a > b
    return canonical(record_type, incoming) > canonical(record_type, stored)


def sort_key(record_type: RecordType, row: Row) -> tuple[int, str, str]:
    return (row[record_type.index("version")], row[record_type.index(record_type.time_column)],
            row[record_type.index("device_id")])


def canonical(record_type: RecordType, row: Row) -> str:
    return json.dumps(dict(zip(record_type.names, row, strict=True)), sort_keys=True)


def content(record_type: RecordType, row: Row) -> Row:
    """What a row says, without who changed it last and when."""
    return tuple(v for n, v in zip(record_type.names, row, strict=True) if n not in META_COLUMNS)


def plan_merge(connection: Connection, package: DataPackage) -> MergePlan:
    """Classify every row of a checked package against the store (reads only)."""
    plan = MergePlan(rejected=list(package.rejected))
    for rejected in package.rejected:
        plan.counts.setdefault(rejected.record_type, TypeCounts()).rejected += 1
    codes = _catalogue_codes(connection)
    accepted_ids: dict[str, set[str]] = {}
    for name, record_type in record_types().items():
        counts = plan.counts.setdefault(name, TypeCounts())
        rows = _check_references(connection, record_type, package.rows.get(name, []), codes,
                                 accepted_ids, plan, counts)
        accepted_ids[name] = {r[0] for r in rows}
        stored = _stored_rows(connection, record_type, [r[0] for r in rows])
        writes = plan.writes.setdefault(name, [])
        version = record_type.index("version")
        for row in rows:
            old = stored.get(row[0])
            if old is None:
                counts.new += 1
                writes.append(row)
                continue
            if row == old:
                counts.unchanged += 1
                continue
            incoming_wins = wins(record_type, row, old)
            if incoming_wins:
                counts.updated += 1
                writes.append(row)
            else:
                counts.unchanged += 1
            if row[version] == old[version] and \
                    content(record_type, row) != content(record_type, old):
                counts.conflicts += 1
                winner, loser = (row, old) if incoming_wins else (old, row)
                plan.conflicts.append(Conflict(
                    name, row[0], dict(zip(record_type.names, winner, strict=True)),
                    dict(zip(record_type.names, loser, strict=True))))
    return plan


def apply_plan(connection: Connection, plan: MergePlan, local_seq: int) -> None:
    """Write a plan inside the caller's transaction (upsert by id; conflicts kept once)."""
    for name, record_type in record_types().items():
        rows = plan.writes.get(name)
        if not rows:
            continue
        columns = [*record_type.names, "local_seq"]
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
        quoted = ", ".join(f'"{c}"' for c in columns)
        sql = (f'INSERT INTO "{name}" ({quoted}) VALUES ({wire.marks(connection, len(columns))})'
               f" ON CONFLICT(id) DO UPDATE SET {updates}")
        connection.exec_driver_sql(sql, wire.to_store(connection, record_type, rows,
                                                      (local_seq,)))
    if plan.conflicts:
        now = utc_now().isoformat(sep=" ", timespec="microseconds")
        connection.exec_driver_sql(
            "INSERT INTO sync_conflict (id, record_type, record_id, winner, loser,"
            f" detected_at, reviewed) VALUES ({wire.marks(connection, 7)})"
            " ON CONFLICT(id) DO NOTHING",
            [(c.id, c.record_type, c.record_id, json.dumps(c.winner), json.dumps(c.loser), now,
              False) for c in plan.conflicts])


def _catalogue_codes(connection: Connection) -> dict[str, set[str]]:
    return {table: {r[0] for r in connection.exec_driver_sql(f'SELECT code FROM "{table}"')}
            for table in ("program", "locality", "language", "theme")}


def _check_references(connection: Connection, record_type: RecordType, rows: list[Row],
                      codes: dict[str, set[str]], accepted_ids: dict[str, set[str]],
                      plan: MergePlan, counts: TypeCounts) -> list[Row]:
    """Rows whose references resolve; the others are rejected with the reason."""
    checks: list[tuple[int, str, set[str]]] = []
    for index, column in enumerate(record_type.columns):
        if column.references is None:
            continue
        table = column.references.split(".")[0]
        if table in codes:
            allowed = codes[table]
        else:  # a travelling parent: accepted from this file or already in the store
            known = accepted_ids.get(table, set())
            wanted = sorted({r[index] for r in rows if r[index] is not None} - known)
            allowed = known | set(_stored_rows(connection, record_types()[table], wanted))
        checks.append((index, column.name, allowed))
    if not checks:
        return rows
    good: list[Row] = []
    for row in rows:
        reason = next(((name, row[index]) for index, name, allowed in checks
                       if row[index] is not None and row[index] not in allowed), None)
        if reason is None:
            good.append(row)
            continue
        name, code = reason
        counts.rejected += 1
        if name == "series_id":
            plan.rejected.append(Rejected(record_type.name, row[0], MISSING_PARENT))
        else:
            plan.rejected.append(Rejected(record_type.name, row[0], UNKNOWN_CODE,
                                          {"field": name, "code": str(code)}))
    return good


def _stored_rows(connection: Connection, record_type: RecordType,
                 ids: list[str]) -> dict[str, Row]:
    """The stored versions of these ids, as wire values."""
    columns = ", ".join(f'"{n}"' for n in record_type.names)
    out: dict[str, Row] = {}
    for part in wire.chunks(ids):
        result = connection.exec_driver_sql(
            f'SELECT {columns} FROM "{record_type.name}" WHERE id IN '
            f"({wire.marks(connection, len(part))})", tuple(part))
        out.update((r[0], r) for r in wire.from_store(connection, record_type, result.all()))
    return out
