"""A message strip above a list: what just happened, with an optional action (Undo)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QWidget

from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.widgets.field_errors import WARNING_SIGN

# Not "ℹ" (U+2139): our fonts lack it and fallback fonts draw it as a plain "i", so
# "ℹ Sparat." read "i Sparat." ("in Saved"). An icon beside the text marks the kind instead.
INFO_SIGN = ""


class NoticeBar(QFrame):
    """Shows one notice at a time; the text carries a sign, never colour alone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.icon = QLabel(self)
        self.icon.setObjectName("notice-icon")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("notice-action")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("notice-close")
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.dismiss)
        self.action_button.clicked.connect(self._act)
        self._action: Callable[[], None] | None = None
        self._message: Callable[[], str] = str
        self._action_text: Callable[[], str] | None = None
        self._warning = False
        self.hide()

    def show_notice(self, message: Callable[[], str], *, warning: bool = False,
                    action_text: Callable[[], str] | None = None,
                    action: Callable[[], None] | None = None) -> None:
        """Show `message()` (a function, so it re-translates after a language switch)."""
        self._message, self._warning = message, warning
        self._action, self._action_text = action, action_text
        self.action_button.setVisible(action is not None)
        self.retranslate_ui()
        self.show()

    def dismiss(self) -> None:
        self._action = None
        self.hide()

    def _act(self) -> None:
        action = self._action
        self.dismiss()
        if action is not None:
            action()

    def retranslate_ui(self) -> None:
        sign = WARNING_SIGN if self._warning else INFO_SIGN
        self.text.setText(f"{sign} {self._message()}" if sign else self._message())
        kind = (QStyle.StandardPixmap.SP_MessageBoxWarning if self._warning
                else QStyle.StandardPixmap.SP_MessageBoxInformation)
        size = self.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(kind).pixmap(size, size))
        if self._action_text is not None:
            self.action_button.setText(self._action_text())
        self.close_button.setText(_("Dismiss"))
        self.close_button.setAccessibleName(_("Dismiss the message"))
