"""One item prepared ahead: while the caller works on item N, item N+1 is prepared on one
worker thread.

The caller asks for each item's preparation in order (`get`), and says when the next one
may start (`start`): an import starts it when the current file's write is under way, so
reading and checking the next file overlaps the database's work and the commit's wait for
the disk (sqlite3, zlib, hashlib and the `cryptography` primitives leave the GIL while they
work). At most one item is prepared ahead, so at most two files are held in memory. The
preparation must not change anything: what it finds is used only when the caller gets to
that item, and everything that depends on what was written before is decided then.

With a single item, or `threads=False`, nothing runs on another thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType


class Ahead[T, R]:
    """`prepare(items[i])` for each i in order, at most one item ahead of the caller."""

    def __init__(self, items: Sequence[T], prepare: Callable[[T], R],
                 threads: bool = True) -> None:
        self._items = items
        self._prepare = prepare
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="forebygg-ahead") \
            if threads and len(items) > 1 else None
        self._started: dict[int, Future[R]] = {}

    def __enter__(self) -> Ahead[T, R]:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def start(self, index: int) -> None:
        """Let item `index` be prepared on the worker (no-op past the end, when started
        already, or without a worker)."""
        if self._pool is None or not 0 <= index < len(self._items) or index in self._started:
            return
        self._started[index] = self._pool.submit(self._prepare, self._items[index])

    def get(self, index: int) -> R:
        """Item `index` prepared: the worker's result (waited for), or prepared here when it
        was not started ahead. An exception of `prepare` is raised here, as if called here."""
        future = self._started.pop(index, None)
        if future is None:
            return self._prepare(self._items[index])
        return future.result()

    def close(self) -> None:
        """Stop: an item not yet begun is dropped, one under way is waited for (it changes
        nothing, and no thread is left working after an import returns)."""
        if self._pool is not None:
            for future in self._started.values():
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._started.clear()
            self._pool = None
