"""A list of one kind of record with New, Correct and Delete (with Undo).

Used by the open meetings, advice talks and digital programs areas. Reads go to the
Store a page at a time off the screen's thread (`store.lists`, `PagedRecordModel`), writes
through Operations; the list refreshes from `ops.changed` (when hidden, on the next show).
The list keys (filter, Ctrl+F, Ctrl+N, Delete, header sort) are the shared `ListKeys`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.listing import ListPage, ListQuery
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.heading import heading_label
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys
from forebygg_desktop.gui.widgets.notice_bar import NoticeBar
from forebygg_desktop.gui.widgets.paged_model import PagedRecordModel
from forebygg_desktop.gui.widgets.period_combo import PeriodCombo
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

Text = Callable[[], str]


def ask_to_delete(parent: QWidget, question: str) -> bool:
    """Ask once before deleting (Undo follows, so one question is enough)."""
    answer = QMessageBox.question(parent, _("Delete"), question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes



def configure_table(table: QTableView) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Columns fit the rows in view, not every row read so far (each costs a model call).
    table.horizontalHeader().setResizeContentsPrecision(0)
    table.horizontalHeader().setStretchLastSection(True)


class ActivatableTable(QTableView):
    """A table where Enter opens the current row, as a double click does."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class RecordListPage(Retranslatable):
    """Subclasses set the texts, the model, the form and the Store calls."""

    navigate_requested = Signal(str, str)
    area_key = ""
    change_kind = ""
    # The Store service of the records listed (`store.<service_name>`): a SimpleRecords.
    service_name = ""
    default_period: str | None = None
    # The column the list is sorted by at first, and whether newest/largest first.
    default_sort: tuple[int, bool] = (0, True)
    # Declared by each area: its texts (N_() msgids), table model and form.
    title_msgid = ""
    new_msgid = ""
    empty_msgid = ""
    table_model: Callable[[CatalogNames, Operations, QObject], PagedRecordModel[Any]]
    form_class: Callable[[AppContext, Any, QWidget], RecordDialog]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.confirm: Callable[[QWidget, str], bool] = ask_to_delete
        self.form: RecordDialog | None = None
        self._dirty = True
        layout = QVBoxLayout(self)
        self.heading = heading_label(self)
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.period_label = QLabel(self)
        self.period = PeriodCombo(self, default=self.default_period)
        self.period.setObjectName("period-filter")
        self.period_label.setBuddy(self.period)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new-record")
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit-record")
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("delete-record")
        bar.addWidget(self.period_label)
        bar.addWidget(self.period)
        bar.addStretch(1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        layout.addLayout(bar)
        self.notice = NoticeBar(self)
        layout.addWidget(self.notice)
        self.filter = ListFilter(self, self._filter_changed)
        layout.addWidget(self.filter)
        self.model: PagedRecordModel[Any] = self.make_model()
        self.model.loaded.connect(self._loaded)
        self.table = ActivatableTable(self)
        self.table.setObjectName("records")
        self.table.setModel(self.model)
        configure_table(self.table)
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.new_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.table.activated_row.connect(lambda row: self.open_form(self.model.record(row)))
        self.table.doubleClicked.connect(
            lambda index: self.open_form(self.model.record(index.row())))
        self.period.currentIndexChanged.connect(self.refresh)
        self.keys = ListKeys(self, self.table, self.filter, new=lambda: self.open_form(None),
                             delete=self.delete_current, new_button=self.new_button,
                             delete_button=self.delete_button)
        column, descending = self.default_sort
        self.table.sortByColumn(column, Qt.SortOrder.DescendingOrder if descending
                                else Qt.SortOrder.AscendingOrder)
        self._keep: str | None = None
        ctx.ops.changed.connect(self._on_changed)
        self.retranslate_ui()

    # --- subclass hooks ---------------------------------------------------------------------
    def title(self) -> str:
        return _(self.title_msgid)

    def new_text(self) -> str:
        return _(self.new_msgid)

    def empty_text(self) -> str:
        return _(self.empty_msgid)

    def make_model(self) -> PagedRecordModel[Any]:
        self.names = CatalogNames(self.ctx.store)
        return type(self).table_model(self.names, self.ctx.ops, self)

    def page(self, store: Store, query: ListQuery, period: Period | None) -> ListPage[Any]:
        """One page of the list (runs off the screen's thread): `store.lists.<service>`."""
        return getattr(store.lists, self.service_name)(query, period)  # type: ignore[no-any-return]

    def make_form(self, record: Any | None) -> RecordDialog:
        return type(self).form_class(self.ctx, record, self)

    def get_record(self, record_id: str) -> Any:
        return getattr(self.ctx.store, self.service_name).get(record_id)

    def delete_work(self, record_id: str, restore: bool) -> Callable[[Store], Change]:
        """The Store call that deletes (tombstones) a record, or undoes that."""
        action = "restore" if restore else "delete"
        name = self.service_name
        return lambda store: getattr(getattr(store, name), action)(record_id)

    def describe(self, record: Any) -> str:
        """How the delete question names the record."""
        raise NotImplementedError

    # --- behaviour --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again (off the screen's thread); `model.loaded` when it is in."""
        self._dirty = False
        current = self.current_record()
        if current is not None:  # else a row still to be selected (`_keep`) stays chosen
            self._keep = current.id
        period = self.period.period()
        self.model.set_loader(lambda store, query: self.page(store, query, period))
        self.model.reload()

    def _filter_changed(self, text: str) -> None:
        self._keep = None
        self.model.set_filter_text(text)

    def _loaded(self) -> None:
        if self._keep is not None:
            keep = self._keep
            row = self.model.row_of(lambda r: r.id == keep)
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                self._keep = None
        self._update_empty()

    def _update_empty(self) -> None:
        filtered = bool(self.model.filter_text)
        self.empty.setVisible(self.model.rowCount() == 0)
        self.empty.setText(_("Nothing matches the filter.") if filtered else self.empty_text())

    def _on_changed(self, change: Change) -> None:
        if not change.affects(self.change_kind):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._dirty:
            self.refresh()
        super().showEvent(event)

    def current_record(self) -> Any | None:
        index: QModelIndex = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def open_form(self, record: Any | None) -> RecordDialog:
        self.form = self.make_form(record)
        self.form.saved.connect(self._saved)
        self.form.finished.connect(self.form.deleteLater)
        self.form.open()
        return self.form

    def _saved(self, change: Change) -> None:
        if change.warnings:
            self.notice.show_notice(
                lambda: " ".join(w.message() for w in change.warnings), warning=True)
        else:
            self.notice.show_notice(lambda: _("Saved."))

    def edit_current(self) -> None:
        record = self.current_record()
        if record is not None:
            self.open_form(record)

    def delete_current(self) -> None:
        record = self.current_record()
        if record is None or not self.confirm(self, self.describe(record)):
            return
        record_id = record.id
        self.ctx.ops.run(self.delete_work(record_id, restore=False),
                         on_done=lambda _change: self._deleted(record_id))

    def _deleted(self, record_id: str) -> None:
        self.notice.show_notice(lambda: _("Deleted."), action_text=lambda: _("Undo"),
                                action=lambda: self.undo_delete(record_id))

    def undo_delete(self, record_id: str) -> None:
        self.ctx.ops.run(self.delete_work(record_id, restore=True),
                         on_done=lambda _change: self.notice.show_notice(lambda: _("Restored.")))

    def open_target(self, target: str) -> None:
        """Open a draft left behind (`draft:<key>`): a new record or a correction."""
        if not target.startswith("draft:"):
            return
        record_id = target.removeprefix("draft:").split("/")[-1]
        self.open_form(None if record_id == "new" else self.get_record(record_id))

    def retranslate_ui(self) -> None:
        self.heading.setText(self.title())
        self.period_label.setText(_("Period"))
        self.period.relabel()
        self.new_button.setText(self.new_text())
        self.edit_button.setText(_("Correct…"))
        self.delete_button.setText(_("Delete…"))
        self.keys.retranslate_ui()
        self.model.refresh_texts()
        self.table.setAccessibleName(self.title())
        self._update_empty()
        if self.notice.isVisible():
            self.notice.retranslate_ui()
