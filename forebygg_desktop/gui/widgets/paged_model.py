"""A table model that reads its rows a page at a time, off the screen's thread.

Sorting (a header click) and filtering (typing) go to the Store as a `ListQuery`; the Store
sorts and filters where the rows are and answers with one page (`ListPage`). The view asks
for more as it scrolls (`canFetchMore`/`fetchMore`), so a list of 30,000 series shows its
first rows at once and never holds the screen's thread while it reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from forebygg_desktop.core.i18n import current_language
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.listing import PAGE_SIZE, ListPage, ListQuery
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.widgets.record_table import CODE, DATE, TEXT, Column, RecordTableModel

Index = QModelIndex | QPersistentModelIndex
# Reads one page: the list's Store call with the query (and whatever the page filters by).
Loader = Callable[[Store, ListQuery], ListPage[Any]]


class PagedRecordModel[R](RecordTableModel[R]):
    """Rows come in pages; `loaded` fires after each page (and after a reload's first)."""

    loaded = Signal()

    def __init__(self, columns: list[Column[R]], ops: Operations | None,
                 parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.ops = ops
        self.loader: Loader | None = None
        self.total = 0
        self.counts: dict[str, int] = {}
        self.filter_text = ""
        self.sort_column: int | None = None
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._generation = 0
        self._loading = False
        self._started = False

    # --- what to show ---------------------------------------------------------------------
    def set_loader(self, loader: Loader) -> None:
        self.loader = loader

    def labels(self) -> dict[str, dict[str, str]]:
        """{field: {code: shown label}} of the code columns (may read the catalogue, so
        `_request` calls it on the reader thread)."""
        return {c.field: dict(c.labels()) for c in self.columns
                if c.field and c.kind == CODE and c.labels is not None}

    def query(self, offset: int, limit: int, with_labels: bool = True) -> ListQuery:
        """The Store query for what the view shows now (labels read at call time)."""
        labels = self.labels() if with_labels else {}
        column = self.columns[self.sort_column] if self.sort_column is not None else None
        return ListQuery(
            sort_field=column.field if column is not None else None,
            descending=self.sort_order == Qt.SortOrder.DescendingOrder,
            labels=labels, text=self.filter_text,
            text_fields=tuple(c.field for c in self.columns if c.field and c.kind == TEXT),
            date_fields=tuple(c.field for c in self.columns if c.field and c.kind == DATE),
            language=current_language(), offset=offset, limit=limit)

    def set_filter_text(self, text: str) -> None:
        if text.strip() != self.filter_text:
            self.filter_text = text.strip()
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].field is None:
            return
        changed = (column, order) != (self.sort_column, self.sort_order)
        self.sort_column, self.sort_order = column, order
        if changed and self._started:
            self.reload()

    def set_records(self, records: Sequence[R]) -> None:
        """Show a fixed set of rows (no reading): a model used without a Store."""
        self._generation += 1
        self._started = self._loading = False
        super().set_records(records)
        self.total = len(self._rows)

    def reload(self) -> None:
        """Read again from the first row, keeping as many rows as are shown now."""
        if self.loader is None or self.ops is None:
            return
        self._started = True
        self._generation += 1
        self._request(0, max(PAGE_SIZE, len(self._rows)), replace=True)

    # --- reading ----------------------------------------------------------------------------
    def _request(self, offset: int, limit: int, replace: bool) -> None:
        loader, generation, ops = self.loader, self._generation, self.ops
        assert loader is not None and ops is not None
        query = self.query(offset, limit, with_labels=False)
        self._loading = True
        ops.read(lambda store: self._with_texts(
                     loader(store, dataclasses.replace(query, labels=self.labels()))),
                      lambda page: self._arrived(page, generation, replace),
                      lambda _error: self._failed(generation))

    def _with_texts(self, page: ListPage[R]) -> tuple[ListPage[R], list[tuple[str, ...]]]:
        """The page with its shown texts, made on the reader: Babel's formatting of dates
        and numbers is slow enough to hold the screen's thread if done there."""
        return page, [self.texts_of(record) for record in page.records]

    def _arrived(self, result: tuple[ListPage[R], list[tuple[str, ...]]], generation: int,
                 replace: bool) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # a newer sort or filter was asked for meanwhile
        page, texts = result
        self._loading = False
        self.total, self.counts = page.total, dict(page.counts)
        shown: list[tuple[str, ...] | None] = list(texts)
        if replace:
            self.beginResetModel()
            self._rows = list(page.records)
            self._texts = shown
            self.endResetModel()
        elif page.records:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.records) - 1)
            self._rows.extend(page.records)
            self._texts.extend(shown)
            self.endInsertRows()
        self.loaded.emit()

    def _failed(self, generation: int) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            self._loading = False
            self.loaded.emit()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._started and not self._loading
                and len(self._rows) < self.total)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows), PAGE_SIZE, replace=False)
