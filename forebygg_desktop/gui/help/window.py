"""The user guide window: the page of one area, in any of the five help languages.

F1 in the main window opens it on the area shown, in the interface language; the list on
the leading side leads to the other areas, the language list to the other languages
(easy Swedish included). Arabic pages are laid out right to left.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextBlockFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import help_pages
from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.pages import AREAS
from forebygg_desktop.gui.widgets.window_geometry import resize_within_screen


class HelpWindow(QDialog):
    """The guide; `show_page(area, language)` chooses what it shows."""

    # (area, language of the page shown) after every change of page
    page_shown = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help-window")
        resize_within_screen(self, 820, 600)
        self.area = AREAS[0].key
        self.language = "sv"
        self.areas = QListWidget(self)
        self.areas.setObjectName("help-areas")
        self.areas.setFixedWidth(200)
        for area in AREAS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.areas.addItem(item)
        self.language_label = QLabel(self)
        self.languages = QComboBox(self)
        self.languages.setObjectName("help-language")
        for code in help_pages.HELP_LANGUAGES:
            self.languages.addItem(help_pages.AUTONYMS[code], code)
        self.language_label.setBuddy(self.languages)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help-text")
        self.browser.setOpenLinks(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)

        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.language_label)
        top.addWidget(self.languages)
        middle = QHBoxLayout()
        middle.addWidget(self.areas)
        middle.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)

        self.areas.currentRowChanged.connect(self._area_chosen)
        self.languages.currentIndexChanged.connect(self._language_chosen)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Help – Forebygg Desktop"))
        self.language_label.setText(_("&Language of the guide:"))
        for row, area in enumerate(AREAS):
            item = self.areas.item(row)
            if item is not None:
                item.setText(area.title())

    def show_page(self, area: str, language: str) -> None:
        """Show the guide for `area` in `language` (falling back as core/help_pages does)."""
        path = help_pages.page_path(area, language)
        if path is None:
            return
        self.area, self.language = area, help_pages.page_language(path)
        rtl = self.language in help_pages.RTL_LANGUAGES
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.browser.setLayoutDirection(direction)
        option = self.browser.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(Qt.AlignmentFlag.AlignLeading)  # the right edge in Arabic
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.browser.document().setDefaultTextOption(option)
        self.browser.setHtml(help_pages.read_page(path))
        # Qt's rich text ignores <html dir="rtl">: give every block the page's direction.
        block = QTextBlockFormat()
        block.setLayoutDirection(direction)
        block.setAlignment(Qt.AlignmentFlag.AlignLeading)
        cursor = QTextCursor(self.browser.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)
        for widget in (self.areas, self.languages):
            widget.blockSignals(True)
        self.areas.setCurrentRow(next(i for i, a in enumerate(AREAS) if a.key == area))
        self.languages.setCurrentIndex(self.languages.findData(self.language))
        for widget in (self.areas, self.languages):
            widget.blockSignals(False)
        self.page_shown.emit(self.area, self.language)

    def _area_chosen(self, row: int) -> None:
        if 0 <= row < len(AREAS):
            self.show_page(AREAS[row].key, self.language)

    def _language_chosen(self, index: int) -> None:
        code = self.languages.itemData(index)
        if isinstance(code, str):
            self.show_page(self.area, code)
