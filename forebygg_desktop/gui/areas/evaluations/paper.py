"""Typing in paper forms fast, by keyboard only.

Keys on the form: 1-5 answer a scale item, Y/J = yes and N = no, 0 or Space skips an
item, Backspace goes back one item, Enter saves the form and starts the next one. On the
free-text line, Enter saves as well. Every form of one sitting shares one round.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _, current_language
from forebygg_desktop.core.kiosk_texts import autonym
from forebygg_desktop.core.questionnaires import Answer, Questionnaire
from forebygg_desktop.core.store.evaluation_records import RoundToken
from forebygg_desktop.gui.areas.evaluations.context import ContextPicker
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.date_field import date_edit

CURRENT = "▶ "
_YES = {Qt.Key.Key_Y, Qt.Key.Key_J}


class PaperForm(QWidget):
    """The items of one questionnaire as rows; the current row is marked with ▶."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.grid = QGridLayout(self)
        self.questionnaire: Questionnaire | None = None
        self.answers: dict[str, Answer] = {}
        self.index = 0
        self.labels: list[QLabel] = []
        self.values: list[QLabel] = []
        self.free_text = QLineEdit()
        self.on_save: Callable[[], object] = lambda: None

    def load(self, questionnaire: Questionnaire | None) -> None:
        while (cell := self.grid.takeAt(0)) is not None:
            widget = cell.widget()
            if widget is not None and widget is not self.free_text:
                widget.deleteLater()
        self.questionnaire, self.labels, self.values = questionnaire, [], []
        if questionnaire is None:
            return
        language = current_language()
        shown = language if language in questionnaire.languages else "sv"
        for row, item in enumerate(questionnaire.items):
            label = QLabel(item.texts[shown])
            label.setWordWrap(True)
            self.grid.addWidget(label, row, 0)
            self.labels.append(label)
            if item.type == "free_text":
                label.setBuddy(self.free_text)
                self.free_text.setAccessibleName(item.texts[shown])
                self.grid.addWidget(self.free_text, row, 1)
                self.values.append(QLabel())
            else:
                value = QLabel()
                value.setMinimumWidth(160)
                self.grid.addWidget(value, row, 1)
                self.values.append(value)
        self.free_text.setMinimumWidth(420)
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 1)
        self.grid.setRowStretch(len(questionnaire.items), 1)  # rows stay together at the top
        self.clear()

    def clear(self) -> None:
        self.answers = {}
        self.free_text.clear()
        self.index = 0
        self._show()

    def collected(self) -> dict[str, Answer]:
        answers = dict(self.answers)
        if self.questionnaire is not None:
            for item in self.questionnaire.items:
                if item.type == "free_text" and self.free_text.text().strip():
                    answers[item.code] = self.free_text.text()
        return answers

    def keyPressEvent(self, event: QKeyEvent) -> None:
        questionnaire = self.questionnaire
        if questionnaire is None:
            super().keyPressEvent(event)
            return
        key = event.key()
        item = questionnaire.items[min(self.index, len(questionnaire.items) - 1)]
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.on_save()
        elif key == Qt.Key.Key_Backspace:
            self.index = max(0, self.index - 1)
            self.answers.pop(questionnaire.items[self.index].code, None)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Space):
            self.answers.pop(item.code, None)
            self._advance()
        elif item.type == "likert5" and Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.answers[item.code] = int(key - Qt.Key.Key_0)
            self._advance()
        elif item.type == "yes_no" and (key in _YES or key == Qt.Key.Key_N):
            self.answers[item.code] = key in _YES
            self._advance()
        else:
            super().keyPressEvent(event)
            return
        self._show()

    def _advance(self) -> None:
        self.index += 1
        self._show()

    def _show(self) -> None:
        questionnaire = self.questionnaire
        if questionnaire is None:
            return
        language = current_language()
        shown = language if language in questionnaire.languages else "sv"
        for row, item in enumerate(questionnaire.items):
            text = item.texts[shown]
            self.labels[row].setText((CURRENT if row == self.index else "") + text)
            value = self.answers.get(item.code)
            if item.type == "likert5" and isinstance(value, int):
                labels = questionnaire.scale_labels("likert5", shown)
                self.values[row].setText(f"{value} – {labels[value - 1]}")
            elif item.type == "yes_no" and isinstance(value, bool):
                self.values[row].setText(questionnaire.scale_labels("yes_no", shown)[0 if value
                                                                                     else 1])
            elif item.type != "free_text":
                self.values[row].setText("–")
        if self.index < len(questionnaire.items) and \
                questionnaire.items[self.index].type == "free_text":
            self.free_text.setFocus()
        elif self.isVisible():
            self.setFocus()


class PaperEntryTab(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.token: RoundToken | None = None
        self._waiting: list[tuple[str, dict[str, Answer], date]] = []
        self.saved = 0
        layout = QVBoxLayout(self)
        self.picker = ContextPicker(ctx)
        layout.addWidget(self.picker)
        fields = QFormLayout()
        self.language = QComboBox()
        # ISO in every language; its calendar follows a language switch (DateField).
        self.answered_on = date_edit(self)
        self.language_label, self.date_label = QLabel(), QLabel()
        self.language_label.setBuddy(self.language)
        self.date_label.setBuddy(self.answered_on)
        fields.addRow(self.language_label, self.language)
        fields.addRow(self.date_label, self.answered_on)
        layout.addLayout(fields)
        self.keys_help = QLabel()
        self.keys_help.setWordWrap(True)
        layout.addWidget(self.keys_help)
        self.form = PaperForm()
        self.form.on_save = self.save_form
        self.form.free_text.returnPressed.connect(self.save_form)
        layout.addWidget(self.form, 1)
        self.status = QLabel()
        layout.addWidget(self.status)
        self.picker.changed.connect(self._context_changed)
        self.answered_on.setMaximumDate(QDate.currentDate())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.language_label.setText(_("&Language of the form"))
        self.date_label.setText(_("&Filled in on"))
        self.keys_help.setText(_(
            "Click the form, then type: 1-5 for scale answers, Y or N for yes/no, 0 or Space "
            "to skip, Backspace to go back. Enter saves the form and starts the next one."))
        self._context_changed()

    def _context_changed(self) -> None:
        self._finish_round()
        code = self.picker.questionnaire_code()
        questionnaire = self.ctx.store.evaluations.questionnaire(code) if code else None
        self.language.clear()
        for lang in questionnaire.languages if questionnaire else ():
            self.language.addItem(autonym(lang), lang)
        self.form.load(questionnaire)

    def _finish_round(self) -> None:
        token, self.token = self.token, None
        if token is not None:
            self.ctx.ops.run(lambda s: s.evaluations.finish_round(token))

    def save_form(self) -> None:
        context, code = self.picker.context(), self.picker.questionnaire_code()
        answers = self.form.collected()
        if context is None or code is None or not answers:
            self.status.setText(_("Nothing to save: type the answers of a form first."))
            return
        language = str(self.language.currentData())
        day = self.answered_on.date().toPython()
        assert isinstance(day, date)
        self.form.clear()
        self.form.setFocus()
        if self.token is not None:
            self._submit(self.token, language, answers, day)
            return
        # Forms typed before the sitting's round exists wait for it (Enter can be fast).
        self._waiting.append((language, answers, day))
        if len(self._waiting) == 1:
            self.ctx.ops.run(
                lambda s: s.evaluations.start_round(context[0], context[1], code, mode="paper"),
                on_done=self._round_started, on_error=self._failed)

    def _round_started(self, token: RoundToken) -> None:
        self.token = token
        waiting, self._waiting = self._waiting, []
        for language, answers, day in waiting:
            self._submit(token, language, answers, day)

    def _submit(self, token: RoundToken, language: str, answers: dict[str, Answer],
                day: date) -> None:
        self.ctx.ops.run(lambda s: s.evaluations.submit_answer(token, language, answers, day),
                         on_done=self._saved, on_error=self._failed)

    def _saved(self, _change: object) -> None:
        self.saved += 1
        self.status.setText(_("Forms saved in this sitting: {count}").format(count=self.saved))

    def _failed(self, error: UserError) -> None:
        self._waiting = []
        self.status.setText(error.message())

    def hideEvent(self, event: object) -> None:
        # Leaving the screen ends the sitting, so its forms move on together.
        self._finish_round()
        super().hideEvent(event)  # type: ignore[arg-type]

