"""Short lists built of items (QTableWidget, QListWidget): the same sort and filter rules.

Lists of a few hundred rows at most (backups, conflicts, results, free-text answers) are
filled whole; a click on a header sorts by the item's sort key (a date or a number by value,
text in the interface language's order) and the filter field hides the rows that do not
match every typed word. Long lists use `PagedRecordModel` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QTableWidget, QTableWidgetItem

from forebygg_desktop.core.collation import collation_key, fold
from forebygg_desktop.core.i18n import current_language

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def sort_key(text: str, value: Any = None) -> Any:
    """How a cell sorts: dates and numbers by value, text by the language's order."""
    if isinstance(value, datetime):
        return (1, value.timestamp())
    if isinstance(value, date):
        return (1, float(value.toordinal()))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (1, float(value))
    if value is None and text in ("", "–"):
        return (0, "")
    return (2, collation_key(text, current_language()))


class SortItem(QTableWidgetItem):
    """A table cell that sorts by its key, not by its text."""

    def __init__(self, text: str, value: Any = None, row_id: Any = None) -> None:
        super().__init__(text)
        self.setData(SORT_ROLE, sort_key(text, value))
        if row_id is not None:
            self.setData(ID_ROLE, row_id)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return super().__lt__(other)
        return bool(mine < theirs)


def fill_table(table: QTableWidget, rows: Sequence[Sequence[QTableWidgetItem]]) -> None:
    """Put rows in a table, keeping the user's sort (sorting is paused while filling)."""
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, items in enumerate(rows):
        for c, item in enumerate(items):
            table.setItem(r, c, item)
    table.setSortingEnabled(sorting)


def row_id(table: QTableWidget, row: int) -> Any:
    """The id a row was filled with (the row's place changes when the user sorts)."""
    item = table.item(row, 0)
    return item.data(ID_ROLE) if item is not None else None


def _matches(texts: Iterable[str], words: list[str]) -> bool:
    folded = [fold(t) for t in texts]
    return all(any(word in text for text in folded) for word in words)


def filter_table(table: QTableWidget, text: str) -> int:
    """Hide the rows where a typed word is in no cell; how many rows show."""
    words = [fold(w) for w in text.split()]
    shown = 0
    for r in range(table.rowCount()):
        cells = (table.item(r, c) for c in range(table.columnCount()))
        visible = _matches((item.text() for item in cells if item is not None), words)
        table.setRowHidden(r, not visible)
        shown += visible
    return shown


def filter_list(widget: QListWidget, text: str) -> int:
    """The same for a one-column list."""
    words = [fold(w) for w in text.split()]
    shown = 0
    for r in range(widget.count()):
        item: QListWidgetItem = widget.item(r)
        visible = _matches([item.text()], words)
        item.setHidden(not visible)
        shown += visible
    return shown
