"""Python's cycle collector runs on the screen's thread only.

Qt deletes a widget on the thread it lives on, or crashes. Python's collector runs on
whichever thread allocates past its threshold, and in this program that is most often a
worker reading the Store (SQLAlchemy allocates a great deal). A window or dialog that only
a reference cycle kept alive was then deleted on that worker, in the middle of the screen's
own work with it: a segmentation fault "while garbage-collecting" in a worker compiling
SQL. So the automatic collector is switched off, and the screen's thread collects by the
same thresholds, from its event loop, a few times a second.

A full collection walks every object the program holds: on a central store's lists, 100 to
300 ms. Python runs one only when the objects promoted since the last are a quarter of those
that survived it, a count Python code cannot see; here the screen's thread instead spends at
most `FULL_SHARE` of its time on full collections (the younger generations, where almost all
garbage goes, are collected as before).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# How often the screen's thread looks at the collector's counts (milliseconds). A look
# costs a microsecond; a young-generation collection a millisecond or two.
INTERVAL_MS = 250
FULL_SHARE = 0.02
_NAME = "forebygg-cycle-collector"


class CycleCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(_NAME)
        self.threshold = gc.get_threshold()
        self.next_full = 0.0  # time.monotonic() before which no full collection runs
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations that are over their threshold, as Python would have."""
        young, middle, old = gc.get_count()
        first, second, third = self.threshold
        if young <= first:
            return 0
        if middle <= second:
            return gc.collect(0)
        if old <= third or time.monotonic() < self.next_full:
            return gc.collect(1)
        began = time.monotonic()
        found = gc.collect(2)
        self.next_full = began + (time.monotonic() - began) / FULL_SHARE
        return found


def collect_on_screen_thread() -> None:
    """From now on only the screen's thread collects cycles (once per application).

    Call it after the QApplication exists and before any worker thread runs Python.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the cycle collector needs the application object")
    if app.findChild(QObject, _NAME) is None:
        CycleCollector(app)
