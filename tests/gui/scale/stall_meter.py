"""A test-side watchdog: how long the event loop of the screen's thread was held.

The one kind of timing check the tests allow (issue 21, "no freeze"). A precise 5 ms
heartbeat runs on the screen's thread; whenever the loop is held (a long read, a long
fill), the next beat comes late, and `worst` is the longest gap minus the interval. Beside
it, `worst_cpu_ms` is the most processor time the screen's thread used between two beats:
a loaded machine lengthens the gaps but hardly this, so the check that uses it asserts on
that (and takes the best of several tries, after the window's first paint).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

INTERVAL_MS = 5


class StallMeter(QObject):
    """Start, let the loop run, stop: `worst_ms` is the longest stall seen meanwhile."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._beat)
        self.worst_ms = 0.0
        # The longest cycle collection on the screen's thread meanwhile (part of a stall,
        # named apart because the program's collector, not the area, decides when it runs).
        self.worst_collection_ms = 0.0
        # The most processor time the screen's thread used between two beats: the work the
        # program itself did there without letting the loop run. Unlike the stall's length
        # it is not lengthened by other processes taking the processor (a loaded machine);
        # it leaves out waiting (for the interpreter lock a worker holds, for the disk).
        self.worst_cpu_ms = 0.0
        self._last = self._last_cpu = 0.0
        self._collecting = 0.0

    def start(self) -> None:
        self.worst_ms = self.worst_cpu_ms = self.worst_collection_ms = 0.0
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        gc.callbacks.append(self._collection)
        self.timer.start()

    def _collection(self, phase: str, _info: dict[str, int]) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if phase == "start":
            self._collecting = time.perf_counter()
        elif self._collecting:
            took = (time.perf_counter() - self._collecting) * 1000
            self.worst_collection_ms = max(self.worst_collection_ms, took)

    def _beat(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.worst_ms = max(self.worst_ms, (now - self._last) * 1000 - INTERVAL_MS)
        self.worst_cpu_ms = max(self.worst_cpu_ms, (cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def stop(self) -> float:
        self._beat()
        self.timer.stop()
        if self._collection in gc.callbacks:
            gc.callbacks.remove(self._collection)
        return self.worst_ms


def run_loop_until(done: Callable[[], bool], settle_ms: int = 300,
                   timeout_ms: int = 120_000) -> bool:
    """Run the event loop until `done()` has held for `settle_ms` (False on timeout)."""
    start = time.perf_counter()
    held_since: float | None = None
    while (time.perf_counter() - start) * 1000 < timeout_ms:
        QApplication.processEvents()
        time.sleep(0.001)  # the loop's own pace: beats and queued results get through
        if done():
            held_since = held_since or time.perf_counter()
            if (time.perf_counter() - held_since) * 1000 >= settle_ms:
                return True
        else:
            held_since = None
    return False


def stall_of(action: Callable[[], None], done: Callable[[], bool]) -> dict[str, float]:
    """While `action` runs from the event loop and its work settles: the worst stall
    ("wall"), the most processor time the screen's thread used in one stall ("cpu"), and
    the longest cycle collection on the screen's thread ("collection"), in milliseconds."""
    meter = StallMeter()
    meter.start()
    run_loop_until(lambda: True, settle_ms=50)  # the meter's first beats
    QTimer.singleShot(0, action)
    run_loop_until(done)
    return {"wall": meter.stop(), "cpu": meter.worst_cpu_ms,
            "collection": meter.worst_collection_ms}
