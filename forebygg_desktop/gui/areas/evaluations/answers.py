"""Withdrawing answers entered in the wrong place (another series, a test at the kiosk).

Staff choose the activity, select answers and withdraw them: a tombstone, so they count
nowhere from then on and the withdrawal travels with the next export like any deletion.
Withdrawn answers can be shown and restored. The list shows what was answered, the date,
language and way — never an order of answering (there is none stored).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from forebygg_desktop.core import bidi
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_, _, format_number, ngettext, pgettext
from forebygg_desktop.core.kiosk_texts import autonym
from forebygg_desktop.core.store import Change
from forebygg_desktop.core.store.evaluation_records import AnswerRow, ResultFilter
from forebygg_desktop.gui.areas.evaluations.context import ContextPicker, questionnaire_title
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.record_list import configure_table
from forebygg_desktop.gui.widgets.record_table import Column, RecordTableModel, date_text

EMPTY = "–"


def answer_value(value: Any) -> str:
    """One coded answer as staff read it: a scale step, yes or no, or not answered."""
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def way_text(mode: str) -> str:
    return {"kiosk": _("On the laptop"), "paper": _("Paper form")}.get(mode, mode)


def free_text_state(status: str) -> str:
    return {"none": EMPTY, "unreviewed": _("Waiting for review"),
            "reviewed": pgettext("free text status", "Reviewed"),
            "redacted": _("Redacted")}.get(status, status)


class AnswersTab(Retranslatable):
    """Choose an activity; withdraw or restore the selected answers."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        self.picker = ContextPicker(ctx, with_meeting=False)
        layout.addWidget(self.picker)
        self.show_withdrawn = QCheckBox()
        layout.addWidget(self.show_withdrawn)
        self.table_label = QLabel()
        layout.addWidget(self.table_label)
        self.model: RecordTableModel[AnswerRow] = RecordTableModel([
            Column(N_("Date"), lambda r: date_text(r.answered_on)),
            Column(N_("Language"), lambda r: autonym(r.language)),
            Column(N_("Way"), lambda r: way_text(r.mode)),
            Column(N_("Answers, item by item"), self._answers_text, tooltip=self._answers_tooltip),
            Column(N_("Free text"), lambda r: free_text_state(r.free_text_status)),
            Column(N_("Status"), lambda r: _("Withdrawn") if r.withdrawn else _("Counts")),
        ])
        self.table = QTableView()
        self.table.setModel(self.model)
        configure_table(self.table)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table_label.setBuddy(self.table)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.withdraw_button, self.restore_button = QPushButton(), QPushButton()
        buttons.addWidget(self.withdraw_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.picker.changed.connect(self.refresh)
        self.show_withdrawn.toggled.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        ctx.ops.changed.connect(self._on_change)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.explanation.setText(_(
            "Answers entered in the wrong series or meeting, or a test at the kiosk, can be "
            "withdrawn: they then count nowhere, and the withdrawal reaches the central "
            "department with the next export. A withdrawal can be taken back."))
        self.show_withdrawn.setText(_("Show &withdrawn answers"))
        self.table_label.setText(_("A&nswers of this activity"))
        self.withdraw_button.setText(_("&Withdraw selected…"))
        self.restore_button.setText(_("R&estore selected"))
        self.model.refresh_texts()
        self.refresh()

    # --- reading -------------------------------------------------------------------------

    def current_filter(self) -> ResultFilter | None:
        context = self.picker.context()
        if context is None:
            return None
        kind, target = context
        code = self.picker.questionnaire_code()
        if kind == "open_meeting":
            return ResultFilter(open_meeting_id=target, questionnaire_code=code)
        return ResultFilter(series_id=target, questionnaire_code=code)

    def refresh(self) -> None:
        flt = self.current_filter()
        rows = [] if flt is None else self.ctx.store.evaluations.answers(
            flt, withdrawn=self.show_withdrawn.isChecked())
        self.model.set_records(rows)
        self._update_buttons()

    def _items(self, row: AnswerRow) -> list[str]:
        try:
            return list(self.ctx.store.evaluations.questionnaire(
                row.questionnaire_code, row.questionnaire_version).item_codes)
        except UserError:
            return sorted(row.answers)

    def _answers_text(self, row: AnswerRow) -> str:
        codes = [c for c in self._items(row) if c in row.answers]
        return bidi.join([answer_value(row.answers[c]) for c in codes])

    def _answers_tooltip(self, row: AnswerRow) -> str:
        try:
            title = questionnaire_title(self.ctx.store.evaluations.questionnaire(
                row.questionnaire_code, row.questionnaire_version))
        except UserError:
            title = row.questionnaire_code
        lines = [title] + [bidi.compose(_("{item}: {answer}"), item=code,
                                        answer=answer_value(row.answers[code]))
                           for code in self._items(row) if code in row.answers]
        return "\n".join(lines)

    def selected(self) -> list[AnswerRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.record(r) for r in rows]

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected()
        self.withdraw_button.setEnabled(any(not r.withdrawn for r in chosen))
        self.restore_button.setEnabled(any(r.withdrawn for r in chosen))

    # --- writing -------------------------------------------------------------------------

    def withdraw_selected(self) -> None:
        ids = [r.id for r in self.selected() if not r.withdrawn]
        if not ids:
            return
        question = ngettext(
            "Withdraw {n} answer? It will count nowhere, also at the central department "
            "after the next export. You can restore it later.",
            "Withdraw {n} answers? They will count nowhere, also at the central department "
            "after the next export. You can restore them later.", len(ids)).format(
                n=format_number(len(ids)))
        answer = QMessageBox.question(self, _("Withdraw answers"), question,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.ops.run(lambda s: s.evaluations.withdraw_answers(ids),
                         on_done=self._withdrawn, on_error=self._failed)

    def restore_selected(self) -> None:
        ids = [r.id for r in self.selected() if r.withdrawn]
        if ids:
            self.ctx.ops.run(lambda s: s.evaluations.restore_answers(ids),
                             on_done=self._restored, on_error=self._failed)

    def _withdrawn(self, change: Change) -> None:
        n = len(change.ids)
        self.message.setText(ngettext(
            "{n} answer withdrawn.", "{n} answers withdrawn.", n).format(n=format_number(n)))

    def _restored(self, change: Change) -> None:
        n = len(change.ids)
        self.message.setText(ngettext(
            "{n} answer restored.", "{n} answers restored.", n).format(n=format_number(n)))

    def _failed(self, error: UserError) -> None:
        self.message.setText(error.message())

    def _on_change(self, change: object) -> None:
        if getattr(change, "kind", "") == "evaluation_response":
            self.refresh()
