"""The table model shared by the workbook and the Reports screen, and how it is suppressed.

A `ReportTable` is plain: headers and rows of values in the report's language. A cell
that suppression hides holds a `Hidden` marker; the writer shows "<5" for a small cell
and ".." for a cell hidden only to protect another one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from forebygg_desktop.core.stats.figures import GenderCounts, share
from forebygg_desktop.core.stats.suppression import SuppressedGrid, suppress, with_totals

# Column kinds: how a value is formatted.
TEXT, COUNT, SHARE, MEAN, DATE, BOOL = "text", "count", "share", "mean", "date", "bool"
# A change between two periods: of a count (signed, "+3") or of a share, in whole percentage
# points ("+3 pp"; never "%", which would read as a relative change).
CHANGE, POINTS = "change", "points"


@dataclass(frozen=True)
class Hidden:
    """A suppressed cell: `primary` when the value itself is small."""

    primary: bool
    threshold: int

    def text(self) -> str:
        return f"<{self.threshold}" if self.primary else ".."


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = COUNT


@dataclass
class ReportTable:
    """A titled table: rows of values (text, int, float, date, None, Hidden), an optional
    total row, and which columns a chart draws."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    total: list[Any] | None = None
    note: str = ""
    # A kind per row, for tables whose rows mix counts and shares (the Summary).
    row_kinds: list[str] = field(default_factory=list)

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def cell_kind(self, row: int, col: int) -> str:
        """How the value in (row, col) is formatted: the row's kind where rows mix kinds, a
        change column's kind following it (a change of a share is in points)."""
        column = self.columns[col]
        row_kind = self.row_kinds[row] if self.row_kinds and row < len(self.row_kinds) else None
        if column.kind == CHANGE:
            return POINTS if row_kind == SHARE else CHANGE
        if row_kind is not None and col > 0:
            return row_kind
        return column.kind


def plain_grid(interior: Sequence[Sequence[int | None]]) -> SuppressedGrid:
    """A grid with totals and nothing hidden (suppression off)."""
    grid = with_totals(interior) if interior else [[None]]
    return SuppressedGrid(tuple(tuple(r) for r in grid), frozenset(), frozenset(), 0)


def linked_grids(interiors: Sequence[Sequence[Sequence[int | None]]],
                 threshold: int | None) -> list[SuppressedGrid]:
    """Suppress tables that break the same figures down differently (by program, by
    locality, …): they share the total row, so a total hidden in one is hidden in all."""
    if not threshold:
        return [plain_grid(interior) for interior in interiors]
    forced: set[int] = set()
    while True:
        grids = [suppress(interior, threshold, {(len(interior), c) for c in forced})
                 if interior else plain_grid(interior) for interior in interiors]
        hidden = {c for g in grids for r, c in g.hidden if r == len(g.values) - 1}
        if hidden <= forced:
            return grids
        forced |= hidden


def cell(grid: SuppressedGrid, row: int, col: int) -> Any:
    """The value to show, or a `Hidden` marker."""
    if grid.is_hidden(row, col):
        return Hidden((row, col) in grid.primary, grid.threshold)
    if row >= len(grid.values) or col >= len(grid.values[row]):
        return None  # an empty table's total row
    return grid.values[row][col]


def gender_interior(counts: Sequence[GenderCounts]) -> list[list[int | None]]:
    return [list(c.values()) for c in counts]


def gender_cells(grid: SuppressedGrid, row: int) -> list[Any]:
    """Women, men, other, total and men's share of one grid row (the share is hidden
    with the men or the total, since it would give them away)."""
    values = [cell(grid, row, c) for c in range(4)]
    men, total = values[1], values[3]
    if isinstance(men, Hidden) or isinstance(total, Hidden):
        values.append(Hidden(False, grid.threshold))
    else:
        values.append(share(men, total))
    return values


def column_grids(columns: Sequence[Sequence[int | None]],
                 threshold: int | None) -> list[SuppressedGrid]:
    """Independent one-column tables (each with its own total), e.g. registered, started."""
    return [linked_grids([[[v] for v in values]], threshold)[0] for values in columns]


def is_hidden(value: Any) -> bool:
    return isinstance(value, Hidden)
