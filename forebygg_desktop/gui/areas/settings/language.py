"""Settings: the interface language, switched live and remembered for the next start."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.context import AppContext


class LanguageSection(QGroupBox):
    """Picks the interface language by its own name (autonym): the switch is immediate."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settings-language")
        layout = QFormLayout(self)
        self.label = QLabel(self)
        self.picker = QComboBox(self)
        self.picker.setObjectName("language-picker")
        self.picker.setMaximumWidth(320)
        # Autonyms are never translated: a reader of Somali finds "Soomaali" in any language.
        for code in i18n.UI_LANGUAGES:
            self.picker.addItem(i18n.language_info(code).autonym, code)
            index = self.picker.count() - 1
            self.picker.setItemData(index, code, Qt.ItemDataRole.AccessibleDescriptionRole)
        self.label.setBuddy(self.picker)
        self.example = QLabel(self)
        self.example.setObjectName("language-example")
        self.example.setWordWrap(True)
        layout.addRow(self.label, self.picker)
        layout.addRow(self.example)
        self._select(i18n.current_language())
        self.picker.currentIndexChanged.connect(self._picked)

    def _select(self, code: str) -> None:
        index = self.picker.findData(code)
        if index >= 0 and index != self.picker.currentIndex():
            self.picker.blockSignals(True)
            self.picker.setCurrentIndex(index)
            self.picker.blockSignals(False)

    def _picked(self, index: int) -> None:
        code = self.picker.itemData(index)
        if not code or code == i18n.current_language():
            return
        self.ctx.language.apply(code)
        self.ctx.ops.run(lambda store: store.settings.set(settings.LANGUAGE, code))

    def retranslate_ui(self) -> None:
        self.setTitle(_("Language"))
        self.label.setText(_("&Interface language:"))
        self.picker.setAccessibleName(_("Interface language"))
        # The language may have been switched elsewhere (command line, another window).
        self._select(i18n.current_language())
        today = date.today()
        self.example.setText(_("Dates and numbers look like this: {date} · {number} · {quarter}")
                             .format(date=i18n.format_date(today, "long"),
                                     number=i18n.format_number(1234.5),
                                     quarter=i18n.format_quarter(today.year,
                                                                 (today.month - 1) // 3 + 1)))
