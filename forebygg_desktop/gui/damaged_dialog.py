"""Shown at once when the start-up integrity check fails: saving is off; restore or rescue.

The choices: restore the newest backup that passes its check (the damaged file is kept
aside, never deleted), save what can still be read to a folder the user picks, or go on
without saving (reading still works).
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.widgets.record_table import isolated

if TYPE_CHECKING:
    from forebygg_desktop.core.backups import BackupInfo, BackupSummary


class Choice(IntEnum):
    CONTINUE = 0
    RESTORE = 1
    RESCUE = 2


class DamagedDialog(QDialog):
    """The damaged-database dialog; `exec()` returns a `Choice`."""

    def __init__(self, detail: str, newest: BackupInfo | None,
                 summary: BackupSummary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("damaged-database")
        self.detail, self.newest, self.summary = detail, newest, summary
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        top.addWidget(icon)
        texts = QVBoxLayout()
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.backup_label = QLabel(self)
        self.backup_label.setWordWrap(True)
        self.backup_label.setObjectName("newest-backup")
        for label in (self.heading, self.body, self.backup_label):
            texts.addWidget(label)
        top.addLayout(texts, 1)
        layout.addLayout(top)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("restore-newest")
        self.restore_button.setEnabled(newest is not None)
        self.restore_button.setDefault(newest is not None)
        self.rescue_button = QPushButton(self)
        self.rescue_button.setObjectName("rescue")
        self.continue_button = QPushButton(self)
        self.continue_button.setObjectName("continue-read-only")
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.rescue_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(lambda: self.done(Choice.RESTORE))
        self.rescue_button.clicked.connect(lambda: self.done(Choice.RESCUE))
        self.continue_button.clicked.connect(lambda: self.done(Choice.CONTINUE))
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Forebygg Desktop"))
        self.heading.setText(_("The database is damaged"))
        self.body.setText(_(
            "The check at start found damage in the database file ({detail}). To protect "
            "what is in it, saving is turned off: nothing new can be saved until a backup is "
            "restored. Nothing has been deleted.").format(detail=self.detail))
        if self.newest is None:
            self.backup_label.setText(_(
                "No backup passed its check. Save what can still be read and contact "
                "support."))
        else:
            held = self.summary.text() if self.summary else _("cannot be read")
            self.backup_label.setText(_(
                "Newest good backup: {date} ({contents}). Restoring it keeps the damaged file "
                "aside in the backups folder; registrations made after the backup will be "
                "missing.").format(date=isolated(f"{self.newest.taken_at:%Y-%m-%d %H:%M}"),
                                   contents=held))
        self.restore_button.setText(_("Restore the newest good backup"))
        self.rescue_button.setText(_("Save what can be read…"))
        self.continue_button.setText(_("Continue without saving"))
