"""`forebygg-desktop --self-test`: prove that an installed (or frozen) program is complete.

Runs in a temporary folder, never touching the user's data: migrates a fresh database, loads
every catalogue the program ships (gettext, Qt's own, Babel's, the programme catalogue,
questionnaires, materials, fonts), builds every area of the main window in every interface
language (checking that Arabic mirrors the layout), starts the two-phase way (window from
the read-only glance, then the Store attached), and round-trips a report workbook and an
exchange file when those features are built. Prints one line per check and exits 0, or
names what failed and exits 1. A watchdog ends a hung run with exit code 3, so a frozen
program in CI never waits silently; an exception in a Qt slot fails the check it happens in.
"""

from __future__ import annotations

import gettext
import logging
import os
import re
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from forebygg_desktop import __version__
from forebygg_desktop.core import i18n, paths

log = logging.getLogger(__name__)

WATCHDOG_SECONDS = 120
EXIT_FAILED = 1
EXIT_TIMED_OUT = 3
# The report's file in the temporary folder when there is no stdout (windowed Windows build).
REPORT_NAME = "forebygg-self-test.txt"
# Qt's own catalogs that must load (Qt has none for Somali; English is Qt's source language).
REQUIRED_QT_CATALOGS = ("sv", "ar")
NON_LATIN_DIGITS = re.compile(r"[\u0660-\u0669\u06F0-\u06F9]")


class SkipCheck(Exception):
    """Raised by a check whose feature is not part of this build."""


class _SlotProbe(QObject):
    fire = Signal()


class SelfTest:
    """Runs named checks, collecting failures (and exceptions Qt reports from slots)."""

    def __init__(self, app: QApplication, out: TextIO | None) -> None:
        self.app = app
        self.out = out
        self.failed: list[str] = []
        self.passed: list[str] = []
        self.skipped: list[str] = []
        self.hook_errors: list[str] = []

    def say(self, line: str) -> None:
        log.info("self-test: %s", line)
        if self.out is not None:  # a windowed Windows build has no stdout
            print(f"self-test: {line}", file=self.out, flush=True)

    def excepthook(self, kind: type[BaseException], value: BaseException,
                   tb: TracebackType | None) -> None:
        """Record an exception Qt caught in a slot or event handler (it would only print)."""
        self.hook_errors.append("".join(traceback.format_exception(kind, value, tb)))

    def check(self, name: str, function: Callable[[], str | None]) -> None:
        """Run one check; its return value is a short note printed beside "ok"."""
        started = time.perf_counter()
        self.hook_errors.clear()
        try:
            note = function()
            QCoreApplication.processEvents()
        except SkipCheck as skip:
            self.skipped.append(name)
            self.say(f"skip {name}: {skip}")
            return
        except Exception as error:
            self.failed.append(name)
            self.say(f"FAIL {name}: {type(error).__name__}: {error}")
            log.error("self-test %s failed:\n%s", name, traceback.format_exc())
            return
        if self.hook_errors:
            self.failed.append(name)
            self.say(f"FAIL {name}: exception in a Qt slot:\n{self.hook_errors[0]}")
            return
        self.passed.append(name)
        elapsed = time.perf_counter() - started
        self.say(f"ok   {name} ({elapsed:.2f} s){': ' + note if note else ''}")


def _require(condition: object, message: str) -> None:
    if not condition:
        raise AssertionError(message)


# --- catalogues -----------------------------------------------------------------------------

def check_version() -> str:
    """The version comes from the package metadata (the bundle must carry it)."""
    from importlib import metadata

    _require(metadata.version("forebygg-desktop") == __version__, "version mismatch")
    return __version__


def check_gettext() -> str:
    for language in i18n.UI_LANGUAGES:
        path = paths.translations_dir() / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
        _require(path.is_file(), f"{path} is missing")
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)
        header = catalog.info().get("language", language).replace("-", "_")
        _require(header.split("_")[0] == language, f"{path}: catalog is for {header!r}")
        i18n.set_language(language)
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    return ", ".join(i18n.UI_LANGUAGES)


def check_qt_catalogs() -> str:
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(paths.translations_dir() / "qt")]
    found = []
    for language in i18n.UI_LANGUAGES:
        translator = QTranslator()
        if any(translator.load(f"qtbase_{language}", folder) for folder in folders):
            found.append(language)
        else:
            _require(language not in REQUIRED_QT_CATALOGS, f"qtbase_{language}.qm not found")
    return "qtbase " + ", ".join(found)


def check_babel() -> str:
    for language in i18n.UI_LANGUAGES:
        texts = [i18n.format_date(date(2026, 3, 31), language=language),
                 i18n.format_number(1234.5, language=language),
                 i18n.format_percent(0.25, language=language),
                 i18n.format_quarter(2026, 1, language=language),
                 i18n.language_info(language).autonym]
        _require(not any(NON_LATIN_DIGITS.search(text) for text in texts),
                 f"{language}: non-Latin digits in {texts}")
        _require(i18n.is_rtl(language) == (language == "ar"), f"{language}: wrong direction")
    return "CLDR data for " + ", ".join(i18n.UI_LANGUAGES)


def check_programme_catalogue() -> str:
    from forebygg_desktop.core.catalog import load_catalog

    catalog = load_catalog()
    _require(catalog["programs"], "the catalogue lists no programmes")
    return f"{len(catalog['programs'])} programmes"


def check_questionnaires() -> str:
    from forebygg_desktop.core.questionnaires import load_questionnaires, shipped_folder

    loaded = load_questionnaires(shipped_folder())
    _require(loaded, "no questionnaires shipped")
    return ", ".join(f"{q.code} v{q.version}" for q in loaded)


def check_materials() -> str:
    from forebygg_desktop.core.materials import load_library, verify

    root = paths.resources_dir() / "materials"
    problems = verify(root)
    _require(not problems, "; ".join(problems[:5]))
    return f"{len(load_library(root).sheets)} sheets, checksums verified"


def check_help() -> str:
    from forebygg_desktop.core import help_pages
    from forebygg_desktop.gui.pages import AREA_ORDER

    missing = [f"{language}/{area}" for language in help_pages.HELP_LANGUAGES
               for area in AREA_ORDER
               if (path := help_pages.page_path(area, language)) is None
               or help_pages.page_language(path) != language]
    _require(not missing, "no help page " + ", ".join(missing[:5]))
    return f"{len(AREA_ORDER)} areas × {len(help_pages.HELP_LANGUAGES)} languages"


def check_pdf_renderer(folder: Path) -> str:
    """PDF materials are drawn with PDFium: its native library must be in the bundle."""
    from PySide6.QtGui import QPainter, QPdfWriter

    from forebygg_desktop.gui.widgets.pdf_pages import render_pages

    path = folder / "probe.pdf"
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawText(300, 300, "Forebygg")
    painter.end()
    pages = render_pages(path, 200)
    _require(len(pages) == 1 and not pages[0].isNull(), "no page rendered")
    return f"1 page rendered at {pages[0].width()}×{pages[0].height()} px"


def check_fonts(app: QApplication) -> str:
    from forebygg_desktop.gui.fonts import UI_FAMILIES, load_fonts

    families = load_fonts(app)
    missing = [family for family in UI_FAMILIES if family not in families]
    _require(not missing, f"fonts not loaded: {missing}")
    return ", ".join(families)


# --- the program ----------------------------------------------------------------------------

class _Session:
    """The temporary installation the window checks share."""

    def __init__(self, app: QApplication, data_dir: Path) -> None:
        self.app, self.data_dir = app, data_dir
        self.installation: Any = None

    def open_database(self) -> str:
        from forebygg_desktop.core.db import current_revisions, head_revisions, quick_check
        from forebygg_desktop.core.demo import generate_demo
        from forebygg_desktop.core.startup import open_installation

        self.installation = open_installation(self.data_dir)
        store = self.installation.store
        with store.engine.connect() as connection:
            current, heads = current_revisions(connection), head_revisions(connection)
        _require(heads and set(current) == set(heads), f"schema {current}, expected {heads}")
        _require(store.catalog.version() > 0, "the catalogue was not loaded into the database")
        generate_demo(store, years=1)
        _require(quick_check(store.path) == "ok", "integrity check failed")
        return f"migrated to {', '.join(heads)}, demo year loaded"

    def new_context(self) -> Any:
        """A context as the program builds it at start (one per window, like a fresh start)."""
        if self.installation is None:
            raise SkipCheck("no database (its check failed)")
        from forebygg_desktop.gui.context import AppContext
        from forebygg_desktop.gui.language import LanguageController
        from forebygg_desktop.gui.operations import Operations

        store = self.installation.store
        return AppContext(store=store, ops=Operations(store),
                          language=LanguageController(self.app))

    def build_windows(self, language: str) -> str:
        from forebygg_desktop.gui.main_window import MainWindow
        from forebygg_desktop.gui.pages import built_areas

        ctx = self.new_context()
        ctx.language.apply(language)
        window = MainWindow(ctx)
        try:
            window.show()
            QCoreApplication.processEvents()
            expected = [spec.key for spec in built_areas()]
            _require(list(window.pages) == expected, f"areas {list(window.pages)} != {expected}")
            for key in expected:
                window.show_page(key)
                QCoreApplication.processEvents()
                _require(window.stack.currentWidget() is window.pages[key], f"{key} not shown")
            _check_direction(window, language)
        finally:
            _dispose(window, ctx)
        return f"{len(expected)} areas: {', '.join(expected) or '(none built yet)'}"

    def live_switch(self) -> str:
        from forebygg_desktop.gui.main_window import MainWindow

        ctx = self.new_context()
        ctx.language.apply(i18n.DEFAULT_LANGUAGE)
        window = MainWindow(ctx)
        try:
            window.show()
            for language in (*i18n.UI_LANGUAGES, i18n.DEFAULT_LANGUAGE):
                ctx.language.apply(language)
                QCoreApplication.processEvents()
                _check_direction(window, language)
        finally:
            _dispose(window, ctx)
        return " → ".join((*i18n.UI_LANGUAGES, i18n.DEFAULT_LANGUAGE))

    def close(self) -> None:
        if self.installation is not None:
            self.installation.close()


def check_two_phase_start(app: QApplication, folder: Path) -> str:
    """The fast start: the window from the read-only glance, then the Store attached."""
    from forebygg_desktop.core import settings
    from forebygg_desktop.core.demo import generate_demo
    from forebygg_desktop.core.startup import open_installation
    from forebygg_desktop.gui.language import LanguageController
    from forebygg_desktop.gui.startup import Startup, parse_args

    data_dir = folder / "two-phase"
    installation = open_installation(data_dir, take_lock=False)
    try:
        generate_demo(installation.store, years=1)
        installation.store.settings.set(settings.SETUP_DONE, True)
    finally:
        installation.close()
    language = LanguageController(app)
    startup = Startup(app, parse_args(["--data-dir", str(data_dir)]), data_dir, language)
    try:
        glance = startup.glance()
        _require(glance is not None, "no glance at a set-up, current database")
        assert glance is not None
        startup.start_with_glance(glance)
        window = startup.window
        assert window is not None
        _require(window.isVisible() and not window.is_attached, "window not shown first")
        deadline = time.monotonic() + 60
        while not window.is_attached and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        _require(window.is_attached, "the Store was not attached within 60 s")
        home = window.pages["home"]
        _require(getattr(home, "overview", None) == glance.overview,
                 "start-page figures differ between the glance and the Store")
        window.close()
        window.deleteLater()
    finally:
        startup.close()
        language.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return f"{glance.overview.meetings_held} meetings this quarter shown before the Store"


def _dispose(window: Any, ctx: Any) -> None:
    """Close a window and let go of its context before the next one is built."""
    window.close()
    ctx.ops.wait()
    for obj in (window, ctx.language, ctx.ops):
        obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _check_direction(window: Any, language: str) -> None:
    rtl = i18n.is_rtl(language)
    expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    _require(window.layoutDirection() == expected,
             f"{language}: layout direction {window.layoutDirection()}")
    # The navigation is on the leading side: the right in Arabic.
    nav_x = window.navigation.mapTo(window, window.navigation.rect().topLeft()).x()
    stack_x = window.stack.mapTo(window, window.stack.rect().topLeft()).x()
    _require((nav_x > stack_x) == rtl, f"{language}: navigation on the wrong side")


def check_slot_exceptions(test: SelfTest) -> str:
    """The fail-fast hook must see an exception raised in a slot (Qt itself only prints it)."""
    probe = _SlotProbe()

    def broken() -> None:
        raise RuntimeError("deliberate failure in a slot")

    probe.fire.connect(broken)
    probe.fire.emit()
    QCoreApplication.processEvents()
    seen = any("deliberate failure in a slot" in text for text in test.hook_errors)
    test.hook_errors.clear()
    _require(seen, "an exception in a slot did not reach the exception hook")
    return "slot exceptions reach the hook"


def check_log(data_dir: Path) -> str:
    from forebygg_desktop.core.logs import LOG_NAME

    marker = f"self-test log marker {os.getpid()}"
    logging.getLogger("forebygg_desktop").info(marker)
    for handler in logging.getLogger().handlers:
        handler.flush()
    path = data_dir / "logs" / LOG_NAME
    _require(path.is_file() and marker in path.read_text(encoding="utf-8"),
             f"{path} did not receive the log")
    return str(path.relative_to(data_dir))


# --- running --------------------------------------------------------------------------------

def _start_watchdog(seconds: float, out: TextIO | None) -> threading.Timer:
    def expire() -> None:
        message = f"self-test: FAIL timed out after {seconds:.0f} s\n"
        if out is not None:
            out.write(message)
            out.flush()
        os._exit(EXIT_TIMED_OUT)  # the main thread may be stuck: end the process outright

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    return timer


def run_self_test(app: QApplication | None = None, *, out: TextIO | None = None,
                  watchdog_seconds: float = WATCHDOG_SECONDS) -> int:
    """Run every check; 0 when all passed (skips allowed), 1 when any failed."""
    from forebygg_desktop.core.logs import setup_logging

    out = out or sys.stdout or _report_file()
    if app is None:
        existing = QApplication.instance()
        app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    watchdog = _start_watchdog(watchdog_seconds, out)
    test = SelfTest(app, out)
    previous_hook = sys.excepthook
    sys.excepthook = test.excepthook
    folder = tempfile.TemporaryDirectory(prefix="forebygg-self-test-", ignore_cleanup_errors=True)
    data_dir = Path(folder.name) / "data"
    data_dir.mkdir()
    setup_logging(data_dir)
    session = _Session(app, data_dir)
    try:
        test.say(f"Forebygg Desktop {__version__}, "
                 f"{'frozen' if getattr(sys, 'frozen', False) else 'from source'}, "
                 f"resources in {paths.install_root()}, Qt {QLibraryInfo.version().toString()}")
        test.check("package metadata", check_version)
        test.check("gettext catalogs", check_gettext)
        test.check("Qt catalogs", check_qt_catalogs)
        test.check("Babel locale data", check_babel)
        test.check("programme catalogue", check_programme_catalogue)
        test.check("questionnaires", check_questionnaires)
        test.check("materials", check_materials)
        test.check("user guide", check_help)
        test.check("fonts", lambda: check_fonts(app))
        test.check("PDF renderer", lambda: check_pdf_renderer(Path(folder.name)))
        test.check("database and migrations", session.open_database)
        test.check("exception hook", lambda: check_slot_exceptions(test))
        for language in i18n.UI_LANGUAGES:
            test.check(f"windows {language}", _bind(session.build_windows, language))
        test.check("live language switch", session.live_switch)
        test.check("two-phase start", lambda: check_two_phase_start(app, Path(folder.name)))
        from forebygg_desktop.gui.selftest.features import feature_checks

        for name, function in feature_checks(lambda: session.installation, Path(folder.name)):
            test.check(name, function)
        test.check("log file", lambda: check_log(data_dir))
    finally:
        # The hook first: a failure while cleaning up must show, not vanish into the record.
        sys.excepthook = previous_hook
        watchdog.cancel()
        try:
            session.close()
            i18n.set_language(i18n.DEFAULT_LANGUAGE)
        finally:
            _close_log_files(data_dir)
            folder.cleanup()
    if test.failed:
        test.say("failed checks: " + "; ".join(test.failed))
    # The closing line in the plain "N passed, N failed" form CI logs are read for.
    test.say(f"{len(test.passed)} passed, {len(test.failed)} failed, "
             f"{len(test.skipped)} skipped")
    return EXIT_FAILED if test.failed else 0


def _bind(function: Callable[[str], str], argument: str) -> Callable[[], str]:
    return lambda: function(argument)


def _report_file() -> TextIO:
    """Where the report goes when there is no console (a windowed Windows build)."""
    return (Path(tempfile.gettempdir()) / REPORT_NAME).open("w", encoding="utf-8")


def _close_log_files(data_dir: Path) -> None:
    """Let go of the temporary log file (Windows cannot delete an open file)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        filename = getattr(handler, "baseFilename", "")
        if filename and Path(filename).is_relative_to(data_dir):
            root.removeHandler(handler)
            handler.close()
