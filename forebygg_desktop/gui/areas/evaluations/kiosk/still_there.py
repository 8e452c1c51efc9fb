"""The kiosk's "Are you still there?" warning, with a visible countdown before the reset.

Shown over the whole kiosk, in the parent's chosen language, some seconds before an idle
kiosk drops an unfinished answer. Any touch or key (handled by the kiosk window) keeps the
answers; the panel itself only shows how long is left.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from forebygg_desktop.core.kiosk_texts import kiosk_text
from forebygg_desktop.gui.areas.evaluations.kiosk.pages import big_button, wrapped_label

PANEL_STYLE = """
QFrame#kioskStillThere { background: rgba(246, 244, 238, 235); }
QFrame#kioskStillThereBox { background: #ffffff; border: 3px solid #005a9e;
                            border-radius: 16px; }
QLabel#kioskCountdown { font-size: 72px; font-weight: bold; color: #005a9e; }
"""


MAX_WIDTH = 860


class StillTherePanel(QFrame):
    """`carry_on()` fires when the parent taps the button (any touch also counts)."""

    carry_on = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskStillThere")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(PANEL_STYLE)
        outer = QVBoxLayout(self)
        box = QFrame(self)
        box.setObjectName("kioskStillThereBox")
        self.box = box
        layout = QVBoxLayout(box)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(20)
        self.title = wrapped_label("kioskTitle")
        self.text = wrapped_label("kioskText")
        self.countdown = QLabel()
        self.countdown.setObjectName("kioskCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.continue_button = big_button(role="primary")
        self.continue_button.clicked.connect(self.carry_on)
        for widget in (self.title, self.text, self.countdown, self.bar):
            layout.addWidget(widget)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)
        self.hide()

    def show_for(self, language: str, seconds: int) -> None:
        """The warning in `language`, counting down from `seconds`."""
        self.title.setText(kiosk_text("still_there", language))
        self.text.setText(kiosk_text("still_there_text", language))
        self.continue_button.setText(kiosk_text("continue", language))
        self.bar.setRange(0, seconds)
        self.set_left(seconds)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._fit()
        self.show()
        self.raise_()
        self.continue_button.setFocus()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit()
        super().resizeEvent(event)

    def _fit(self) -> None:
        """A box wide enough to read and tall enough for every wrapped line."""
        width = max(320, min(MAX_WIDTH, self.width() - 80))
        self.box.setFixedWidth(width)
        layout = self.box.layout()
        if layout is not None:
            self.box.setFixedHeight(layout.totalHeightForWidth(width))

    def set_left(self, seconds: int) -> None:
        # The number alone, large: read at a glance in every language (no plural forms).
        self.countdown.setText(str(seconds))
        self.countdown.setAccessibleName(f"{self.title.text()} {seconds}")
        self.bar.setValue(seconds)
