"""Reviewing parents' free text before it may leave the laptop.

Only text marked reviewed goes into exports and reports. Staff may edit out a name and
then mark it reviewed, or redact the whole text; the coded answers stay either way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from forebygg_desktop.core import bidi
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _, format_date, ngettext
from forebygg_desktop.core.kiosk_texts import autonym
from forebygg_desktop.core.store.evaluation_records import FreeTextRow
from forebygg_desktop.gui.areas.evaluations.context import questionnaire_title
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.item_lists import filter_list
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys


class FreeTextReviewTab(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[FreeTextRow] = []
        layout = QVBoxLayout(self)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel#warning { border: 2px solid #a4000f; padding: 8px;"
                                   " font-weight: bold; }")
        layout.addWidget(self.warning)
        self.count = QLabel()
        layout.addWidget(self.count)
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list_label = QLabel()
        self.list_label.setBuddy(self.list)
        # A queue, oldest first: no columns to sort by, but typing filters it.
        self.filter = ListFilter(self, lambda text: filter_list(self.list, text))
        self.keys = ListKeys(self, self.list, self.filter)
        left = QVBoxLayout()
        left.addWidget(self.list_label)
        left.addWidget(self.filter)
        left.addWidget(self.list)
        body.addLayout(left, 1)
        right = QVBoxLayout()
        self.editor_label = QLabel()
        self.editor = QPlainTextEdit()
        self.editor_label.setBuddy(self.editor)
        right.addWidget(self.editor_label)
        right.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        self.reviewed_button, self.redact_button = QPushButton(), QPushButton()
        buttons.addWidget(self.reviewed_button)
        buttons.addWidget(self.redact_button)
        right.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        right.addWidget(self.message)
        body.addLayout(right, 2)
        layout.addLayout(body, 1)
        self.list.currentRowChanged.connect(self._show_current)
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.redact_button.clicked.connect(self.redact)
        ctx.ops.changed.connect(self._on_change)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.warning.setText(_(
            "Free text can identify people. Read each text: remove names, places, phone "
            "numbers and anything else that points to a person before you mark it reviewed. "
            "Only reviewed text leaves this laptop in exports and reports."))
        self.list_label.setText(_("&Texts waiting for review"))
        self.editor_label.setText(_("&Text (edit to remove what identifies someone)"))
        self.reviewed_button.setText(_("Mark as &reviewed"))
        self.redact_button.setText(_("Re&dact the whole text"))
        self.keys.retranslate_ui()
        self.refresh()

    def _title(self, code: str) -> str:
        try:
            return questionnaire_title(self.ctx.store.evaluations.questionnaire(code))
        except UserError:
            return code

    def refresh(self) -> None:
        self.rows = self.ctx.store.evaluations.free_texts("unreviewed")
        self.list.blockSignals(True)
        self.list.clear()
        for row in self.rows:
            item = QListWidgetItem(bidi.join((format_date(row.answered_on),
                                              autonym(row.language),
                                              self._title(row.questionnaire_code))))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        filter_list(self.list, self.filter.text())
        self.list.blockSignals(False)
        self.count.setText(ngettext("{n} text waiting for review.",
                                    "{n} texts waiting for review.", len(self.rows))
                           .format(n=len(self.rows)))
        self.list.setCurrentRow(0 if self.rows else -1)
        self._show_current(self.list.currentRow())

    def _show_current(self, index: int) -> None:
        has = 0 <= index < len(self.rows)
        self.editor.setPlainText(self.rows[index].text or "" if has else "")
        for widget in (self.editor, self.reviewed_button, self.redact_button):
            widget.setEnabled(has)

    def _current_id(self) -> str | None:
        index = self.list.currentRow()
        return self.rows[index].id if 0 <= index < len(self.rows) else None

    def mark_reviewed(self) -> None:
        row_id, text = self._current_id(), self.editor.toPlainText()
        if row_id is not None:
            self.ctx.ops.run(lambda s: s.evaluations.mark_reviewed(row_id, text),
                             on_error=self._failed)

    def redact(self) -> None:
        row_id = self._current_id()
        if row_id is not None:
            self.ctx.ops.run(lambda s: s.evaluations.redact(row_id), on_error=self._failed)

    def _on_change(self, change: object) -> None:
        if getattr(change, "kind", "") == "evaluation_response":
            self.refresh()

    def _failed(self, error: UserError) -> None:
        self.message.setText(error.message())
