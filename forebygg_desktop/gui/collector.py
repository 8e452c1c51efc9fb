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

The program's start makes some 100,000 objects that live as long as it does (modules,
classes, SQLAlchemy's tables and caches, the window) and almost no garbage (about 150
objects in cycles, measured on a 5-year store). Collecting while it loads walked them again
and again: 65-90 ms of a 1.3 s start. So a start is quiet: nothing is collected until it has
settled (the Store attached), and then those objects are frozen out of every later
collection (`gc.freeze()`), which therefore walks only what the session makes. A start that
does not settle within `QUIET_LIMIT_S` collects as usual from then on.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# How often the screen's thread looks at the collector's counts (milliseconds). A look
# costs a microsecond. While objects are made faster than one threshold per look (a worker
# reading a central store's lists), the looks come every BUSY_MS: a young collection walks
# every object made since the last, and 250 ms of a busy reader's objects took 20-360 ms.
INTERVAL_MS = 250
BUSY_MS = 10
FULL_SHARE = 0.02
QUIET_LIMIT_S = 10.0
_NAME = "forebygg-cycle-collector"


class CycleCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(_NAME)
        self.threshold = gc.get_threshold()
        self.next_full = 0.0  # time.monotonic() before which no full collection runs
        self.quiet_until = 0.0  # time.monotonic() before which a quiet start collects nothing
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def start_quietly(self) -> None:
        """Collect nothing until `settle()` (or for `QUIET_LIMIT_S` at most)."""
        self.quiet_until = time.monotonic() + QUIET_LIMIT_S

    def settle(self) -> None:
        """The start is over: what it made is frozen out of later collections."""
        if self.quiet_until:
            self.quiet_until = 0.0
            gc.freeze()

    def collect(self) -> int:
        """Collect the generations that are over their threshold, as Python would have."""
        if self.quiet_until:
            if time.monotonic() < self.quiet_until:
                return 0
            self.quiet_until = 0.0  # never settled: collect as usual, freeze nothing
        young, middle, old = gc.get_count()
        first, second, third = self.threshold
        self.timer.setInterval(BUSY_MS if young > first else INTERVAL_MS)
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


def collect_on_screen_thread(quiet_start: bool = False) -> None:
    """From now on only the screen's thread collects cycles (once per application).

    Call it after the QApplication exists and before any worker thread runs Python. With
    `quiet_start`, nothing is collected until `start_settled()`.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the cycle collector needs the application object")
    collector = app.findChild(CycleCollector, _NAME)
    if collector is None:
        collector = CycleCollector(app)
        if quiet_start:
            collector.start_quietly()


def start_settled() -> None:
    """The program's start is over (the Store attached): end a quiet start."""
    app = QCoreApplication.instance()
    collector = app.findChild(CycleCollector, _NAME) if app is not None else None
    if collector is not None:
        collector.settle()
