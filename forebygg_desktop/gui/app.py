"""Start-up: data folder, logging, fonts, language and direction, then the window.

A later start (set up, database up to date) is two-phase, so the window is there at once:

1. With only Qt and the standard library loaded, a read-only glance at the database
   (`core/glance.py`) gives the language and the start page's figures; the main window
   is shown with every area listed and the start page filled in.
2. On a worker thread the Store is opened as always (the lock against a second copy,
   header and version checks, migrations, SQLAlchemy); the window is then attached to it.
   A refusal (second copy, damaged file) is shown over the window and the program ends.

A first start, a database to migrate or to fill with demo data, or anything the glance
does not recognise takes the direct way: the Store is opened before any window.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from forebygg_desktop import __version__
from forebygg_desktop.core import i18n
from forebygg_desktop.core.data_location import check_data_location
from forebygg_desktop.core.display import display_missing, no_display_message
from forebygg_desktop.core.errors import DataFolderError, UserError
from forebygg_desktop.core.files import private_umask
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.instance_lock import InstanceLock, acquire_lock
from forebygg_desktop.core.logs import setup_logging
from forebygg_desktop.core.paths import data_dir as default_data_dir
from forebygg_desktop.core.paths import ensure_writable, resources_dir
from forebygg_desktop.gui.collector import collect_on_screen_thread
from forebygg_desktop.gui.error_dialog import EXIT_UNEXPECTED, ErrorReporter
from forebygg_desktop.gui.focus_ring import apply_focus_ring
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.startup import Startup, parse_args


def _refuse_start(args: argparse.Namespace, message: str) -> int:
    """A start that cannot go on: the reason in a message box (the log may not exist yet)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    LanguageController(app).apply(args.language or i18n.DEFAULT_LANGUAGE)
    QMessageBox.critical(None, _("Forebygg Desktop"), message)
    return 1


def _prepare_data_dir(args: argparse.Namespace) -> tuple[Path, InstanceLock]:
    """The data folder, checked and locked before the log in it is opened.

    Raises UserError (a network or synchronised folder, one that cannot be written, a copy
    already running) or OSError; the caller shows either in a message box.
    """
    data_dir: Path = args.data_dir or default_data_dir()
    check_data_location(data_dir)
    ensure_writable(data_dir)
    # The lock first: a second copy is refused before it writes to (or rotates) the log.
    return data_dir, acquire_lock(data_dir)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if display_missing():
        print(no_display_message(), file=sys.stderr)
        return 1
    if args.self_test:
        from forebygg_desktop.gui.selftest import run_self_test
        return run_self_test()
    private_umask()  # data folder, database, backups, logs, exports: this user only
    i18n.set_language(args.language or i18n.DEFAULT_LANGUAGE)
    try:
        data_dir, lock = _prepare_data_dir(args)
    except UserError as error:
        return _refuse_start(args, error.message())
    except OSError as error:
        return _refuse_start(args, DataFolderError(
            path=str(args.data_dir or ""), detail=error.strerror or str(error)).message())
    try:
        log_path: Path | None = setup_logging(data_dir)
    except OSError as error:  # the log folder cannot be written: say so, free the folder
        lock.release()
        return _refuse_start(args, DataFolderError(
            path=str(data_dir / "logs"), detail=error.strerror or str(error)).message())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Forebygg Desktop")
    # Before the first worker (opening the data folder) runs; nothing is collected until
    # the start has settled (gui/collector.py).
    collect_on_screen_thread(quiet_start=True)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "forebygg.png")))
    load_fonts(app)
    apply_focus_ring(app)
    language = LanguageController(app, name_widgets=False)  # Startup names them
    startup = Startup(app, args, data_dir, language, lock=lock)
    # Without an open Store there is nothing to go back to: after the dialog, the end.
    reporter = ErrorReporter(app, log_path,
                             keep_running=lambda: startup.installation is not None)
    reporter.install()
    startup.report_unexpected = reporter.hook_error
    startup.ended.connect(app.exit)
    try:
        glance = startup.glance()
        if glance is not None:
            startup.start_with_glance(glance)
        elif not startup.start_directly():
            return startup.exit_code
    except Exception as error:  # before the event loop: show it now, then end
        reporter.show_now(error)
        startup.close()
        return EXIT_UNEXPECTED
    if args.startup_probe:
        QTimer.singleShot(0, app.quit)
    try:
        code = app.exec()
    finally:
        startup.close()
    return code or startup.exit_code
