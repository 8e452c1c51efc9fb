"""Progress of exchange work on the background worker, delivered on the UI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal


class ProgressRelay(QObject):
    """Call it from the worker; `progressed(done, total, label)` arrives on the UI thread.

    `cancel()` (UI thread) makes `cancelled()` (worker) true: an import stops between files.
    """

    progressed = Signal(int, int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, label: str) -> None:
        self.progressed.emit(done, total, label)

    def cancel(self) -> None:
        self._cancel.set()

    def reset(self) -> None:
        self._cancel.clear()

    def cancelled(self) -> bool:
        return self._cancel.is_set()
