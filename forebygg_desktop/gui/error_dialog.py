"""The window's one top-level error path: an unhandled exception becomes a dialog.

`sys.excepthook` and `threading.excepthook` (worker threads) hand the exception to an
`ErrorReporter`, which logs it without personal data (`core.logs.safe_traceback`) and shows,
on the UI thread and in the user's language, what happened, that saved data is safe, and
where the log is. The program keeps running when a window is up; before that (nothing to
go back to) it ends with exit code 70. A windowed Windows build has no console: without
this, the program would simply vanish.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from forebygg_desktop.core.errors import UserError, WritesRefusedError
from forebygg_desktop.core.files import is_damage
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.logs import safe_traceback

log = logging.getLogger(__name__)
EXIT_UNEXPECTED = 70


def unexpected_texts(error: BaseException, log_path: Path | None) -> tuple[str, str]:
    """The dialog's main text and its explanation, in the interface language."""
    if isinstance(error, UserError):
        return error.message(), ""
    if is_damage(error):  # a read met a damaged page: the same words as at start
        return WritesRefusedError().message(), _(
            "The details are in the log: {log}").format(
                log=str(log_path) if log_path is not None else "-")
    main = _("Something unexpected went wrong ({kind}).").format(kind=type(error).__name__)
    where = str(log_path) if log_path is not None else _("no log could be written")
    detail = _("Your saved registrations are safe: every save is either complete or not made "
               "at all. What you did just before this may not have been saved; check it. If "
               "this happens again, restart the program and tell support. The details are in "
               "the log: {log}").format(log=where)
    return main, detail


class ErrorReporter(QObject):
    """Receives unhandled exceptions from any thread and shows them on the UI thread."""

    reported = Signal(object)  # the exception, after it was logged
    _arrived = Signal(object)

    def __init__(self, app: QApplication, log_path: Path | None,
                 keep_running: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent or app)
        self.app, self.log_path, self.keep_running = app, log_path, keep_running
        self.showing = False
        self.box: QMessageBox | None = None
        self._arrived.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.hook
        threading.excepthook = self._thread_hook

    def hook(self, kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        if value.__traceback__ is None and tb is not None:
            value = value.with_traceback(tb)
        if issubclass(kind, KeyboardInterrupt):
            self.app.exit(130)
            return
        log.critical("unhandled exception:\n%s", safe_traceback(value))
        self._arrived.emit(value)

    def hook_error(self, error: BaseException) -> None:
        """Report an exception caught elsewhere (a worker's outcome) the same way."""
        self.hook(type(error), error, error.__traceback__)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.hook(args.exc_type, args.exc_value, args.exc_traceback)

    def show_now(self, error: BaseException) -> None:
        """Log and show at once (no event loop yet); the caller ends the program."""
        log.critical("unhandled exception:\n%s", safe_traceback(error))
        self._dialog(error)

    def _show(self, error: BaseException) -> None:
        self._dialog(error)
        if not self.keep_running():
            self.app.exit(EXIT_UNEXPECTED)

    def _dialog(self, error: BaseException) -> None:
        if self.showing:
            return  # one dialog at a time; the log holds every one
        self.showing = True
        try:
            main, detail = unexpected_texts(error, self.log_path)
            parent = QApplication.activeWindow()
            self.box = box = QMessageBox(QMessageBox.Icon.Critical, _("Forebygg Desktop"), main,
                                         QMessageBox.StandardButton.Ok,
                                         parent if isinstance(parent, QWidget) else None)
            box.setObjectName("unexpected-error")
            box.setInformativeText(detail)
            self.reported.emit(error)
            box.exec()
        finally:
            self.showing = False
            self.box = None
