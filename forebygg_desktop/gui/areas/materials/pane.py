"""One side of the side-by-side view: a sheet in one chosen language.

The pane's layout direction follows the language of the text it shows, not the interface:
an Arabic sheet is right to left beside a Swedish one in any interface language.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QStyleOptionComboBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.materials import MaterialLibrary, MaterialsError, ResolvedTranslation
from forebygg_desktop.gui.areas.materials.text import (
    MATERIAL_LANGUAGES,
    PDF_FORMAT,
    fallback_html,
    fill_browser,
    language_label,
    review_text,
    text_direction,
)
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.pdf_pages import PdfRenderError, render_pages

# Pages are drawn this many pixels wide (an A4 page at about 70 dpi).
PDF_PAGE_WIDTH = 560

NOTICE_STYLE = ("QLabel { border: 2px solid #8a5a00; padding: 6px; background: #fff4d6; "
                "color: #1a1a1a; }")


class LanguagePicker(QComboBox):
    """A combo box never narrower than its longest entry, in every interface language.

    Two things in Qt's `AdjustToContents` cut entries off after a live language switch:
    it keeps the minimum size hint it worked out first, in the language the window was built
    in, so a layout may squeeze the combo below the longer names of the new language
    (Somali: "Lätt svenska – Iswiidhish fudud"); and it measures the entries' ink, not the
    room their text takes when drawn. Here both hints are worked out afresh from the current
    entries (five of them: cheap) with their full advance.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(index))
                      for index in range(self.count())), default=0)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        # The style draws the text 1 px in from each side of its field.
        needed = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                               QSize(widest + 2, hint.height()), self)
        return QSize(max(hint.width(), needed.width()), hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class SheetPane(Retranslatable):
    """A heading ("Your language" / "Parent's language"), a language picker, the review
    status, a fallback notice when the sheet lacks the language, and the text itself."""

    language_changed = Signal(str)

    def __init__(self, heading: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heading_msgid = heading
        self._library: MaterialLibrary | None = None
        self._sheet_id: str | None = None
        self.resolved: ResolvedTranslation | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        row = QHBoxLayout()
        # The heading is the picker's label: "Parent's language: [العربية]". It stands
        # above the picker, not beside it: two panes of label + picker side by side left
        # the list of sheets no room at 125 % (Somali: "Luqadda waalidka: [lätt svenska –
        # Iswiidhish fudud]").
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.language = LanguagePicker(self)
        self.heading.setBuddy(self.language)
        for code in MATERIAL_LANGUAGES:
            self.language.addItem("", code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        layout.addWidget(self.heading)
        row.addWidget(self.language)
        row.addStretch(1)
        layout.addLayout(row)
        self.review = QLabel(self)
        self.review.setObjectName("review-status")
        self.review.setWordWrap(True)
        self.notice = QLabel(self)
        self.notice.setObjectName("fallback-notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()
        layout.addWidget(self.review)
        layout.addWidget(self.notice)
        self.stack = QStackedWidget(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.stack.addWidget(self.browser)
        self.pdf_panel = QFrame(self)
        pdf_layout = QVBoxLayout(self.pdf_panel)
        pdf_layout.setContentsMargins(0, 0, 0, 0)
        self.pdf_text = QLabel(self.pdf_panel)
        self.pdf_text.setWordWrap(True)
        self.pdf_text.hide()
        self.pdf_scroll = QScrollArea(self.pdf_panel)
        self.pdf_scroll.setWidgetResizable(True)
        self.pdf_pages = QWidget(self.pdf_scroll)
        self.pdf_pages_layout = QVBoxLayout(self.pdf_pages)
        self.pdf_scroll.setWidget(self.pdf_pages)
        self.open_button = QPushButton(self.pdf_panel)
        self.open_button.clicked.connect(self.open_externally)
        pdf_layout.addWidget(self.pdf_text)
        pdf_layout.addWidget(self.pdf_scroll, 1)
        pdf_layout.addWidget(self.open_button)
        self.stack.addWidget(self.pdf_panel)
        layout.addWidget(self.stack, 1)
        self.language.currentIndexChanged.connect(self._language_picked)
        self._apply_direction()
        self.retranslate_ui()

    # --- state --------------------------------------------------------------------------
    def current_language(self) -> str:
        return str(self.language.currentData())

    def set_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def follow_language(self, code: str) -> None:
        """Show `code` unless the user picked this pane's language (a live switch must not
        leave the worker pane in the language the program started in)."""
        if not self.language.property("picked"):
            self.language.blockSignals(True)
            self.set_language(code)
            self.language.blockSignals(False)
            self._apply_direction()
            self._render()

    def show_sheet(self, library: MaterialLibrary | None, sheet_id: str | None) -> None:
        """Show a sheet (None: nothing chosen) in the pane's language."""
        self._library, self._sheet_id = library, sheet_id
        self._render()

    def is_pdf(self) -> bool:
        return self.resolved is not None and self.resolved.translation.format == PDF_FORMAT

    # --- display ------------------------------------------------------------------------
    def _language_picked(self) -> None:
        self.language.setProperty("picked", True)
        self._apply_direction()
        self._render()
        self.language_changed.emit(self.current_language())

    def _apply_direction(self) -> None:
        direction = text_direction(self.current_language())
        self.setLayoutDirection(direction)

    def _render(self) -> None:
        self.resolved = None
        if self._library is not None and self._sheet_id is not None:
            try:
                self.resolved = self._library.resolve(self._sheet_id, self.current_language())
            except MaterialsError:
                self.resolved = None
        if self.resolved is None:
            self.browser.clear()
        else:
            # The text's own direction: a fallback to Swedish in the Arabic pane reads LTR.
            fill_browser(self.browser, self.resolved, 11.0)
        if self.is_pdf():
            self._show_pdf_pages()
        self.stack.setCurrentWidget(self.pdf_panel if self.is_pdf() else self.browser)
        self._update_texts()

    def _show_pdf_pages(self) -> None:
        """Draw the PDF's pages inside the pane; a PDF that cannot be read says so."""
        assert self.resolved is not None
        while (item := self.pdf_pages_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        try:
            images = render_pages(self.resolved.path, PDF_PAGE_WIDTH,
                                  device_pixel_ratio=self.devicePixelRatioF())
        except (PdfRenderError, OSError):
            images = []
        self.pdf_text.setVisible(not images)
        for image in images:
            page = QLabel(self.pdf_pages)
            page.setObjectName("pdf-page")
            page.setPixmap(QPixmap.fromImage(image))
            page.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.pdf_pages_layout.addWidget(page)
        self.pdf_pages_layout.addStretch(1)

    def _update_texts(self) -> None:
        resolved = self.resolved
        self.review.setVisible(resolved is not None)
        self.notice.setVisible(resolved is not None and resolved.is_fallback)
        if resolved is None:  # nothing chosen (yet): the pane's heading names it
            self.browser.setAccessibleName(_(self._heading_msgid).replace("&", "").rstrip(":"))
            return
        self.review.setText(review_text(resolved.translation.review))
        if resolved.is_fallback:
            self.notice.setText(fallback_html(resolved))
        self.browser.setAccessibleName(resolved.translation.title)

    def retranslate_ui(self) -> None:
        self.heading.setText(_(self._heading_msgid))
        for index, code in enumerate(MATERIAL_LANGUAGES):
            self.language.setItemText(index, language_label(code))
        self.language.setAccessibleName(_(self._heading_msgid).replace("&", "").rstrip(":"))
        self.pdf_text.setText(_("This PDF file cannot be shown here. Try the computer's "
                                "PDF viewer."))
        self.open_button.setText(_("&Open in the PDF viewer"))
        self._update_texts()

    def open_externally(self) -> bool:
        """Open a PDF material in the system's viewer too (e.g. to zoom or search it)."""
        if self.resolved is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.resolved.path)))
