"""Enrolment: the first file of an unknown laptop, accepted once by a person who compared
the key fingerprint with the one in that laptop's settings (by phone, for instance)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from forebygg_desktop.core.exchange.seal import Signer
from forebygg_desktop.core.i18n import _


class EnrolDialog(QDialog):
    """Shows one laptop's name and key fingerprint; Accept enrols it, Close does not."""

    def __init__(self, signer: Signer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrol-device")
        self.signer = signer
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.fingerprint = QLabel(signer.fingerprint, self)
        self.fingerprint.setObjectName("fingerprint")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a code
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.accept_button = QPushButton(self)
        self.accept_button.setObjectName("accept-device")
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.reject_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.heading, self.fingerprint, self.explanation):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        # Accepting takes a deliberate click: Return never accepts a key unseen.
        self.accept_button.setAutoDefault(False)
        self.reject_button.setDefault(True)
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.accept_button.setDefault(False)
        self.reject_button.setDefault(True)
        self.reject_button.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("New laptop"))
        self.heading.setText(_("“{device}” is sending its first file. Its key fingerprint "
                               "is:").format(device=self.signer.device_name))
        self.explanation.setText(_(
            "Call the person who has this laptop and ask them to read the fingerprint shown "
            "under Settings on the laptop. Accept only if every character is the same. From "
            "then on, only files signed with this key are taken from this laptop."))
        self.accept_button.setText(_("&Accept this laptop"))
        self.reject_button.setText(_("Not now"))
