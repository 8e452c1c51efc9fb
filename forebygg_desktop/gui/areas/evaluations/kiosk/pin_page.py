"""The staff's way out of the kiosk: the PIN, with a keypad for touch screens.

A wrong PIN keeps the kiosk locked. The PIN is checked against the stored hash and then
dropped from the field; it is never shown, stored or logged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.areas.evaluations.kiosk.pages import big_button, wrapped_label
from forebygg_desktop.gui.retranslate import Retranslatable


class PinPage(Retranslatable):
    """Emits `submitted(pin)`; the window decides and calls `wrong()` when it was wrong."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(360, 30, 360, 30)
        self.title = wrapped_label("kioskTitle")
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setObjectName("kioskPin")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMaxLength(12)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setBuddy(self.edit)
        self.message = wrapped_label("kioskError")
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        pad = QWidget()
        # Keypads read 1-2-3 from the left in every language, as on phones.
        pad.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        keypad = QGridLayout(pad)
        keypad.setContentsMargins(0, 0, 0, 0)
        for index, digit in enumerate("123456789"):
            button = big_button(digit, "key")
            button.clicked.connect(lambda _=False, d=digit: self.edit.insert(d))
            keypad.addWidget(button, index // 3, index % 3)
        self.erase_button = big_button("⌫", "key")
        self.erase_button.clicked.connect(self.edit.backspace)
        zero = big_button("0", "key")
        zero.clicked.connect(lambda: self.edit.insert("0"))
        keypad.addWidget(self.erase_button, 3, 0)
        keypad.addWidget(zero, 3, 1)
        layout.addWidget(pad)
        row = QHBoxLayout()
        self.cancel_button = big_button(role="secondary")
        self.ok_button = big_button(role="primary")
        self.cancel_button.clicked.connect(self._cancel)
        self.ok_button.clicked.connect(self._submit)
        self.edit.returnPressed.connect(self._submit)
        row.addWidget(self.cancel_button)
        row.addWidget(self.ok_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(_("Staff only: leave the evaluation kiosk"))
        self.label.setText(_("Staff &PIN"))
        self.erase_button.setAccessibleName(_("Erase one digit"))
        self.cancel_button.setText(_("Back to the kiosk"))
        self.ok_button.setText(_("Leave the kiosk"))

    def reset(self) -> None:
        self.edit.clear()
        self.message.clear()

    def wrong(self) -> None:
        self.edit.clear()
        self.message.setText(_("Wrong PIN. The kiosk stays locked."))
        self.edit.setFocus()

    def _submit(self) -> None:
        pin = self.edit.text()
        self.edit.clear()
        self.submitted.emit(pin)

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()
