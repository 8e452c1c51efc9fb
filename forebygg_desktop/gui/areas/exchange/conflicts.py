"""Review of concurrent edits: what differs, which version the merge rule kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.exchange.conflicts import RECORD_TYPE_LABELS, ConflictInfo
from forebygg_desktop.core.i18n import _, format_date
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.item_lists import SortItem, fill_table, filter_table
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys
from forebygg_desktop.gui.widgets.window_geometry import resize_within_screen


def _shown(value: Any) -> str:
    return "–" if value is None or value == "" else str(value)


def _value(value: Any) -> Any:
    """Numbers sort as numbers; anything else by its text."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


class ConflictDialog(QDialog):
    """Lists every open conflict, one row per differing field; marks them all reviewed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("conflict-dialog")
        resize_within_screen(self, 900, 480)
        layout = QVBoxLayout(self)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.buttons = QDialogButtonBox(self)
        self.mark_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        # Our own text: Qt re-labels a standard Close button on a switch, without its "&".
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.mark_button.clicked.connect(self._mark_reviewed)
        self.close_button.clicked.connect(self.reject)
        self.filter = ListFilter(self, lambda text: filter_table(self.table, text))
        self.keys = ListKeys(self, self.table, self.filter)
        self.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.explanation)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.conflicts: list[ConflictInfo] = ctx.store.exchange.conflicts()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Conflicts to review"))
        self.close_button.setText(_("&Close"))
        self.table.setAccessibleName(_("Conflicts to review"))
        self.explanation.setText(_(
            "The same record was changed on two laptops. The merge rule kept one version "
            "everywhere; check it and correct the record if the other one was right."))
        self.table.setHorizontalHeaderLabels([
            _("Record"), _("Found"), _("Field"), _("Kept value"), _("Other value")])
        self.mark_button.setText(_("&Mark all as reviewed"))
        self.close_button.setText(_("&Close"))
        self.keys.retranslate_ui()
        self._fill()

    def _fill(self) -> None:
        rows = [(conflict, difference) for conflict in self.conflicts
                for difference in conflict.differences or (("", None, None),)]
        cells = []
        for conflict, (name, kept, other) in rows:
            label = RECORD_TYPE_LABELS.get(conflict.record_type)
            cells.append([SortItem(_(label) if label else conflict.record_type),
                          SortItem(format_date(conflict.detected_at.date()),
                                   conflict.detected_at),
                          SortItem(name), SortItem(_shown(kept), _value(kept)),
                          SortItem(_shown(other), _value(other))])
        fill_table(self.table, cells)
        filter_table(self.table, self.filter.text())

    def _mark_reviewed(self) -> None:
        self.ctx.ops.run(lambda s: s.exchange.mark_conflicts_reviewed(),
                         on_done=lambda _change: self.accept())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
