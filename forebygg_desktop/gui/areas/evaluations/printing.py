"""Printing any questionnaire in any of its languages as a PDF, for groups without a laptop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.kiosk_texts import autonym
from forebygg_desktop.gui.areas.evaluations.context import questionnaire_label
from forebygg_desktop.gui.areas.evaluations.pdf import write_questionnaire_pdf
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.last_folder import PDF, remember, save_file
from forebygg_desktop.gui.widgets.save_target import pdf_target_refusal


class PrintTab(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.questionnaire, self.language = QComboBox(), QComboBox()
        self.questionnaire_label, self.language_label = QLabel(), QLabel()
        self.questionnaire_label.setBuddy(self.questionnaire)
        self.language_label.setBuddy(self.language)
        form.addRow(self.questionnaire_label, self.questionnaire)
        form.addRow(self.language_label, self.language)
        layout.addLayout(form)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.choose_file)
        layout.addWidget(self.save_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.questionnaire.currentIndexChanged.connect(self._fill_languages)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.questionnaire_label.setText(_("&Questionnaire"))
        self.language_label.setText(_("&Language"))
        self.save_button.setText(_("&Save as PDF…"))
        current = self.questionnaire.currentData()
        self.questionnaire.blockSignals(True)
        self.questionnaire.clear()
        for questionnaire in self.ctx.store.evaluations.questionnaires():
            # Qt keeps no tuples as item data: "code vN" names the version.
            self.questionnaire.addItem(questionnaire_label(questionnaire),
                                       f"{questionnaire.code} v{questionnaire.version}")
        self.questionnaire.setCurrentIndex(max(0, self.questionnaire.findData(current)))
        self.questionnaire.blockSignals(False)
        self._fill_languages()

    def _fill_languages(self) -> None:
        data = self.questionnaire.currentData()
        self.language.clear()
        if data is None:
            return
        for lang in self.ctx.store.evaluations.questionnaire(*_split(data)).languages:
            self.language.addItem(autonym(lang), lang)

    def save_to(self, path: Path) -> Path:
        """Write the chosen questionnaire and language to `path`."""
        code, version = _split(self.questionnaire.currentData())
        questionnaire = self.ctx.store.evaluations.questionnaire(code, version)
        written = write_questionnaire_pdf(questionnaire, str(self.language.currentData()), path)
        self.message.setText(_("Saved: {path}").format(path=str(written)))
        return written

    def choose_file(self) -> None:
        if self.questionnaire.currentData() is None:
            return
        code, version = _split(self.questionnaire.currentData())
        chosen = save_file(self.ctx, PDF, self, _("Save as PDF"),
                           f"{code}-v{version}-{self.language.currentData()}.pdf",
                           _("PDF files (*.pdf)"), keep=False)
        if chosen is not None:
            refusal = pdf_target_refusal(self.ctx, chosen)
            if refusal is not None:
                self.message.setText(refusal)
                return
            remember(self.ctx, PDF, chosen)
            try:
                self.save_to(chosen)
            except OSError as error:
                self.message.setText(_("The PDF could not be saved: {detail}").format(
                    detail=error.strerror or type(error).__name__))


def _split(data: object) -> tuple[str, int]:
    code, version = str(data).rsplit(" v", 1)
    return code, int(version)
