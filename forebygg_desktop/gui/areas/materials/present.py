"""'Show to the parent': one sheet full screen, large text, closed with Esc or a big button."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.materials import ResolvedTranslation
from forebygg_desktop.gui.areas.materials.pane import NOTICE_STYLE
from forebygg_desktop.gui.areas.materials.text import fallback_text, fill_browser, text_direction

PRESENT_POINT_SIZE = 22.0


class PresentDialog(QDialog):
    """The sheet alone on the screen for a parent to read; the staff closes it again."""

    def __init__(self, resolved: ResolvedTranslation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resolved = resolved
        self.setObjectName("materials-present")
        self.setWindowTitle(resolved.translation.title)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.close_button = QPushButton(self)
        font = self.close_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.close_button.setFont(font)
        self.close_button.setMinimumHeight(48)
        self.close_button.clicked.connect(self.reject)
        bar.addWidget(self.close_button)
        layout.addLayout(bar)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setObjectName("fallback-notice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        # The parent reads this, alone: in the parent's language and its direction.
        self.notice.setLayoutDirection(text_direction(resolved.requested_language))
        self.notice.setVisible(resolved.is_fallback)
        layout.addWidget(self.notice)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(resolved.translation.title)
        self.browser.document().setDocumentMargin(32)
        fill_browser(self.browser, resolved, PRESENT_POINT_SIZE)
        layout.addWidget(self.browser, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # TRANSLATORS: closes the full-screen view of an information sheet; Esc does too.
        self.close_button.setText("✕ " + _("Close (Esc)"))
        self.close_button.setAccessibleName(_("Close"))
        self.notice.setText(fallback_text(self.resolved, self.resolved.requested_language))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def present(self) -> None:
        """Show full screen, focus on the text (Esc closes)."""
        self.showFullScreen()
        self.browser.setFocus()
