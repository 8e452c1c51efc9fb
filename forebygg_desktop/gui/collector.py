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

Most of what a full collection walks lives as long as the window: the modules, classes and
functions of the program and its libraries, and each area's widgets once built. When an
area has been built (`area_built`), everything alive is frozen (`gc.freeze`): full collections
then walk only what was made since, 0-50 ms instead of 100-300 ms on a central store. A
cycle that was alive at a freeze and becomes garbage later stays until the window closes
(`release` then hands everything back to the collector); there are at most as many freezes
as areas, so what can stay so is bounded. Large data read for the screen is kept in tuples
of plain values (texts, numbers, dates), which the collector stops tracking altogether.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# How often the screen's thread looks at the collector's counts (milliseconds). A look
# costs a microsecond. While objects are made faster than one threshold per look (a worker
# reading a central store's lists), the looks come every BUSY_MS: a young collection walks
# every object made since the last, and 250 ms of a busy reader's objects took 20-360 ms.
INTERVAL_MS = 250
BUSY_MS = 10
FULL_SHARE = 0.02
QUIET_LIMIT_S = 10.0
# While a worker runs Python (a read, a save), most of the objects it makes die when it
# returns: collecting them meanwhile walks them for nothing, 1-2 µs each on the screen's
# thread (a read of 30,000 series makes 150,000). So young collections wait for the
# worker, up to WORKER_FACTOR thresholds (about 25 ms of walking) of objects.
WORKER_FACTOR = 100
_NAME = "forebygg-cycle-collector"
_workers = 0  # workers running Python now (`worker_running`)
_workers_lock = threading.Lock()


@contextmanager
def worker_running() -> Iterator[None]:
    """Around a worker's Python work: the collector knows its objects may die soon."""
    global _workers
    with _workers_lock:
        _workers += 1
    try:
        yield
    finally:
        with _workers_lock:
            _workers -= 1


class CycleCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(_NAME)
        self.threshold = gc.get_threshold()
        self.next_full = 0.0  # time.monotonic() before which no full collection runs
        # A window closed since the last freeze: what it held may be garbage, and the next
        # freeze must not keep it (`freeze_survivors` then collects everything first).
        self.owed_full = False
        self.freeze_wanted = False
        self.quiet_until = 0.0  # time.monotonic() before which a quiet start collects nothing
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations that are over their threshold, as Python would have."""
        if self.quiet_until:
            if time.monotonic() < self.quiet_until:
                return 0
            self.quiet_until = 0.0  # never settled: collect as usual, freeze nothing
        if self.freeze_wanted and not _workers:
            self.freeze_survivors()
        young, middle, old = gc.get_count()
        first, second, third = self.threshold
        self.timer.setInterval(BUSY_MS if young > first or _workers or self.freeze_wanted
                               else INTERVAL_MS)
        if young <= first or (_workers and young <= first * WORKER_FACTOR):
            return 0
        if middle <= second:
            return gc.collect(0)
        if old <= third or time.monotonic() < self.next_full:
            return gc.collect(1)
        began = time.monotonic()
        found = gc.collect(2)
        self.owed_full = False
        self.next_full = began + (time.monotonic() - began) / FULL_SHARE
        return found

    def start_quietly(self) -> None:
        """Collect nothing until `settle()` (or for `QUIET_LIMIT_S` at most)."""
        self.quiet_until = time.monotonic() + QUIET_LIMIT_S

    def settle(self) -> None:
        """The start is over: what it made is frozen out of later collections."""
        if self.quiet_until:
            self.quiet_until = 0.0
            gc.freeze()

    def freeze_soon(self) -> None:
        """`freeze_survivors` once no worker runs (what a worker holds is mostly gone when
        it ends)."""
        self.freeze_wanted = True
        self.timer.setInterval(BUSY_MS)

    def freeze_survivors(self) -> None:
        """What is alive now stays as long as the window: collections stop walking it."""
        self.freeze_wanted = False
        gc.collect(2 if self.owed_full else 1)  # young garbage is not frozen with it
        self.owed_full = False
        gc.freeze()

    def release(self) -> None:
        """A window closed: everything frozen is walked again from the next collection."""
        gc.unfreeze()
        self.owed_full = True


def _collector() -> CycleCollector | None:
    app = QCoreApplication.instance()
    found = app.findChild(QObject, _NAME) if app is not None else None
    return found if isinstance(found, CycleCollector) else None


def area_built() -> None:
    """An area has been built (its modules imported, its widgets made): freeze what lives."""
    collector = _collector()
    if collector is not None:
        collector.freeze_soon()


def release() -> None:
    """A window has closed: what it held goes back to the collector."""
    collector = _collector()
    if collector is not None:
        collector.release()


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
