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

Most of what a full collection walks lives as long as the window: the modules, classes and
functions of the program and its libraries, and each area's widgets once built. When an
area has been built (`settle`), everything alive is frozen (`gc.freeze`): full collections
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
        # freeze must not keep it (`settle` then collects everything first).
        self.owed_full = False
        self.settle_wanted = False
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations that are over their threshold, as Python would have."""
        if self.settle_wanted and not _workers:
            self.settle()
        young, middle, old = gc.get_count()
        first, second, third = self.threshold
        self.timer.setInterval(BUSY_MS if young > first or _workers or self.settle_wanted
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

    def settle_soon(self) -> None:
        """`settle` once no worker runs (what a worker holds is mostly gone when it ends)."""
        self.settle_wanted = True
        self.timer.setInterval(BUSY_MS)

    def settle(self) -> None:
        """What is alive now stays as long as the window: collections stop walking it."""
        self.settle_wanted = False
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


def settle() -> None:
    """An area has been built (its modules imported, its widgets made): freeze what lives."""
    collector = _collector()
    if collector is not None:
        collector.settle_soon()


def release() -> None:
    """A window has closed: what it held goes back to the collector."""
    collector = _collector()
    if collector is not None:
        collector.release()


def collect_on_screen_thread() -> None:
    """From now on only the screen's thread collects cycles (once per application).

    Call it after the QApplication exists and before any worker thread runs Python.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the cycle collector needs the application object")
    if app.findChild(QObject, _NAME) is None:
        CycleCollector(app)
