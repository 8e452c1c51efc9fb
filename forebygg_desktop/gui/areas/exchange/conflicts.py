"""Review of concurrent edits: what differs, which version the merge rule kept."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.exchange.conflicts import RECORD_TYPE_LABELS, ConflictInfo
from forebygg_desktop.core.i18n import _, format_date
from forebygg_desktop.gui.context import AppContext


def _shown(value: Any) -> str:
    return "–" if value is None or value == "" else str(value)


class ConflictDialog(QDialog):
    """Lists every open conflict, one row per differing field; marks them all reviewed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("conflict-dialog")
        self.resize(900, 480)
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
        layout.addWidget(self.explanation)
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
        self._fill()

    def _fill(self) -> None:
        rows = [(conflict, difference) for conflict in self.conflicts
                for difference in conflict.differences or (("", None, None),)]
        self.table.setRowCount(len(rows))
        for row, (conflict, (name, kept, other)) in enumerate(rows):
            label = RECORD_TYPE_LABELS.get(conflict.record_type)
            values = [_(label) if label else conflict.record_type,
                      format_date(conflict.detected_at.date()), name, _shown(kept),
                      _shown(other)]
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _mark_reviewed(self) -> None:
        self.ctx.ops.run(lambda s: s.exchange.mark_conflicts_reviewed(),
                         on_done=lambda _change: self.accept())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
