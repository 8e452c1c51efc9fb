"""After the Store is open: the integrity check and backups, and what the window does with
their outcome — the damaged-database dialog, restoring a backup, rescuing what can be read,
and warnings that never stop the program (a backup that could not be made).

The check runs on a worker (≈ 4 s on a large file); its outcome arrives on the UI thread.
A damaged file has its saves refused by the core at once (`store.uow.refuse_writes`), before
the dialog is even shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from forebygg_desktop.core.errors import UserError, WritesRefusedError
from forebygg_desktop.core.i18n import _, format_number, ngettext, separated
from forebygg_desktop.gui.damaged_dialog import Choice, DamagedDialog
from forebygg_desktop.gui.widgets.file_dialogs import dialog_options, documents_dir

if TYPE_CHECKING:  # SQLAlchemy loads after the first window: imported where used
    from forebygg_desktop.core.backups import BackupInfo, BackupSummary, CheckOutcome
    from forebygg_desktop.core.startup import Installation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckReport:
    outcome: CheckOutcome
    newest: BackupInfo | None = None
    summary: BackupSummary | None = None


class _Relay(QObject):
    done = Signal(object)


class _Checks(QRunnable):
    def __init__(self, installation: Installation, relay: _Relay) -> None:
        super().__init__()
        self._installation, self._relay = installation, relay

    def run(self) -> None:
        from forebygg_desktop.core.backups import (
            newest_good,
            second_folder,
            startup_round,
            summarize,
        )

        store, data_dir = self._installation.store, self._installation.data_dir
        outcome = startup_round(store, data_dir)
        if not outcome.damaged:
            self._relay.done.emit(CheckReport(outcome))
            return
        log.error("integrity check failed; saves are refused")
        newest = newest_good(data_dir, second_folder(store))
        summary = summarize(newest.path) if newest is not None else None
        self._relay.done.emit(CheckReport(outcome, newest, summary))


def _ask_damaged(report: CheckReport, parent: QWidget | None) -> Choice:
    dialog = DamagedDialog(report.outcome.integrity[:160], report.newest, report.summary,
                           parent)
    return Choice(dialog.exec())


def _choose_folder(parent: QWidget | None) -> Path | None:
    # Not remembered: saves are off while the database is damaged, settings included.
    folder = QFileDialog.getExistingDirectory(parent, _("Choose where to save what can be "
                                                        "read"), str(documents_dir()),
                                              options=dialog_options()
                                              | QFileDialog.Option.ShowDirsOnly)
    return Path(folder) if folder else None


def _inform(parent: QWidget | None, text: str, warning: bool) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                      _("Forebygg Desktop"), text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("data-care-notice")
    box.open()  # not modal: the program goes on


class DataCare(QObject):
    """The start-up round's outcome, shown in the window; restore and rescue."""

    checked = Signal(object)  # CheckReport, after the window dealt with it

    def __init__(self, window: Callable[[], QWidget | None],
                 reopen: Callable[[Path | None], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window, self._reopen = window, reopen
        self.installation: Installation | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._checked)
        # Replaced in tests: the real ones show dialogs.
        self.ask_damaged: Callable[[CheckReport, QWidget | None], Choice] = _ask_damaged
        self.choose_folder: Callable[[QWidget | None], Path | None] = _choose_folder
        self.inform: Callable[[QWidget | None, str, bool], None] = _inform

    def start(self, installation: Installation) -> None:
        self.installation = installation
        self.warn(installation.warnings)
        QThreadPool.globalInstance().start(_Checks(installation, self._relay))

    def warn(self, warnings: list[UserError]) -> None:
        if warnings:
            self.inform(self._window(), "\n\n".join(w.message() for w in warnings), True)

    def damaged_before_window(self, installation: Installation) -> bool:
        """The file is too damaged for the first window: ask now. True when a window is
        open afterwards (a backup was restored), False when the program must end."""
        from forebygg_desktop.core.backups import (
            CheckOutcome,
            check_integrity,
            newest_good,
            second_folder,
            summarize,
        )

        self.installation = installation
        store = installation.store
        integrity = check_integrity(store)
        if integrity == "ok":
            integrity = "database disk image is malformed"
            store.uow.refuse_writes(WritesRefusedError())
        newest = newest_good(installation.data_dir, second_folder(store))
        report = CheckReport(CheckOutcome(integrity=integrity), newest,
                             summarize(newest.path) if newest is not None else None)
        choice = self.ask_damaged(report, None)
        if choice == Choice.RESTORE and newest is not None:
            self._reopen(newest.path)
            return self._window() is not None
        if choice == Choice.RESCUE:
            self.rescue()
        return False

    def _checked(self, report: CheckReport) -> None:
        self.warn(report.outcome.warnings)
        if report.outcome.damaged:
            self._damaged(report)
        self.checked.emit(report)

    def _damaged(self, report: CheckReport) -> None:
        window = self._window()
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(WritesRefusedError().message())
        choice = self.ask_damaged(report, window)
        if choice == Choice.RESTORE and report.newest is not None:
            self._reopen(report.newest.path)
        elif choice == Choice.RESCUE:
            self.rescue()

    def rescue(self) -> None:
        from forebygg_desktop.core.restore import rescue_copy

        assert self.installation is not None
        folder = self.choose_folder(self._window())
        if folder is None:
            return
        try:
            result = rescue_copy(self.installation.store.path, folder,
                                 self.installation.data_dir)
        except UserError as error:
            self.inform(self._window(), error.message(), True)
            return
        copied = sum(result.rows.values())
        text = ngettext("{rows} row copied to {path}.", "{rows} rows copied to {path}.",
                        copied).format(rows=format_number(copied), path=result.path)
        if result.unreadable:
            text += " " + _("Some tables could be read only in part: {tables}.").format(
                tables=separated(result.unreadable))
        self.inform(self._window(), text, bool(result.unreadable))
