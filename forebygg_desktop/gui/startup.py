"""The program's arguments and one run of it: the window, the Store opened beside it, the way out.

Both the application (`gui/app.py`) and the self-test (`gui/selftest/`) use this module; neither
imports the other's start-up.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from forebygg_desktop import __version__
from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.windowed_output import WindowedArgumentParser
from forebygg_desktop.gui.collector import start_settled
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.preload import import_areas_ahead
from forebygg_desktop.gui.widgets.accessibility import AccessibleNames

if TYPE_CHECKING:
    from forebygg_desktop.core.glance import Glance
    from forebygg_desktop.core.instance_lock import InstanceLock
    from forebygg_desktop.core.startup import Installation
    from forebygg_desktop.gui.context import AppContext
    from forebygg_desktop.gui.data_care import DataCare

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    # Windowed on Windows: --version and --help then show a message box.
    parser = WindowedArgumentParser(prog="forebygg-desktop")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per user)")
    parser.add_argument("--demo", action="store_true",
                        help="load a demo year into an empty database")
    # The pseudo-language is for developers: accepted when FOREBYGG_DEVELOPER=1, never
    # offered in --help.
    developer = os.environ.get("FOREBYGG_DEVELOPER") == "1"
    languages = [*i18n.UI_LANGUAGES, *([i18n.PSEUDO_LANGUAGE] if developer else [])]
    parser.add_argument("--language", choices=languages, metavar="{" + ",".join(
        i18n.UI_LANGUAGES) + "}", help="interface language (default: the saved setting)")
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--self-test", action="store_true",
                        help="check the installation in a temporary folder, then exit")
    # Benchmarks only: quit as soon as the first window is shown.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def fail_fast(kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
    """An unhandled exception ends the program with a message instead of a silent hang."""
    from forebygg_desktop.core.logs import safe_traceback

    log.critical("unhandled exception:\n%s", safe_traceback(value.with_traceback(tb)))
    sys.__excepthook__(kind, value, tb)
    app = QApplication.instance()
    if app is not None:
        app.exit(70)


class StoreOpener(QObject):
    """Opens the data folder on a worker thread; the outcome arrives on the UI thread."""

    opened = Signal(object)  # Installation
    failed = Signal(object)  # BaseException

    def __init__(self, data_dir: Path, parent: QObject | None = None,
                 lock: InstanceLock | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.lock = data_dir, lock
        # Set on the worker; read after the pool is drained, so a window closed while the
        # Store was still opening still closes it.
        self.installation: Installation | None = None

    def start(self, pool: QThreadPool) -> None:
        pool.start(_OpenJob(self))


class _OpenJob(QRunnable):
    def __init__(self, opener: StoreOpener) -> None:
        super().__init__()
        self._opener = opener

    def run(self) -> None:
        try:
            from forebygg_desktop.core.startup import open_installation

            self._opener.installation = open_installation(self._opener.data_dir,
                                                          lock=self._opener.lock)
        except BaseException as error:  # every outcome must reach the UI thread
            self._opener.failed.emit(error)
        else:
            self._opener.opened.emit(self._opener.installation)


class Startup(QObject):
    """One run of the program: the window, the Store once open, and the way out."""

    # The program must end with this exit code (the Store could not be opened).
    ended = Signal(int)

    def __init__(self, app: QApplication, args: argparse.Namespace, data_dir: Path,
                 language: LanguageController, lock: InstanceLock | None = None) -> None:
        super().__init__(app)
        self.app, self.args, self.data_dir, self.language = app, args, data_dir, language
        # The data folder's lock when main() took it already (before opening the log).
        self.lock = lock
        self.window: MainWindow | None = None
        self.opener: StoreOpener | None = None
        self.installation: Installation | None = None
        self.exit_code = 0
        # Set by app.main: the dialog for an unexpected error (None: fail fast).
        self.report_unexpected: Callable[[BaseException], None] | None = None

    @cached_property
    def care(self) -> DataCare:
        """Checks, backups and the damaged-file dialog: loaded when the Store is open, not
        while the first window is being made."""
        from forebygg_desktop.gui.data_care import DataCare

        return DataCare(lambda: self.window, self.restore, self)

    # --- the two ways in --------------------------------------------------------------------
    def glance(self) -> Glance | None:
        """What the first window needs, if the fast way applies to this data folder."""
        from forebygg_desktop.core.glance import take_glance

        glance = take_glance(self.data_dir / DATABASE_NAME)
        if glance is None or not glance.setup_done:
            return None  # a first start: the setup dialog needs the Store
        if self.args.demo and not glance.has_records:
            return None  # demo data is written before the window opens
        return glance

    def start_with_glance(self, glance: Glance) -> None:
        self.language.apply(self.args.language or glance.language)
        self.window = MainWindow(language=self.language, glance=glance)
        self.window.show()
        self.opener = StoreOpener(self.data_dir, self, lock=self.lock)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self._failed)
        # Start after the first paint: the worker's imports hold Python's GIL for long
        # stretches, and the window's first pass should not wait for them.
        QTimer.singleShot(0, self._start_opener)

    def _start_opener(self) -> None:
        assert self.opener is not None
        self.opener.start(QThreadPool.globalInstance())

    def start_directly(self) -> bool:
        """Open the Store before any window; False when the program must end."""
        from forebygg_desktop.core.startup import open_installation

        # Messages about the data folder itself come before its language setting is known.
        self.language.apply(self.args.language or i18n.DEFAULT_LANGUAGE)
        self._name_widgets()  # before the first-start questions
        try:
            installation = open_installation(self.data_dir, lock=self.lock)
        except UserError as error:
            log.warning("opening the data folder refused: %s", type(error).__name__)
            QMessageBox.critical(None, _("Forebygg Desktop"), error.message())
            self.exit_code = 1
            return False
        self.installation = installation
        try:
            self.window = self._first_window(installation)
        except Exception as error:
            from forebygg_desktop.core.files import is_damage

            if not is_damage(error):
                raise
            # Damage where the first window reads: saves off, then the damaged dialog
            # without a window (restore reopens the program; otherwise it ends).
            log.error("the first window could not read the database")
            return self.care.damaged_before_window(installation)
        self.window.show()
        self._start_checks(installation)
        self._settled()
        return True

    def _first_window(self, installation: Installation) -> MainWindow:
        store = installation.store
        self.language.apply(self.args.language or store.settings.get(settings.LANGUAGE))
        demo_loaded = bool(self.args.demo) and store.is_empty()
        if demo_loaded:
            from forebygg_desktop.core.demo import generate_demo
            generate_demo(store)
        ctx = self._context(installation)
        if not self.args.startup_probe:
            from forebygg_desktop.gui.first_start import FirstStartDialog, needs_setup
            if needs_setup(store):
                # Closing it without finishing is allowed: it is offered again next start.
                FirstStartDialog(ctx, demo_loaded=demo_loaded).exec()
        return MainWindow(ctx)

    # --- phase two of the fast way ----------------------------------------------------------
    def _opened(self, installation: Installation) -> None:
        self.installation = installation
        assert self.window is not None
        ctx = self._context(installation)
        self.window.attach(ctx)
        ctx.ops.read(lambda store: store.warm_up(), on_done=lambda _none: None)
        self._name_widgets()
        self._start_checks(installation)
        self._settled()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            if self.report_unexpected is None:
                fail_fast(type(error), error, error.__traceback__)
                return
            self.exit_code = 70
            self.report_unexpected(error)  # no Store: the program ends after the dialog
            return
        log.warning("opening the data folder refused: %s", type(error).__name__)
        QMessageBox.critical(self.window, _("Forebygg Desktop"), error.message())
        self.exit_code = 1
        self.ended.emit(self.exit_code)

    # --- shared -----------------------------------------------------------------------------
    def _context(self, installation: Installation) -> AppContext:
        from forebygg_desktop.gui.context import AppContext
        from forebygg_desktop.gui.operations import Operations

        store = installation.store
        return AppContext(store=store, ops=Operations(store), language=self.language,
                          restore=self.restore)

    def _settled(self) -> None:
        """The start is over: later collections skip what it made, and every area's code
        is imported ahead on a worker (not for a start-up probe, which quits at once)."""
        start_settled()
        if not self.args.startup_probe:
            # After the events already queued (the attached window's first pass): the
            # imports take turns with the screen's thread, which finishes the start first.
            QTimer.singleShot(0, import_areas_ahead)

    def _name_widgets(self) -> None:
        """Accessible names from the labels (screen readers), from here on: not before the
        first window of the fast way is up, since the filter's first events create most
        of QtWidgets' Python types (gui/widgets/accessibility.py)."""
        AccessibleNames.install(self.app)

    def _start_checks(self, installation: Installation) -> None:
        self.care.start(installation)

    def restore(self, backup: Path | None) -> None:
        """Close the window and the Store, restore `backup` (the current file is kept
        aside), and open the program again on the result. A refused restore changes
        nothing and the program reopens on the file as it was."""
        from forebygg_desktop.core.restore import restore_backup
        from forebygg_desktop.core.startup import acquire_lock

        self._close_window()
        message: tuple[str, bool] | None = None
        if backup is not None:
            try:
                lock = acquire_lock(self.data_dir)
                try:
                    result = restore_backup(self.data_dir, backup)
                finally:
                    lock.release()
                message = (_("The backup of {date} was restored. The previous database was "
                             "kept as {path}.").format(
                                 date=_backup_date(backup), path=result.set_aside), False)
            except UserError as error:
                message = (error.message(), True)
        if not self.start_directly():
            self.ended.emit(self.exit_code)
            return
        if message is not None:
            self.care.inform(self.window, *message)

    def _close_window(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            if window.ctx is not None:
                window.ctx.ops.wait()
            window.hide()
            window.deleteLater()
        QThreadPool.globalInstance().waitForDone(30_000)
        if self.installation is None and self.opener is not None:
            self.installation = self.opener.installation
        if self.installation is not None:
            self.installation.close()
            self.installation = None
        self.opener = None

    def close(self) -> None:
        """After the event loop: let the workers finish, then release the data folder."""
        QThreadPool.globalInstance().waitForDone(30_000)
        if self.installation is None and self.opener is not None:
            self.installation = self.opener.installation
        if self.installation is not None:
            self.installation.close()
        elif self.lock is not None and self.lock.is_locked:
            self.lock.release()


def _backup_date(path: Path) -> str:
    from forebygg_desktop.core.backups import taken_at_of
    from forebygg_desktop.gui.widgets.record_table import isolated

    return isolated(f"{taken_at_of(path):%Y-%m-%d %H:%M}")
