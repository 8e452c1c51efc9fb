"""Canary for the PySide6 6.12.0 / Python 3.11 bug: void calls leaked None references.

20,000 calls of methods that return nothing must leave the process alive and None's
reference count stable (on 3.12+ None is immortal; on an affected build this dies).
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QProgressBar
from pytestqt.qtbot import QtBot


def test_twenty_thousand_void_qt_calls_keep_the_process_alive(qtbot: QtBot) -> None:
    label = QLabel()
    bar = QProgressBar()
    qtbot.addWidget(label)
    qtbot.addWidget(bar)
    before = sys.getrefcount(None)
    for i in range(10_000):
        label.setText(str(i))
        bar.setValue(i % 100)
    after = sys.getrefcount(None)
    assert label.text() == "9999"
    assert after >= before - 100, f"None refcount fell from {before} to {after}"
