"""The merge rule: which version of a record a store keeps, and which edits conflict.

Every version carries a version vector (`clock`, {device id: edits made there}) that says
which edits it has seen. Two versions of one record where neither clock covers the other
were edited independently: that is a **conflict**, found whatever their edit counts and
whatever order files arrive in, and listed for review. Which version's content the store
keeps is the greatest by the tie key — for rows with a time stamp (`updated_at`, a hybrid
logical clock: an edit is always later than the version it was made on) the time, then
device id, then canonical JSON; for evaluation answers (no time of day) the change counter
(a Lamport clock), answer date, device id, canonical JSON — and the kept row's clock is the
union of both clocks. Both are order-free, so every import order ends in the same state.

The central store keeps, per record, the versions no other version has superseded while
there are two or more (`sync_frontier`): a version arriving later is compared with each of
them, so every pair of independent edits is listed, not only the pair that met first.
See docs/exchange-format.md, "Merge rule".
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Connection

from forebygg_desktop.core.driver import plain_rows
from forebygg_desktop.core.exchange import wire
from forebygg_desktop.core.exchange.format import (
    CLOCK_COLUMN,
    META_COLUMNS,
    RecordType,
    record_types,
)
from forebygg_desktop.core.exchange.reader import DataPackage, Rejected
from forebygg_desktop.core.exchange.validation import RegistrationChecks
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
    # record type → id → versions still concurrent ([] once one supersedes the others)
    frontiers: dict[str, dict[str, list[Row]]] = field(default_factory=dict)

    def total(self, category: str) -> int:
        return sum(getattr(c, category) for c in self.counts.values())


def clock_of(record_type: RecordType, row: Row) -> dict[str, int]:
    value = row[record_type.index(CLOCK_COLUMN)]
    if isinstance(value, str):
        return dict(_parsed_clock(value))
    return {str(k): int(v) for k, v in dict(value or {}).items()}


@lru_cache(maxsize=8192)
def _parsed_clock(text: str) -> tuple[tuple[str, int], ...]:
    """A clock's text parsed (many rows of a file share one clock: parsed once)."""
    return tuple((str(k), int(v)) for k, v in json.loads(text).items())


def clock_text(clock: dict[str, int]) -> str:
    """The one text form of a clock (what the ORM writes for a sorted dict)."""
    return json.dumps(dict(sorted(clock.items())))


@lru_cache(maxsize=8192)
def _canonical_clock(text: str) -> str:
    return clock_text(dict(_parsed_clock(text)))


def normalised(record_type: RecordType, row: Row) -> Row:
    """The row with its clock in the one text form, so equal rows compare equal."""
    index = record_type.index(CLOCK_COLUMN)
    value = row[index]
    text = _canonical_clock(value) if isinstance(value, str) \
        else clock_text(clock_of(record_type, row))
    if text == value:
        return row
    return (*row[:index], text, *row[index + 1:])


def _normalised_rows(record_type: RecordType, rows: list[Row]) -> list[Row]:
    """`normalised` over a package's rows: its rows share a few clock texts, so each
    distinct text is put in the one form once, and rows already in it are kept as they are."""
    index = record_type.index(CLOCK_COLUMN)
    try:
        texts = {r[index] for r in rows}
    except TypeError:  # a clock that is not text (a parsed value): row by row
        return [normalised(record_type, r) for r in rows]
    if all(isinstance(t, str) and _canonical_clock(t) == t for t in texts):
        return rows
    return [normalised(record_type, r) for r in rows]


def covers(big: dict[str, int], small: dict[str, int]) -> bool:
    """True when a version with clock `big` has seen every edit `small` has seen."""
    return all(big.get(device, 0) >= count for device, count in small.items())


def joined(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in a.keys() | b.keys()}


def identity(record_type: RecordType, row: Row) -> Row:
    """One edit, whatever it has been merged with since: the row without its clock."""
    index = record_type.index(CLOCK_COLUMN)
    return (*row[:index], *row[index + 1:])


def supersedes(record_type: RecordType, a: Row, b: Row) -> bool:
    """`a` was made knowing `b` (or is the same edit): no conflict between them."""
    ca, cb = clock_of(record_type, a), clock_of(record_type, b)
    if not covers(ca, cb):
        return False
    return ca != cb or identity(record_type, a) == identity(record_type, b)


def concurrent(record_type: RecordType, a: Row, b: Row) -> bool:
    """Edited independently (neither saw the other) and saying different things."""
    return (not supersedes(record_type, a, b) and not supersedes(record_type, b, a)
            and content(record_type, a) != content(record_type, b))


def wins(record_type: RecordType, incoming: Row, stored: Row) -> bool:
    """True when `incoming`'s content is kept over `stored`'s (a total order)."""
    return tie_key(record_type, incoming) > tie_key(record_type, stored)


def tie_key(record_type: RecordType, row: Row) -> tuple[Any, ...]:
    device = row[record_type.index("device_id")]
    text = canonical(record_type, row)
    if record_type.time_column == "updated_at":
        return (row[record_type.index("updated_at")], device, text)
    return (row[record_type.index("version")], row[record_type.index(record_type.time_column)],
            device, text)


def merged(record_type: RecordType, stored: Row, incoming: Row) -> Row:
    """The kept row: the winner's content with both clocks joined."""
    winner = incoming if wins(record_type, incoming, stored) else stored
    index = record_type.index(CLOCK_COLUMN)
    clock = joined(clock_of(record_type, stored), clock_of(record_type, incoming))
    return (*winner[:index], clock_text(clock), *winner[index + 1:])


def canonical(record_type: RecordType, row: Row) -> str:
    """The row's content and stamps as JSON (the clock left out: it grows by merging)."""
    return json.dumps({n: v for n, v in zip(record_type.names, row, strict=True)
                       if n != CLOCK_COLUMN}, sort_keys=True)


def content(record_type: RecordType, row: Row) -> Row:
    """What a row says, without who changed it last, when, and what it had seen."""
    return tuple(v for n, v in zip(record_type.names, row, strict=True) if n not in META_COLUMNS)


def frontier(record_type: RecordType, stored: Row, saved: list[Row] | None) -> list[Row]:
    """The versions of a record not superseded by another seen here.

    Without a saved frontier that is the stored row. A saved one no longer holds when the
    stored row was edited here since (its clock has an edit the saved versions lack).
    """
    if not saved:
        return [stored]
    union: dict[str, int] = {}
    for version in saved:
        union = joined(union, clock_of(record_type, version))
    if covers(union, clock_of(record_type, stored)):
        return saved
    return [v for v in saved if not supersedes(record_type, stored, v)] + [stored]


def plan_merge(connection: Connection, package: DataPackage) -> MergePlan:
    """Classify every row of a checked package against the store (reads only)."""
    plan = MergePlan(rejected=list(package.rejected))
    for rejected in package.rejected:
        plan.counts.setdefault(rejected.record_type, TypeCounts()).rejected += 1
    accepted_ids: dict[str, set[str]] = {}
    series_rows = {r[0]: r for r in package.rows.get("group_series", [])}
    with RegistrationChecks(connection, series_rows) as checks:
        codes = checks.codes()  # one read of the catalogue for references and checks
        for name, record_type in record_types().items():
            _plan_type(connection, package, plan, checks, codes, accepted_ids, name,
                       record_type)
    return plan


def _plan_type(connection: Connection, package: DataPackage, plan: MergePlan,
               checks: RegistrationChecks, codes: dict[str, set[str]],
               accepted_ids: dict[str, set[str]], name: str, record_type: RecordType) -> None:
    """Classify the rows of one record type (`plan_merge`)."""
    counts = plan.counts.setdefault(name, TypeCounts())
    rows = _check_references(connection, record_type, package.rows.get(name, []), codes,
                             accepted_ids, plan, counts)
    refused = checks.errors(record_type, rows)
    for row_id, error in refused.items():  # the Store's own rule and reason
        counts.rejected += 1
        plan.rejected.append(Rejected(name, row_id, error.msgid,
                                      {**error.params, "field": error.field or ""}))
    rows = _normalised_rows(record_type, [r for r in rows if r[0] not in refused] if refused
                            else rows)
    ids = [r[0] for r in rows]
    accepted_ids[name] = set(ids)
    stored = {k: normalised(record_type, v) for k, v in
              _stored_rows(connection, record_type, ids).items()}
    writes = plan.writes.setdefault(name, [])
    if not stored:  # every row is new here (a first import): nothing to compare
        counts.new += len(rows)
        writes += rows
        return
    differing = [r[0] for r in rows if r[0] in stored and stored[r[0]] != r]
    saved = _saved_frontiers(connection, name, differing)
    for row in rows:
        old = stored.get(row[0])
        if old is None:
            counts.new += 1
            writes.append(row)
            continue
        if row == old:
            counts.unchanged += 1
            continue
        versions = frontier(record_type, old, saved.get(row[0]))
        if any(supersedes(record_type, v, row) for v in versions):
            counts.unchanged += 1  # an edit this store has already seen, or older
            continue
        for version in versions:
            if concurrent(record_type, version, row):
                counts.conflicts += 1
                winner, loser = (row, version) if wins(record_type, row, version) \
                    else (version, row)
                plan.conflicts.append(Conflict(
                    name, row[0], dict(zip(record_type.names, winner, strict=True)),
                    dict(zip(record_type.names, loser, strict=True))))
        kept = [v for v in versions if not supersedes(record_type, row, v)] + [row]
        plan.frontiers.setdefault(name, {})[row[0]] = kept if len(kept) > 1 else []
        new = merged(record_type, old, row)
        if new == old:
            counts.unchanged += 1
        else:
            counts.updated += 1
            writes.append(new)


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
    _write_frontiers(connection, plan)
    if plan.conflicts:
        now = utc_now().isoformat(sep=" ", timespec="microseconds")
        connection.exec_driver_sql(
            "INSERT INTO sync_conflict (id, record_type, record_id, winner, loser,"
            f" detected_at, reviewed) VALUES ({wire.marks(connection, 7)})"
            " ON CONFLICT(id) DO NOTHING",
            [(c.id, c.record_type, c.record_id, json.dumps(c.winner), json.dumps(c.loser), now,
              False) for c in plan.conflicts])


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
    # Column by column first: most files refer only to what resolves.
    checks = [(index, name, allowed) for index, name, allowed in checks
              if not {r[index] for r in rows if r[index] is not None} <= allowed]
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
        condition, arguments = wire.one_of(connection, "id", part)
        found = plain_rows(connection, f'SELECT {columns} FROM "{record_type.name}" WHERE '
                                       f"{condition}", arguments)
        out.update((r[0], r) for r in wire.from_store(connection, record_type, found))
    return out


def _saved_frontiers(connection: Connection, name: str, ids: list[str]) -> dict[str, list[Row]]:
    """The saved frontier of each of these records that has one (wire rows)."""
    out: dict[str, list[Row]] = {}
    for part in wire.chunks(ids):
        condition, arguments = wire.one_of(connection, "record_id", part)
        found = plain_rows(
            connection,
            f"SELECT record_id, versions FROM sync_frontier WHERE record_type = "
            f"{wire.mark(connection)} AND {condition}", (name, *arguments))
        out.update((r[0], [tuple(v) for v in wire.json_value(r[1])]) for r in found)
    return out


def _write_frontiers(connection: Connection, plan: MergePlan) -> None:
    mark = wire.mark(connection)
    for name, by_id in plan.frontiers.items():
        gone = [(name, i) for i, versions in by_id.items() if not versions]
        kept = [(name, i, json.dumps([list(v) for v in versions]))
                for i, versions in by_id.items() if versions]
        if gone:
            connection.exec_driver_sql(
                f"DELETE FROM sync_frontier WHERE record_type = {mark} AND record_id = {mark}",
                gone)
        if kept:
            connection.exec_driver_sql(
                "INSERT INTO sync_frontier (record_type, record_id, versions) VALUES "
                f"({wire.marks(connection, 3)})"
                " ON CONFLICT(record_type, record_id) DO UPDATE SET versions = excluded.versions",
                kept)
