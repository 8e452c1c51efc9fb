"""Items prepared ahead: while the caller works on item N, the next items are prepared on
one worker thread — but only while the caller lets it.

The caller asks for each item's preparation in order (`get`), says from which item on the
worker may prepare (`start`), and when it may work: an import lets it work while a file's
commit waits for the disk (`let_work` … `hold`), and while the import itself waits in
`get`. Python runs one thread at a time: a worker that reads and checks a file while the
importing thread plans and writes the current one takes Python's lock back and forth with
it row by row, and both slow down (measured: the import took 7.0–8.6 s instead of
6.2–6.8 s). A commit holds no Python lock while it waits for the disk, so work done then is
free. The worker stops only between steps (`pause`, called by `prepare` between its steps),
so a step begun while it may work runs to its end.

Up to `depth` items are prepared ahead (two by default: a file whose preparation did not
fit in one commit's wait goes on in the next one), so at most `depth` + 1 files are held
in memory. The preparation must not change anything: what it finds is used only when the
caller gets to that item, and everything that depends on what was written before is
decided then.

With a single item, or `threads=False`, nothing runs on another thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType


class Ahead[T, R]:
    """`prepare(items[i], pause)` for each i in order, up to `depth` items ahead; `pause()`
    returns once the worker may go on (at once on the caller's thread)."""

    def __init__(self, items: Sequence[T], prepare: Callable[[T, Callable[[], None]], R],
                 threads: bool = True, depth: int = 2) -> None:
        self._items = items
        self._prepare = prepare
        self._depth = depth
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="forebygg-ahead") \
            if threads and len(items) > 1 else None
        self._started: dict[int, Future[R]] = {}
        self._may_work = threading.Event()

    def __enter__(self) -> Ahead[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def start(self, index: int) -> None:
        """Let items `index` … `index + depth - 1` be prepared on the worker, in order (those
        past the end or started already are left; without a worker, nothing)."""
        if self._pool is None:
            return
        for number in range(max(index, 0), min(index + self._depth, len(self._items))):
            if number not in self._started:
                self._started[number] = self._pool.submit(self._prepare, self._items[number],
                                                          self._pause)

    def let_work(self, index: int | None = None) -> None:
        """The worker may work until `hold` (having started from `index` when given)."""
        if index is not None:
            self.start(index)
        self._may_work.set()

    def hold(self) -> None:
        """The worker stops at its next step until `let_work` or `get`."""
        self._may_work.clear()

    def get(self, index: int) -> R:
        """Item `index` prepared: the worker's result (it may work while this waits; it is
        held again when this returns), or prepared here when it was not started ahead. An
        exception of `prepare` is raised here, as if called here."""
        future = self._started.pop(index, None)
        if future is None:
            return self._prepare(self._items[index], _go_on)
        self._may_work.set()
        try:
            return future.result()
        finally:
            self._may_work.clear()

    def close(self) -> None:
        """Stop: an item not yet begun is dropped, one under way is let finish and waited
        for (it changes nothing, and no thread is left working after an import returns)."""
        if self._pool is not None:
            for future in self._started.values():
                future.cancel()
            self._may_work.set()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._started.clear()
            self._pool = None

    def _pause(self) -> None:
        self._may_work.wait()


def _go_on() -> None:
    """The pause of a preparation on the caller's thread: none."""
