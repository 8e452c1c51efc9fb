"""The one write path of the interface: Store calls run on one background worker.

A widget hands `Operations.run` a function of the Store; it runs off the UI thread (one
worker, so writes stay serialised), and the result or the error comes back on the UI
thread. Every `Change` is broadcast on `changed`, so each view refreshes what shows it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, TypeGuard

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.logs import safe_traceback
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.gui import collector
from forebygg_desktop.gui.collector import collect_on_screen_thread

log = logging.getLogger(__name__)
# How long a worker may hold Python's interpreter lock before the screen's thread gets it
# (CPython's default is 5 ms). Every paint calls into Python (a table's cells, event
# filters); while a reader works, each such call would wait up to the interval, and a
# table's repaint of a few hundred calls would hold the window for a second.
SWITCH_INTERVAL_S = 0.0005


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, store: Store, work: Callable[[Store], Any], relay: _Relay) -> None:
        super().__init__()
        self._store, self._work, self._relay = store, work, relay

    def run(self) -> None:
        try:
            with collector.worker_running():
                result = self._work(self._store)
        except UserError as error:
            self._emit(self._relay.failed, error)
        except Exception as error:  # anything else is a bug: log it, show a plain message
            # The stack and the error's kind, never its text (it could quote what was saved).
            log.error("operation failed:\n%s", safe_traceback(error))
            wrapped = UserError(N_("An unexpected error occurred: {detail}"),
                                detail=type(error).__name__)
            self._emit(self._relay.failed, wrapped)
        else:
            self._emit(self._relay.done, result)

    def _emit(self, signal: Any, value: Any) -> None:
        # The window (and the relay with it) may have closed while the work ran.
        if shiboken6.isValid(self._relay):
            signal.emit(value)


class Operations(QObject):
    """Runs Store work off the UI thread and broadcasts what changed."""

    changed = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        collect_on_screen_thread()  # a worker must never delete the screen's Qt objects
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # Reads (the pages of a list) run beside the writes: SQLite reads concurrently (WAL).
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(1)
        self._running = 0
        # Every relay of queued or running work, by a number of its own: a relay must live
        # until its job has emitted, and Qt objects' equality is not a safe set key.
        self._relays: dict[int, _Relay] = {}
        self._next = 0

    def read(self, work: Callable[[Store], Any], on_done: Callable[[Any], None],
             on_error: Callable[[UserError], None] | None = None) -> None:
        """Run a read, `work(store)`, off the UI thread; `on_done(result)` on the UI thread.

        Reads never wait behind a save and never show the busy sign; they change nothing,
        so nothing goes out on `changed`.
        """
        relay = _Relay()
        self._next += 1
        key = self._next
        self._relays[key] = relay

        @Slot(object)
        def finished(result: Any) -> None:
            self._relays.pop(key, None)
            if shiboken6.isValid(self) and _alive(on_done):
                on_done(result)

        @Slot(object)
        def failed(error: UserError) -> None:
            self._relays.pop(key, None)
            if not shiboken6.isValid(self):
                return
            if _alive(on_error):
                on_error(error)
            self.failed.emit(error)

        relay.done.connect(finished)
        relay.failed.connect(failed)
        self._reads.start(_Job(self.store, work, relay))

    def run(self, work: Callable[[Store], Any],
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[UserError], None] | None = None) -> None:
        """Run `work(store)` on the worker; call back on the UI thread."""
        relay = _Relay()
        self._next += 1
        key = self._next
        self._relays[key] = relay

        @Slot(object)
        def finished(result: Any) -> None:
            if not shiboken6.isValid(self):
                return  # the window (and its Operations) closed while the job ran
            self._finish(key)
            if _alive(on_done):
                on_done(result)
            if isinstance(result, Change):
                self.changed.emit(result)

        @Slot(object)
        def failed(error: UserError) -> None:
            if not shiboken6.isValid(self):
                return
            self._finish(key)
            if _alive(on_error):
                on_error(error)
            self.failed.emit(error)

        relay.done.connect(finished)
        relay.failed.connect(failed)
        self._running += 1
        if self._running == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(self.store, work, relay))

    def _finish(self, key: int) -> None:
        self._relays.pop(key, None)
        self._running -= 1
        if self._running == 0:
            self.busy_changed.emit(False)

    def idle(self) -> bool:
        """True when no read or write is queued or running."""
        return not self._relays

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until queued work is done (closing the program, tests)."""
        return self._pool.waitForDone(msecs) and self._reads.waitForDone(msecs)


def _alive(callback: Callable[..., Any] | None) -> TypeGuard[Callable[..., Any]]:
    """False for no callback, and for a method of a Qt object deleted while its work ran (a
    form closed meanwhile): calling it would raise. What changed still goes out on
    `changed`, and an error on `failed`, so the window shows it."""
    if callback is None:
        return False
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
