"""No key or click ends the program: every shortcut, the standard keys and a random walk.

The program ends on any unhandled exception (`gui/startup.fail_fast`), so one exception in
a slot is one lost piece of work for the user. This test replaces the hook with one that
records, then, in every area and every dialog that opens, sends each shortcut the window
defines and the standard keys (Back/Forward, Escape, Return, Delete, Ctrl+Z/Y/N/F/W/Q, F1,
Tab and Shift+Tab all the way round), and finally takes a seeded random walk of clicks and
keys. It fails on any recorded exception, or any unexpected error logged by the worker,
naming the seed (set FOREBYGG_MONKEY_SEED to replay one). Bounded in steps and time.

Blocking calls are made harmless: file dialogs are cancelled, `exec()` shows the dialog
without blocking (so it too gets keys), nothing is opened outside the program.
"""

from __future__ import annotations

import logging
import os
import random
import sys
import time
from collections.abc import Iterator
from types import TracebackType

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QWidget,
)

from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow

SEEDS = [int(os.environ["FOREBYGG_MONKEY_SEED"])] if "FOREBYGG_MONKEY_SEED" in os.environ \
    else [17, 2026]
WALK_STEPS = 250
WALK_SECONDS = 40.0  # a bound on the walk, not a speed goal

M = Qt.KeyboardModifier
K = Qt.Key
STANDARD_KEYS: list[tuple[Qt.Key, Qt.KeyboardModifier]] = [
    (K.Key_Left, M.AltModifier), (K.Key_Right, M.AltModifier),  # Back / Forward
    (K.Key_Back, M.NoModifier), (K.Key_Forward, M.NoModifier),
    (K.Key_Escape, M.NoModifier), (K.Key_Return, M.NoModifier), (K.Key_Enter, M.NoModifier),
    (K.Key_Delete, M.NoModifier), (K.Key_Backspace, M.NoModifier),
    (K.Key_Z, M.ControlModifier), (K.Key_Z, M.ControlModifier | M.ShiftModifier),
    (K.Key_Y, M.ControlModifier), (K.Key_N, M.ControlModifier), (K.Key_F, M.ControlModifier),
    (K.Key_W, M.ControlModifier), (K.Key_Q, M.ControlModifier), (K.Key_F1, M.NoModifier),
    (K.Key_Space, M.NoModifier), (K.Key_Up, M.NoModifier), (K.Key_Down, M.NoModifier),
    (K.Key_PageDown, M.NoModifier), (K.Key_Home, M.NoModifier), (K.Key_End, M.NoModifier),
    (K.Key_1, M.NoModifier), (K.Key_Minus, M.NoModifier), (K.Key_A, M.NoModifier),
]


class Recorder:
    """Unhandled exceptions, kept instead of ending the program."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def install(self) -> None:
        """Take the hook (inside the test: pytest-qt installs its own for the call)."""
        sys.excepthook = self

    def __call__(self, kind: type[BaseException], value: BaseException,
                 tb: TracebackType | None) -> None:
        import traceback

        self.errors.append("".join(traceback.format_exception(kind, value, tb)))


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> Iterator[
        Recorder]:
    recorder = Recorder()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
    # Nothing blocks, nothing leaves the program.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.Ok)
    from PySide6.QtWidgets import QInputDialog as Input

    monkeypatch.setattr(Input, "getText", lambda *a, **k: ("", False))
    monkeypatch.setattr(Input, "getItem", lambda *a, **k: ("", False))
    monkeypatch.setattr(Input, "getInt", lambda *a, **k: (0, False))
    monkeypatch.setattr(Input, "getMultiLineText", lambda *a, **k: ("", False))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda *a, **k: True)

    def exec_without_blocking(self: QDialog) -> int:
        self.show()
        return 0

    from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
    from PySide6.QtWidgets import QInputDialog

    for kind in (QDialog, QMessageBox, QInputDialog):
        monkeypatch.setattr(kind, "exec", exec_without_blocking)
    for kind in (QFileDialog, QPrintDialog, QPrintPreviewDialog):  # Qt's own: cancelled
        monkeypatch.setattr(kind, "exec", lambda self: 0)
    caplog.set_level(logging.ERROR, logger="forebygg_desktop")
    yield recorder
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR
              and r.name.startswith("forebygg_desktop.gui")]
    recorder.errors += [f"logged: {message}" for message in logged]


@pytest.fixture
def window(demo_ctx: AppContext, qtbot) -> MainWindow:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def settle(ctx: AppContext) -> None:
    ctx.ops.wait()
    QApplication.processEvents()
    QApplication.processEvents()


def target() -> QWidget | None:
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    return widget if widget is not None and widget.isVisible() else None


def activate(widget: QWidget) -> None:
    """Shortcuts only fire in the active window: make the widget's window active."""
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        QApplication.processEvents()


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = M.NoModifier) -> None:
    widget = target()
    if widget is not None:
        activate(widget)
        QTest.keyClick(widget, key, modifiers)


def defined_shortcuts(root: QWidget) -> list[QKeySequence]:
    """Every key sequence the program binds under `root`."""
    keys: list[QKeySequence] = []
    for bound in root.findChildren(QShortcut):
        for sequence in bound.keys():  # noqa: SIM118 - QShortcut.keys(), not a dict
            if not sequence.isEmpty() and sequence not in keys:
                keys.append(sequence)
    return keys


def send_sequence(sequence: QKeySequence) -> None:
    widget = target()
    if widget is not None:
        activate(widget)
        QTest.keySequence(widget, sequence)


def open_dialogs(window: MainWindow) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if w is not window and w.isVisible() and isinstance(w, QDialog)]


def close_dialogs(window: MainWindow, ctx: AppContext) -> None:
    for dialog in open_dialogs(window):
        assert isinstance(dialog, QDialog)
        dialog.done(0)
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and widget.isWindow():
            widget.hide()
    settle(ctx)


def tab_round(ctx: AppContext, backwards: bool = False) -> None:
    """Tab (or Shift+Tab) once round the focus chain of the active window."""
    window = QApplication.activeWindow()
    count = len(window.findChildren(QWidget)) if window else 10
    for _step in range(min(count, 80) + 1):
        press(K.Key_Tab if not backwards else K.Key_Backtab,
              M.ShiftModifier if backwards else M.NoModifier)
    settle(ctx)


def every_key(window: MainWindow, ctx: AppContext, seen_dialogs: set[str]) -> None:
    """The program's shortcuts and the standard keys, each from a fresh state."""
    keys: list[QKeySequence | tuple[Qt.Key, Qt.KeyboardModifier]] = [
        *defined_shortcuts(window), *STANDARD_KEYS]
    for key in keys:
        if isinstance(key, QKeySequence):
            send_sequence(key)
        else:
            press(*key)
        settle(ctx)
        for dialog in open_dialogs(window):
            name = type(dialog).__name__
            if name not in seen_dialogs:  # every kind of dialog gets every key once
                seen_dialogs.add(name)
                dialog.activateWindow()
                for sequence in defined_shortcuts(dialog):
                    send_sequence(sequence)
                    settle(ctx)
                for standard in STANDARD_KEYS:
                    if dialog.isVisible():
                        dialog.activateWindow()
                        if standard[0] not in (K.Key_Escape, K.Key_Return, K.Key_Enter):
                            press(*standard)
                            settle(ctx)
                if dialog.isVisible():
                    tab_round(ctx)
        close_dialogs(window, ctx)
        if not window.isVisible():  # Ctrl+Q or Ctrl+W, if they close it: open it again
            window.show()
        window.activateWindow()


def test_every_shortcut_and_standard_key_in_every_area(window: MainWindow,
                                                       demo_ctx: AppContext,
                                                       recorder: Recorder) -> None:
    recorder.install()
    seen: set[str] = set()
    for spec in window.specs:
        window.show_page(spec.key)
        settle(demo_ctx)
        page = window.pages[spec.key]
        page.setFocus()
        every_key(window, demo_ctx, seen)
        # The groups area's second room: an open series, where Alt+Left once ended it all.
        if spec.key == "groups":
            groups = window.pages["groups"]
            groups.show_series(  # type: ignore[attr-defined]
                demo_ctx.store.groups.list_series()[0].id)
            settle(demo_ctx)
            groups.series_view.table.setFocus()  # type: ignore[attr-defined]
            every_key(window, demo_ctx, seen)
        tab_round(demo_ctx)
        tab_round(demo_ctx, backwards=True)
        close_dialogs(window, demo_ctx)
        assert not recorder.errors, f"area {spec.key}:\n" + "\n".join(recorder.errors)
    assert seen, "no dialog was opened by any key"


def open_series_room(window: MainWindow, ctx: AppContext, rng: random.Random) -> str:
    """Open a random series the way the list does and focus its meetings table."""
    window.show_page("groups")
    groups = window.pages["groups"]
    series = ctx.store.groups.list_series()
    chosen = rng.choice(series)
    groups.show_series(chosen.id)  # type: ignore[attr-defined]
    settle(ctx)
    table = groups.series_view.table  # type: ignore[attr-defined]
    rows = table.model().rowCount()
    if rows:
        table.selectRow(rng.randrange(rows))
    window.activateWindow()
    table.setFocus()
    return f"series {chosen.id[:8]} meetings table, {rows} rows"


def clickable(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.width() > 2 and w.height() > 2]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_random_walk_of_clicks_and_keys(window: MainWindow, demo_ctx: AppContext,
                                          recorder: Recorder, seed: int) -> None:
    recorder.install()
    rng = random.Random(seed)
    keys = [*STANDARD_KEYS, (K.Key_Tab, M.NoModifier), (K.Key_Backtab, M.ShiftModifier)]
    started = time.monotonic()
    steps: list[str] = []
    for step in range(WALK_STEPS):
        if time.monotonic() - started > WALK_SECONDS:
            break
        dialogs = open_dialogs(window)
        root: QWidget = dialogs[-1] if dialogs else window
        roll = rng.random()
        if roll < 0.1 and not dialogs:
            row = rng.randrange(len(window.specs))
            window.navigation.setCurrentRow(row)
            steps.append(f"area {window.specs[row].key}")
        elif roll < 0.16 and not dialogs:
            # The room where Alt+Left once ended it all: an open series, its meetings
            # table focused, a row chosen; the next keys are the walk's.
            steps.append(open_series_room(window, demo_ctx, rng))
        elif roll < 0.55:
            candidates = clickable(root)
            buttons = [w for w in candidates if isinstance(w, QAbstractButton)]
            pool = buttons if buttons and rng.random() < 0.7 else candidates
            if pool:
                widget = rng.choice(pool)
                point = QPoint(rng.randrange(widget.width()), rng.randrange(widget.height()))
                steps.append(f"click {type(widget).__name__} {widget.objectName()} "
                             f"{widget.text() if isinstance(widget, QAbstractButton) else ''!r}")
                QTest.mouseClick(widget, Qt.MouseButton.LeftButton, M.NoModifier, point)
        else:
            key, modifiers = rng.choice(keys)
            steps.append(f"key {key.name} {modifiers}")
            root.activateWindow()
            press(key, modifiers)
        settle(demo_ctx)
        if len(open_dialogs(window)) > 2:
            close_dialogs(window, demo_ctx)
        if not window.isVisible():
            window.show()
        assert not recorder.errors, (
            f"seed {seed} (FOREBYGG_MONKEY_SEED={seed}), step {step}: "
            + " → ".join(steps[-8:]) + "\n" + "\n".join(recorder.errors))
    close_dialogs(window, demo_ctx)
    assert not recorder.errors, f"seed {seed}:\n" + "\n".join(recorder.errors)
