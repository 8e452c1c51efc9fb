"""The two-phase start: the window from a read-only glance, then the Store attached."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QListWidget

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.errors import AlreadyRunningError
from forebygg_desktop.core.i18n import format_number
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.startup import acquire_lock, open_installation
from forebygg_desktop.gui.areas.home.page import HomePage
from forebygg_desktop.gui.language import QT_LOCALES, LanguageController
from forebygg_desktop.gui.main_window import OpeningNotice
from forebygg_desktop.gui.startup import Startup, parse_args

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with a demo year, set up, in Arabic; nothing holds it open."""
    folder = tmp_path / "laptop"
    installation = open_installation(folder, take_lock=False)
    try:
        generate_demo(installation.store, years=1)
        installation.store.settings.set(settings.SETUP_DONE, True)
        installation.store.settings.set(settings.LANGUAGE, "ar")
    finally:
        installation.close()
    return folder


@pytest.fixture
def startup(qapp: QApplication, data_dir: Path) -> Iterator[Startup]:
    language = LanguageController(qapp)
    run = Startup(qapp, parse_args(["--data-dir", str(data_dir)]), data_dir, language)
    yield run
    if run.window is not None:
        run.window.close()
    run.close()
    shiboken6.delete(language)
    i18n.set_language("sv")
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_window_shows_figures_before_the_store_then_attaches(
        startup: Startup, qtbot, data_dir: Path) -> None:
    glance = startup.glance()
    assert glance is not None and glance.language == "ar"
    startup.start_with_glance(glance)
    window = startup.window
    assert window is not None and window.isVisible() and not window.is_attached
    # The stored language and its direction are in place before the Store is open.
    assert i18n.current_language() == "ar"
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    home = window.stack.currentWidget()
    assert isinstance(home, HomePage)
    figure = home.cards["meetings_all"].value.text()
    assert figure == format_number(glance.overview.meetings_held)
    # An area opened before the Store is ready says so, and fills in once it is.
    window.show_page("groups")
    assert isinstance(window.stack.currentWidget(), OpeningNotice)
    with qtbot.waitSignal(window.attached, timeout=20_000):
        pass
    assert window.is_attached and startup.installation is not None
    groups = window.stack.currentWidget()
    assert groups is window.pages["groups"] and not isinstance(groups, OpeningNotice)
    # The start page now reads the Store: the same figures, by the same SQL.
    store_overview = startup.installation.store.overview.quarter(Period.quarter_of(date.today()))
    assert home.overview == store_overview
    assert home.ctx is not None


def test_a_series_chosen_before_the_store_opens_is_opened_after(
        startup: Startup, qtbot) -> None:
    glance = startup.glance()
    assert glance is not None and glance.overview.attention, "the demo year needs attention"
    startup.start_with_glance(glance)
    window = startup.window
    assert window is not None
    home = window.pages["home"]
    assert isinstance(home, HomePage)
    attention: QListWidget = home.attention_list
    series_id = glance.overview.attention[0].series_id
    with qtbot.waitSignal(window.attached, timeout=20_000):
        home._open_attention(attention.item(0))
    assert window.stack.currentWidget() is window.pages["groups"]
    groups = window.pages["groups"]
    series = groups.series_view.series  # type: ignore[attr-defined]
    assert series is not None and series.id == series_id


def test_second_copy_is_refused_over_the_window(
        startup: Startup, qtbot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("forebygg_desktop.gui.startup.QMessageBox.critical",
                        lambda _parent, _title, text: shown.append(text))
    lock = acquire_lock(data_dir)  # the copy already running
    try:
        glance = startup.glance()
        assert glance is not None
        startup.start_with_glance(glance)
        with qtbot.waitSignal(startup.ended, timeout=20_000) as ended:
            pass
    finally:
        lock.release()
    assert ended.args == [1]
    assert startup.window is not None and not startup.window.is_attached
    # The message, in the stored language (Arabic), not the English source text.
    assert shown == [AlreadyRunningError().message()]
    assert shown[0] != AlreadyRunningError.msgid


def test_direct_start_when_setup_is_not_done(qapp: QApplication, tmp_path: Path) -> None:
    folder = tmp_path / "new"
    run = Startup(qapp, parse_args(["--data-dir", str(folder)]), folder,
                  LanguageController(qapp))
    assert run.glance() is None  # no database yet: the setup dialog needs the Store


def test_demo_start_on_empty_database_takes_the_direct_way(
        qapp: QApplication, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    installation = open_installation(folder, take_lock=False)
    installation.store.settings.set(settings.SETUP_DONE, True)
    installation.close()
    args: argparse.Namespace = parse_args(["--data-dir", str(folder), "--demo"])
    run = Startup(qapp, args, folder, LanguageController(qapp))
    assert run.glance() is None
    args_plain = parse_args(["--data-dir", str(folder)])
    assert Startup(qapp, args_plain, folder, LanguageController(qapp)).glance() is not None


@pytest.mark.parametrize("language", [*i18n.UI_LANGUAGES, i18n.PSEUDO_LANGUAGE])
def test_qt_direction_agrees_with_cldr(language: str) -> None:
    qt_rtl = QLocale(QT_LOCALES[language]).textDirection() == Qt.LayoutDirection.RightToLeft
    assert qt_rtl == i18n.is_rtl(language)


PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from forebygg_desktop.gui import app as app_module
from forebygg_desktop.gui.main_window import MainWindow
shown = MainWindow.show
def show(self):
    shown(self)
    heavy = sorted(name for name in ("sqlalchemy", "alembic", "openpyxl", "filelock")
                   if name in sys.modules)
    print("AT-WINDOW", self.is_attached, ",".join(heavy) or "-", flush=True)
    QTimer.singleShot(0, QApplication.instance().quit)
MainWindow.show = show
sys.exit(app_module.main(["--data-dir", sys.argv[1]]))
"""


def test_first_window_needs_none_of_the_store_modules(data_dir: Path) -> None:
    """The point of the two phases: the window is up before SQLAlchemy is even imported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(data_dir)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    lines = [line for line in result.stdout.splitlines() if line.startswith("AT-WINDOW")]
    assert lines == ["AT-WINDOW False -"], result.stdout + result.stderr


NAMES_PROBE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from forebygg_desktop.gui import app as app_module
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.widgets.accessibility import AccessibleNames, label_name
shown = MainWindow.show
def show(self):
    shown(self)
    print("AT-WINDOW filter", AccessibleNames._installed is not None, flush=True)
    self.attached.connect(lambda: QTimer.singleShot(0, lambda: self.show_page("settings")))
    self.attached.connect(lambda: QTimer.singleShot(500, lambda: check(self)))
def check(window):
    pairs = [(label, label.buddy()) for label in window.findChildren(QLabel)
             if label.buddy() is not None and label.text() and label.isVisibleTo(window)]
    named = [buddy.accessibleName() == label_name(label.text()) for label, buddy in pairs]
    print("ATTACHED filter", AccessibleNames._installed is not None, len(pairs),
          all(named), flush=True)
    QApplication.instance().quit()
MainWindow.show = show
sys.exit(app_module.main(["--data-dir", sys.argv[1]]))
"""


def test_accessible_names_come_once_the_first_window_is_up(data_dir: Path) -> None:
    """The naming filter is installed after the fast way's first window (it would create
    most of QtWidgets' Python types on the first pass), and still names what is shown."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", NAMES_PROBE, str(data_dir)], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    lines = [line.split() for line in result.stdout.splitlines()
             if line.startswith(("AT-WINDOW", "ATTACHED"))]
    assert lines[0] == ["AT-WINDOW", "filter", "False"], result.stdout + result.stderr
    assert lines[1][:2] == ["ATTACHED", "filter"] and lines[1][2] == "True", result.stdout
    assert int(lines[1][3]) > 3 and lines[1][4] == "True", result.stdout


def test_closing_the_window_before_the_store_opens_releases_the_folder(
        startup: Startup, data_dir: Path) -> None:
    glance = startup.glance()
    assert glance is not None
    startup.start_with_glance(glance)
    assert startup.window is not None
    startup.window.close()  # before the opener even started
    QApplication.processEvents()  # the opener starts on this pass
    startup.close()  # waits for it, then closes what it opened
    assert startup.installation is not None
    acquire_lock(data_dir).release()  # the lock is free again: no copy holds the folder


def test_help_does_not_offer_the_pseudo_language(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """qps is a developer's tool: accepted only with FOREBYGG_DEVELOPER=1, never in --help."""
    monkeypatch.delenv("FOREBYGG_DEVELOPER", raising=False)
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    assert "qps" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        parse_args(["--language", "qps"])
    capsys.readouterr()
    monkeypatch.setenv("FOREBYGG_DEVELOPER", "1")
    assert parse_args(["--language", "qps"]).language == "qps"
    assert parse_args(["--language", "so"]).language == "so"
