"""The evaluation kiosk's settings: the staff PIN (stored hashed, never shown) and the idle
time after which an unfinished answer is discarded. Shown in Settings and the Kiosk tab."""

from __future__ import annotations

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
        self.idle.setValue(ctx.store.settings.get(settings.KIOSK_IDLE_SECONDS))
        # The same section may be open in Settings and in the Kiosk tab.
        ctx.ops.changed.connect(self._on_change)
        self.retranslate_ui()

    def _on_change(self, change: object) -> None:
        if getattr(change, "kind", "") == "setting":
            self.update_state()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Evaluation kiosk"))
        self.new_pin_label.setText(_("&New staff PIN (4-12 digits)"))
        self.repeat_pin_label.setText(_("&Repeat the PIN"))
        self.idle_label.setText(_("Discard an unfinished answer after (&seconds)"))
        self.save_button.setText(_("Save &kiosk settings"))
        self.update_state()

    def update_state(self) -> None:
        has_pin = self.ctx.store.evaluations.has_kiosk_pin()
        self.pin_state.setText(
            _("A staff PIN is set. It is stored only as a hash and never shown.") if has_pin
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


def settings_section(ctx: AppContext) -> KioskPinSection:
    return KioskPinSection(ctx)
