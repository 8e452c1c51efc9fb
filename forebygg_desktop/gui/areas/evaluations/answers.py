"""Withdrawing answers entered in the wrong place (another series, a test at the kiosk).

Staff choose the activity, select answers and withdraw them: a tombstone, so they count
nowhere from then on and the withdrawal travels with the next export like any deletion.
Withdrawn answers can be shown and restored. The list shows what was answered, the date,
language and way — never an order of answering (there is none stored).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
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
from forebygg_desktop.core.questionnaires import Questionnaire
from forebygg_desktop.core.store import Change
from forebygg_desktop.core.store.evaluation_records import AnswerRow, ResultFilter
from forebygg_desktop.gui.areas.evaluations.context import ContextPicker, questionnaire_title
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys
from forebygg_desktop.gui.widgets.paged_model import PagedRecordModel
from forebygg_desktop.gui.widgets.record_list import configure_table
from forebygg_desktop.gui.widgets.record_table import CODE, DATE, EMPTY, Column, date_text


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
        # Published versions never change: each is read once, not at every paint of a cell.
        self._questionnaires: dict[tuple[str, int], Questionnaire | None] = {}
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
        # Read off the screen's thread, sorted by a header click, filtered by typing.
        self.model: PagedRecordModel[AnswerRow] = PagedRecordModel([
            Column(N_("Date"), lambda r: date_text(r.answered_on), field="answered_on",
                   kind=DATE),
            Column(N_("Language"), lambda r: autonym(r.language), field="language", kind=CODE,
                   labels=lambda: {code: autonym(code) for code in self._languages()}),
            Column(N_("Way"), lambda r: way_text(r.mode), field="mode", kind=CODE,
                   labels=lambda: {m: way_text(m) for m in ("kiosk", "paper")}),
            Column(N_("Answers, item by item"), self._answers_text, tooltip=self._answers_tooltip),
            Column(N_("Free text"), lambda r: free_text_state(r.free_text_status),
                   field="free_text_status", kind=CODE,
                   labels=lambda: {s: free_text_state(s)
                                   for s in ("none", "unreviewed", "reviewed", "redacted")}),
            Column(N_("Status"), lambda r: _("Withdrawn") if r.withdrawn else _("Counts"),
                   field="withdrawn"),
        ], ctx.ops, self)
        self.model.loaded.connect(self._update_buttons)
        self.filter = ListFilter(self, self.model.set_filter_text)
        layout.addWidget(self.filter)
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
        # Delete withdraws the selected answers (the same question; Restore takes it back).
        self.keys = ListKeys(self, self.table, self.filter, delete=self.withdraw_selected,
                             delete_button=self.withdraw_button)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
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
        self.keys.retranslate_ui()
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
        """Read the chosen activity's answers again (`model.loaded` once they are in)."""
        flt, withdrawn = self.current_filter(), self.show_withdrawn.isChecked()
        self.model.set_loader(lambda store, query: store.lists.answers(query, flt, withdrawn))
        self.model.reload()
        self._update_buttons()

    def _languages(self) -> set[str]:
        """Every language an answer can be in: the catalogue's and those shown now."""
        known = {language.code for language in self.ctx.store.catalog.languages(True)}
        return known | {record.language for record in self.model.records()}

    def _questionnaire(self, row: AnswerRow) -> Questionnaire | None:
        key = (row.questionnaire_code, row.questionnaire_version)
        if key not in self._questionnaires:
            try:
                self._questionnaires[key] = self.ctx.store.evaluations.questionnaire(*key)
            except UserError:
                self._questionnaires[key] = None
        return self._questionnaires[key]

    def _items(self, row: AnswerRow) -> list[str]:
        questionnaire = self._questionnaire(row)
        codes = questionnaire.item_codes if questionnaire else sorted(row.answers)
        return [code for code in codes if code in row.answers]

    def _answers_text(self, row: AnswerRow) -> str:
        return bidi.join([answer_value(row.answers[c]) for c in self._items(row)])

    def _answers_tooltip(self, row: AnswerRow) -> str:
        questionnaire = self._questionnaire(row)
        title = questionnaire_title(questionnaire) if questionnaire else row.questionnaire_code
        lines = [title] + [bidi.compose(_("{item}: {answer}"), item=code,
                                        answer=answer_value(row.answers[code]))
                           for code in self._items(row)]
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
