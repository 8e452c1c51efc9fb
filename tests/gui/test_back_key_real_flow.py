"""Alt+Left (the standard Back key) in an open group series, in the real program.

It once ended the whole program with no message. This runs the program as a user starts it
(its own process, the two-phase start, its own exception hook) and drives it through the
window system: open a series from the list with Enter, focus the meetings table, press
Alt+Left, Back, Forward and Alt+Right, with and without a meeting form open, and the mouse's
Back button. A crash of any kind (a Python exception reaching the hook, or a segfault)
fails the test with what happened.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.startup import open_installation

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import os, sys, traceback
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from forebygg_desktop.gui import app as app_module
from forebygg_desktop.gui.main_window import MainWindow

K, M = Qt.Key, Qt.KeyboardModifier
windows = []
log = []

def died(kind, value, tb):
    print("UNHANDLED after", " → ".join(log[-6:]), flush=True)
    traceback.print_exception(kind, value, tb)
    sys.stdout.flush()
    os._exit(3)

shown = MainWindow.show
def show(self):
    shown(self)
    windows.append(self)
MainWindow.show = show

def settle(window):
    window.ctx.ops.wait() if window.is_attached else None
    for _ in range(3):
        QApplication.processEvents()

def key(window, k, m=M.NoModifier, what=""):
    log.append(what or f"{k.name}+{m}")
    handle = (QApplication.activeModalWidget() or window).windowHandle()
    QTest.keyClick(handle, k, m)
    settle(window)

def steps():
    window = windows[0]
    while not window.is_attached:
        yield
    window.activateWindow()
    window.show_page("groups")
    settle(window)
    groups = window.pages["groups"]
    series_ids = [s.id for s in window.ctx.store.groups.list_series()][:3]
    for round, series_id in enumerate(series_ids):
        # Open it the way a user does: the list, a row, Enter. (The offscreen platform does
        # not give the focus back to the window after a dialog, as a desktop does.)
        window.activateWindow()
        groups.show_list()
        settle(window)
        table = groups.list_view.table
        row = groups.list_view.model.row_of(lambda r: r.id == series_id)
        table.setFocus()
        table.setCurrentIndex(groups.list_view.model.index(row, 0))
        key(window, K.Key_Return, what="Enter on the list")
        assert groups.stack.currentWidget() is groups.series_view, (
            "Enter did not open it", row, table.currentIndex().row(), QApplication.focusWidget(),
            QApplication.activeWindow(), QApplication.activeModalWidget(),
            [w for w in QApplication.topLevelWidgets() if w.isVisible()])
        meetings = groups.series_view.table
        meetings.setFocus()
        if groups.series_view.model.rowCount():
            meetings.selectRow(0)
        key(window, K.Key_Left, M.AltModifier, "Alt+Left in the meetings table")
        assert groups.stack.currentWidget() is groups.list_view, (
            "Alt+Left did not go back", QApplication.activeWindow(),
            QApplication.focusWidget(), QApplication.activeModalWidget(),
            [w for w in QApplication.topLevelWidgets() if w.isVisible()])
        key(window, K.Key_Left, M.AltModifier, "Alt+Left in the list")
        key(window, K.Key_Right, M.AltModifier, "Alt+Right in the list")
        key(window, K.Key_Forward, what="Forward in the list")
        yield
        table.setFocus()
        key(window, K.Key_Return, what="Enter again")
        groups.series_view.table.setFocus()
        key(window, K.Key_Back, what="Back key in the meetings table")
        table.setFocus()
        key(window, K.Key_Return, what="Enter a third time")
        # With a meeting form open over the series: Alt+Left belongs to the form's fields.
        key(window, K.Key_M, M.ControlModifier, "Ctrl+M")
        key(window, K.Key_Left, M.AltModifier, "Alt+Left in the meeting form")
        key(window, K.Key_Escape, what="Escape the form")
        if QApplication.activeModalWidget() is not None:  # "discard?" or the form itself
            QApplication.activeModalWidget().done(0)
            settle(window)
        window.activateWindow()
        settle(window)
        groups.series_view.table.setFocus()
        key(window, K.Key_Left, M.AltModifier, "Alt+Left after the form")
        key(window, K.Key_Left, M.AltModifier, "Alt+Left twice")
        yield
        # The mouse's Back button over the meetings table.
        groups.show_series(series_id)
        settle(window)
        viewport = groups.series_view.table.viewport()
        log.append("mouse Back button")
        QTest.mouseClick(viewport, Qt.MouseButton.BackButton, M.NoModifier, QPoint(5, 5))
        settle(window)
        key(window, K.Key_Left, M.AltModifier | M.ShiftModifier, "Alt+Shift+Left")
        groups.series_view.table.setFocus()
        key(window, K.Key_Left, M.AltModifier, "Alt+Left to leave")
        yield
    print("PROBE-OK", len(log), flush=True)
    QApplication.instance().quit()

def drive():
    sys.excepthook = died  # the program's own hook would show a dialog and wait
    walker = steps()
    def tick():
        try:
            next(walker)
        except StopIteration:
            return
        QTimer.singleShot(20, tick)
    tick()

QTimer.singleShot(0, lambda: QTimer.singleShot(0, drive))
sys.exit(app_module.main(["--data-dir", sys.argv[1], "--language", sys.argv[2]]))
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("real-flow") / "laptop"
    installation = open_installation(folder, take_lock=False)
    try:
        generate_demo(installation.store, years=1)
        installation.store.settings.set(settings.SETUP_DONE, True)
    finally:
        installation.close()
    return folder


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_back_and_forward_keys_in_an_open_series_never_end_the_program(
        data_dir: Path, language: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(data_dir), language], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    report = f"exit {result.returncode}\n{result.stdout}\n{result.stderr[-4000:]}"
    assert result.returncode == 0, report
    assert "PROBE-OK" in result.stdout, report
