"""Starting the parent kiosk, and setting the staff PIN that ends it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _, ngettext
from forebygg_desktop.core.store.evaluation_records import RoundToken
from forebygg_desktop.gui.areas.evaluations.context import ContextPicker
from forebygg_desktop.gui.areas.evaluations.kiosk.window import KioskWindow
from forebygg_desktop.gui.areas.evaluations.kiosk_settings import KioskPinSection
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable


class KioskStartTab(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.kiosk: KioskWindow | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        # Never a series that has not started: the kiosk is handed round at a meeting.
        self.picker = ContextPicker(ctx, for_kiosk=True)
        layout.addWidget(self.picker)
        self.start_button = QPushButton()
        self.start_button.clicked.connect(self.start)
        layout.addWidget(self.start_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.pin_box = KioskPinSection(ctx)
        self.pin_box.pin_saved.connect(self._update)
        layout.addWidget(self.pin_box)
        layout.addStretch(1)
        self.picker.changed.connect(self._update)
        # A bound method, not a lambda: Qt drops it when this widget is deleted.
        ctx.ops.changed.connect(self._on_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.intro.setText(_(
            "Hand the laptop round at the last meeting: parents answer one at a time, in "
            "their own language. The kiosk fills the screen and only the staff PIN ends it."))
        self.start_button.setText(_("&Start the kiosk"))
        self._update()

    def _update(self) -> None:
        has_pin = self.ctx.store.evaluations.has_kiosk_pin()
        ready = has_pin and self.picker.context() is not None \
            and self.picker.questionnaire_code() is not None
        self.start_button.setEnabled(ready and self.kiosk is None)

    def start(self) -> None:
        context, code = self.picker.context(), self.picker.questionnaire_code()
        if context is None or code is None:
            return
        self.start_button.setEnabled(False)
        self.ctx.ops.run(lambda s: s.evaluations.start_round(context[0], context[1], code),
                         on_done=self._open_kiosk, on_error=self._failed)

    def _open_kiosk(self, token: RoundToken) -> None:
        questionnaire = self.ctx.store.evaluations.questionnaire(
            token.questionnaire_code, token.questionnaire_version)
        self.kiosk = KioskWindow(self.ctx, token, questionnaire)
        self.kiosk.finished.connect(self._kiosk_finished)
        main = self.window()
        if main is not self:
            main.hide()  # nothing of the staff program stays reachable behind the kiosk
        self.kiosk.open()
        self.status.clear()

    def _kiosk_finished(self) -> None:
        main = self.window()
        if main is not self:
            main.show()
        saved = 0
        if self.kiosk is not None:
            saved = self.kiosk.saved_count
            self.kiosk.deleteLater()
            self.kiosk = None
        self.status.setText(ngettext("The kiosk has ended. {count} answer was saved.",
                                     "The kiosk has ended. {count} answers were saved.",
                                     saved).format(count=saved))
        self._update()

    def _failed(self, error: UserError) -> None:
        self.status.setText(error.message())
        self._update()

    def _on_changed(self, _change: object) -> None:
        self._update()
