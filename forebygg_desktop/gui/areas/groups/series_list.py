"""The group list: filter by program, period, locality and status, search, open a series.

The list reads a page at a time off the screen's thread (`store.lists.series`), sorted and
filtered in SQL: a central store's 30,000 series never hold the window. The search field is
the list's filter field (Ctrl+F; Escape clears it); Ctrl+N makes a new series.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.codes import SERIES_STATUSES
from forebygg_desktop.core.i18n import N_, _, ngettext
from forebygg_desktop.core.store.groups import SeriesFilter
from forebygg_desktop.gui.areas.groups.tables import series_model
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.pages import title_msgid
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.choices import (
    all_item,
    code_items,
    group_program_items,
    locality_items,
)
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.heading import heading_label
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys
from forebygg_desktop.gui.widgets.notice_bar import NoticeBar
from forebygg_desktop.gui.widgets.period_combo import PeriodCombo
from forebygg_desktop.gui.widgets.record_list import ActivatableTable, configure_table

TITLE = title_msgid("groups")


class SeriesListView(Retranslatable):
    """Emits `open_series(id)` when a series is chosen, `new_series()` for the New button."""

    open_series = Signal(str)
    new_series = Signal()
    # Delete (the key or the button) on a selected series: the group page asks and deletes.
    delete_series = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = heading_label(self)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new-series")
        top.addWidget(self.heading, 1)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("delete-series")
        top.addWidget(self.new_button)
        top.addWidget(self.delete_button)
        layout.addLayout(top)
        filters = QGridLayout()
        self.search = ListFilter(self, lambda _text: self.refresh())
        self.search.setObjectName("search")
        self.program = CodeCombo(self)
        self.program.setObjectName("program-filter")
        self.program.set_items([all_item(), *group_program_items(ctx.store, True)])
        self.period = PeriodCombo(self)
        self.period.setObjectName("period-filter")
        self.period.set_code(None)
        self.locality = CodeCombo(self)
        self.locality.setObjectName("locality-filter")
        self.locality.set_items([all_item(), *locality_items(ctx.store)])
        self.status = CodeCombo(self)
        self.status.setObjectName("status-filter")
        self.status.set_items([all_item(), *code_items(SERIES_STATUSES)])
        self.filter_labels: list[tuple[QLabel, str]] = []
        for column, (widget, msgid) in enumerate(
                [(self.search, N_("Search")), (self.program, N_("Program")),
                 (self.period, N_("Period")), (self.locality, N_("Locality")),
                 (self.status, N_("Status"))]):
            label = QLabel(self)
            label.setBuddy(widget)
            self.filter_labels.append((label, msgid))
            filters.addWidget(label, 0, column)
            filters.addWidget(widget, 1, column)
        filters.setColumnStretch(0, 2)
        # Narrower than their longest entry if need be (the list drops down in full): at
        # 1366×768 and 150 % the program filter alone pushed the page past the window.
        for combo in (self.program, self.locality):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        layout.addLayout(filters)
        self.notice = NoticeBar(self)
        layout.addWidget(self.notice)
        self.names = CatalogNames(ctx.store)
        self.model = series_model(self.names, ctx.ops, self)
        self.model.loaded.connect(self._show_count)
        self.table = ActivatableTable(self)
        self.table.setObjectName("series-table")
        self.table.setModel(self.model)
        configure_table(self.table)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        self.keys = ListKeys(self, self.table, self.search, new=self.new_series.emit,
                             delete=self._delete_current, new_button=self.new_button,
                             delete_button=self.delete_button)
        self.delete_button.clicked.connect(self._delete_current)
        # Newest first: by the latest meeting, as the list always opened.
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        for combo in (self.program, self.period, self.locality, self.status):
            combo.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_series)
        self.table.activated_row.connect(self._open_row)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.retranslate_ui()

    def filters(self) -> SeriesFilter:
        return SeriesFilter(program_code=self.program.current_code(),
                            locality_code=self.locality.current_code(),
                            status=self.status.current_code(), period=self.period.period(),
                            text=self.search.text().strip() or None)

    def refresh(self) -> None:
        """Read the list again, off the screen's thread (`model.loaded` when it is in)."""
        filters = self.filters()
        self.model.set_loader(lambda store, query: store.lists.series(query, filters))
        self.model.reload()

    def _show_count(self) -> None:
        attention, total = self.model.counts.get("attention", 0), self.model.total
        text = ngettext("{count} series", "{count} series", total).format(count=total)
        if attention:
            text += " · " + ngettext("⚠ {count} needs attention", "⚠ {count} need attention",
                                     attention).format(count=attention)
        self.count_label.setText(text)

    def _delete_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.delete_series.emit(self.model.record(index.row()))

    def _open_row(self, row: int) -> None:
        self.open_series.emit(self.model.record(row).id)

    def retranslate_ui(self) -> None:
        self.heading.setText(_(TITLE))
        self.new_button.setText(_("New series…"))
        self.delete_button.setText(_("Delete series…"))
        for label, msgid in self.filter_labels:
            label.setText(_(msgid))
        for combo in (self.program, self.period, self.locality, self.status):
            combo.relabel()
        self.table.setAccessibleName(_(TITLE))
        self.keys.retranslate_ui()
        self.search.setPlaceholderText(_("Program, locality or venue"))
        self.model.refresh_texts()
        self._show_count()
        if self.notice.isVisible():
            self.notice.retranslate_ui()
