"""A read-only table model over a list of frozen records, with columns declared once.

Empty counts show as "–" and 0 as "0": a table must not blur "not entered" and "nobody".
Headers and cell texts are produced at display time, so a language switch only needs
`refresh_texts()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from forebygg_desktop.core.bidi import isolate
from forebygg_desktop.core.i18n import _, format_date, format_number

EMPTY = "–"
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def count_text(value: int | None) -> str:
    return EMPTY if value is None else format_number(value)


def date_text(value: date | None) -> str:
    return EMPTY if value is None else format_date(value, "short")


def code_labels(codes: Iterable[str], label: Callable[[str], str]) -> dict[str, str]:
    """{code: shown label} of a fixed code list (a CODE column's `labels`)."""
    return {code: label(code) for code in codes}


def isolated(text: str) -> str:
    """Text kept in one piece inside a sentence of either direction (a date in Arabic)."""
    return isolate(text)


# The roles a view asks for, as plain numbers: a table's paint asks every shown cell for
# eight roles, a few thousand calls into Python per paint, so `data` answers each with as
# few steps as it can (an enum comparison or a needless index call per role adds up to
# milliseconds on the screen's thread). Roles a cell never sets are answered first.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_USER = int(Qt.ItemDataRole.UserRole)
_UNSET = frozenset(int(role) for role in (
    Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.SizeHintRole))
_LEADING = int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
_TRAILING = int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)

# How a column sorts and filters (see core/store/listing.py): by value (dates, numbers),
# as free text in the language's order, or by the label of a code.
VALUE, DATE, TEXT, CODE = "value", "date", "text", "code"


@dataclass(frozen=True)
class Column[R]:
    """One column: header msgid, the shown text of a record, numbers align trailing.

    `field` names what the column sorts by (a field of the list's rows); `kind` says how;
    a CODE column gives `labels()`, the shown name of every code. No field: not sortable.
    """

    header: str
    text: Callable[[R], str]
    numeric: bool = False
    tooltip: Callable[[R], str] | None = None
    field: str | None = None
    kind: str = VALUE
    labels: Callable[[], Mapping[str, str]] | None = None


class RecordTableModel[R](QAbstractTableModel):
    """Rows are records; `record(row)` gives one back for edit and delete."""

    def __init__(self, columns: Sequence[Column[R]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []
        # The shown texts, made once per row (a view asks for a cell's text many times, and
        # a formatted number or date costs a tenth of a millisecond).
        self._texts: list[tuple[str, ...] | None] = []

    def set_records(self, records: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def texts_of(self, record: R) -> tuple[str, ...]:
        """Every column's text of one record (may run on a reader thread: no Qt calls)."""
        return tuple(column.text(record) for column in self.columns)

    def record(self, row: int) -> R:
        return self._rows[row]

    def records(self) -> list[R]:
        return list(self._rows)

    def row_of(self, predicate: Callable[[R], bool]) -> int:
        """The first row whose record matches, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def refresh_texts(self) -> None:
        """Re-read every text (after a language switch)."""
        self._texts = [None] * len(self._rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in _UNSET:
            return None
        row = index.row()
        if row < 0:  # not a cell
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            texts = self._texts[row]
            if texts is None:
                texts = self._texts[row] = self.texts_of(self._rows[row])
            return texts[index.column()]
        if role == _ALIGNMENT:
            return _TRAILING if self.columns[index.column()].numeric else _LEADING
        if role == _TOOLTIP:
            tooltip = self.columns[index.column()].tooltip
            return (tooltip(self._rows[row]) or None) if tooltip is not None else None
        if role == _USER:
            return self._rows[row]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            return _(self.columns[section].header)
        return None
