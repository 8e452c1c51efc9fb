"""The table model shared by the workbook and the Reports screen.

A `ReportTable` is plain: headers and rows of values in the report's language. A cell
that suppression hides holds a `Hidden` marker, shown as ".." whether the cell is small
itself or hidden to protect another one: a reader cannot tell which (a "<5" would tell
them the value lies between 1 and 4, and the audit would have to assume so).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Column kinds: how a value is formatted.
TEXT, COUNT, SHARE, MEAN, DATE, BOOL = "text", "count", "share", "mean", "date", "bool"
# A change between two periods: of a count (signed, "+3") or of a share, in whole percentage
# points ("+3 pp"; never "%", which would read as a relative change).
CHANGE, POINTS = "change", "points"
# What a suppressed cell shows, whatever the reason it is hidden.
SUPPRESSED = ".."


@dataclass(frozen=True)
class Hidden:
    """A suppressed cell: `primary` when the value itself is small (never shown)."""

    primary: bool
    threshold: int

    def text(self) -> str:
        return SUPPRESSED


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


def is_hidden(value: Any) -> bool:
    return isinstance(value, Hidden)
