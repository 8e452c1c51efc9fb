"""What an import does, kind by kind: new, changed, unchanged, deleted, conflicts, rejected.

The merge plan counts rows per record type as new / updated / unchanged; a deletion
travels as an update that sets the tombstone (`deleted`), so it hid among the updates. This
splits it out: a row the file deletes here (or that arrives already deleted) is *deleted*,
not *changed* and not *new*. *Unchanged* rows are rows this store already has just as the
file has them (a full export sends everything again, a file is sent twice, or the change
came by another file first): importing them writes nothing.

Computed from the plan before anything is written (the dry run and the import alike), with
one portable query per kind for the stored rows' tombstones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from sqlalchemy import column, select, table
from sqlalchemy.engine import Connection

from forebygg_desktop.core.exchange.format import record_types
from forebygg_desktop.core.exchange.merge import MergePlan

# Rows per query when looking up stored tombstones (well under every database's limit).
CHUNK = 500


@dataclass(frozen=True)
class KindCounts:
    """One record kind's rows in a file, by what importing them does."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0  # changed here and there independently (also counted above)
    rejected: int = 0

    def __add__(self, other: KindCounts) -> KindCounts:
        return KindCounts(*(getattr(self, f.name) + getattr(other, f.name)
                            for f in fields(self)))

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(KindCounts))


def plan_breakdown(connection: Connection, plan: MergePlan) -> dict[str, KindCounts]:
    """The plan's counts per kind with deletions told apart (reads only)."""
    out: dict[str, KindCounts] = {}
    for name, record_type in record_types().items():
        counts = plan.counts.get(name)
        if counts is None:
            continue
        deleted_new = deleted_changed = 0
        if "deleted" in record_type.names:
            flag = record_type.index("deleted")
            deleting = [row[0] for row in plan.writes.get(name, []) if row[flag]]
            stored = _stored_tombstones(connection, name, deleting)
            deleted_new = sum(1 for row_id in deleting if row_id not in stored)
            deleted_changed = sum(1 for row_id in deleting
                                  if row_id in stored and not stored[row_id])
        out[name] = KindCounts(new=counts.new - deleted_new,
                               changed=counts.updated - deleted_changed,
                               unchanged=counts.unchanged,
                               deleted=deleted_new + deleted_changed,
                               conflicts=counts.conflicts, rejected=counts.rejected)
    return out


def all_unchanged(manifest_counts: Mapping[str, int]) -> dict[str, KindCounts]:
    """A file imported before: every row it holds is already here."""
    return {name: KindCounts(unchanged=int(count)) for name, count in manifest_counts.items()}


def combined(breakdowns: Iterable[Mapping[str, KindCounts]]) -> dict[str, KindCounts]:
    """Several files' breakdowns added up, kind by kind, in the exchange format's order."""
    total: dict[str, KindCounts] = {}
    for breakdown in breakdowns:
        for name, counts in breakdown.items():
            total[name] = total.get(name, KindCounts()) + counts
    order = list(record_types())
    return dict(sorted(total.items(),
                       key=lambda item: order.index(item[0]) if item[0] in order
                       else len(order)))


def _stored_tombstones(connection: Connection, name: str, ids: list[str]) -> dict[str, bool]:
    found: dict[str, bool] = {}
    rows = table(name, column("id"), column("deleted"))
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        query = select(rows.c.id, rows.c.deleted).where(rows.c.id.in_(part))
        found.update({str(r[0]): bool(r[1]) for r in connection.execute(query)})
    return found
