"""The evaluation kiosk's settings: the staff PIN (stored hashed, never shown) and the idle
time after which an unfinished answer is discarded. Shown in Settings and the Kiosk tab."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QSpinBox

from forebygg_desktop.core import settings
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.gui.context import AppContext


class KioskPinSection(QGroupBox):
    """Set a new PIN (typed twice) and the idle time; `pin_saved` follows a new PIN."""

    pin_saved = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        form = QFormLayout(self)
        self.pin_state = QLabel()
        self.pin_state.setWordWrap(True)
        self.new_pin, self.repeat_pin = QLineEdit(), QLineEdit()
        self.new_pin_label, self.repeat_pin_label = QLabel(), QLabel()
        for label, edit in ((self.new_pin_label, self.new_pin),
                            (self.repeat_pin_label, self.repeat_pin)):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(12)
            label.setBuddy(edit)
        self.idle = QSpinBox()
        self.idle.setRange(20, 900)
        self.idle.setSingleStep(10)
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.pin_state)
        form.addRow(self.new_pin_label, self.new_pin)
        form.addRow(self.repeat_pin_label, self.repeat_pin)
        form.addRow(self.idle_label, self.idle)
        form.addRow(self.save_button)
        form.addRow(self.message)
        # Whether a PIN is set and the idle time are read on the reader thread; Save
        # waits for them (it writes the idle time shown).
        self._has_pin: bool | None = None
        self._idle_shown = False
        self.save_button.setEnabled(False)
        # The same section may be open in Settings and in the Kiosk tab.
        ctx.ops.changed.connect(self._on_change)
        self.retranslate_ui()
        self.update_state()

    def _on_change(self, change: object) -> None:
        if getattr(change, "kind", "") == "setting":
            self.update_state()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Evaluation kiosk"))
        self.new_pin_label.setText(_("&New staff PIN (4-12 digits)"))
        self.repeat_pin_label.setText(_("&Repeat the PIN"))
        self.idle_label.setText(_("Discard an unfinished answer after (&seconds)"))
        self.save_button.setText(_("Save &kiosk settings"))
        self._show_pin_state()

    def update_state(self) -> None:
        """Read again whether a PIN is set (and, the first time, the idle time)."""
        self.ctx.ops.read(_kiosk_state, self._state_read)

    def _state_read(self, state: tuple[bool, int]) -> None:
        if not shiboken6.isValid(self):
            return  # closed while it was read
        self._has_pin, idle = state
        if not self._idle_shown:
            self._idle_shown = True
            self.idle.setValue(idle)
            self.save_button.setEnabled(True)
        self._show_pin_state()

    def _show_pin_state(self) -> None:
        if self._has_pin is not None:
            self.pin_state.setText(
                _("A staff PIN is set. It is stored only as a hash and never shown.")
                if self._has_pin
                else _("No staff PIN is set yet: set one before starting a kiosk."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def save(self) -> None:
        pin, repeated, idle = self.new_pin.text(), self.repeat_pin.text(), self.idle.value()
        if pin != repeated:
            self.message.setText(_("The two PINs differ."))
            return
        self.new_pin.clear()
        self.repeat_pin.clear()

        def work(store: Store) -> Change:
            change = store.settings.set(settings.KIOSK_IDLE_SECONDS, idle)
            return store.evaluations.set_kiosk_pin(pin) if pin else change

        def done(_change: object) -> None:
            self.message.setText(_("Saved."))
            self.update_state()
            if pin:
                self.pin_saved.emit()

        self.ctx.ops.run(work, on_done=done, on_error=lambda e: self.message.setText(e.message()))


def _kiosk_state(store: Store) -> tuple[bool, int]:
    return (store.evaluations.has_kiosk_pin(),
            store.settings.get(settings.KIOSK_IDLE_SECONDS))


def settings_section(ctx: AppContext) -> KioskPinSection:
    return KioskPinSection(ctx)
