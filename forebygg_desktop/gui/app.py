"""Start-up: data folder, lock, logging, fonts, language and direction, then the window."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QRunnable, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from forebygg_desktop import __version__
from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.db import backup_to_folder, quick_check
from forebygg_desktop.core.errors import DamagedDatabaseError, UserError
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.logs import setup_logging
from forebygg_desktop.core.paths import data_dir as default_data_dir
from forebygg_desktop.core.startup import Installation, open_installation
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations

log = logging.getLogger(__name__)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="forebygg-desktop")
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per user)")
    parser.add_argument("--demo", action="store_true",
                        help="load a demo year into an empty database")
    parser.add_argument("--language", choices=[*i18n.UI_LANGUAGES, i18n.PSEUDO_LANGUAGE])
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--self-test", action="store_true",
                        help="check the installation in a temporary folder, then exit")
    # Benchmarks only: quit as soon as the first window is shown.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _fail_fast(kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
    """An unhandled exception ends the program with a message instead of a silent hang."""
    log.critical("unhandled exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
    sys.__excepthook__(kind, value, tb)
    app = QApplication.instance()
    if app is not None:
        app.exit(70)


class _StartupChecks(QRunnable):
    """Integrity check and a rolling backup, off the UI thread (≈ 4 s on a large file)."""

    def __init__(self, installation: Installation, keep: int) -> None:
        super().__init__()
        self._installation, self._keep = installation, keep

    def run(self) -> None:
        result = quick_check(self._installation.store.path)
        if result != "ok":
            log.error("integrity check failed: %s", result)
            return
        try:
            backup_to_folder(self._installation.store.engine, self._installation.backup_dir,
                             keep=self._keep)
        except (OSError, DamagedDatabaseError):
            log.exception("rolling backup failed")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        from forebygg_desktop.gui.self_test import run_self_test
        return run_self_test()
    data_dir = args.data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(data_dir)
    sys.excepthook = _fail_fast
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Forebygg Desktop")
    app.setApplicationVersion(__version__)
    load_fonts(app)
    language = LanguageController(app)
    language.apply(args.language or i18n.DEFAULT_LANGUAGE)
    try:
        installation = open_installation(data_dir)
    except UserError as error:
        QMessageBox.critical(None, _("Forebygg Desktop"), error.message())
        return 1
    store = installation.store
    language.apply(args.language or store.settings.get(settings.LANGUAGE))
    if args.demo and store.is_empty():
        from forebygg_desktop.core.demo import generate_demo
        generate_demo(store)
    ctx = AppContext(store=store, ops=Operations(store), language=language)
    if not args.startup_probe:
        from forebygg_desktop.gui.first_start import FirstStartDialog, needs_setup
        if needs_setup(store):
            # Closing it without finishing is allowed: it is offered again next start.
            FirstStartDialog(ctx).exec()
    window = MainWindow(ctx)
    window.show()
    if args.startup_probe:
        QTimer.singleShot(0, app.quit)
    QThreadPool.globalInstance().start(
        _StartupChecks(installation, store.settings.get(settings.BACKUPS_KEEP)))
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(30_000)
        installation.close()
