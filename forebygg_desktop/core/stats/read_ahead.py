"""A server's rows fetched on a thread while the caller works on the ones before.

A decade report reads ≈ 130,000 meetings through a server-side cursor in batches. On
SQLite the rows come from the same process, but a server computes and sends each batch
while the program waits: ≈ 0.4 s of a decade report on PostgreSQL (the server sharing
the machine's cores) was spent waiting. `read_ahead` asks for the next batches on a
thread of its own — the driver lets other threads run while it waits on the network —
so the server works while the report formats the rows before them.

At most `depth` batches wait in the queue (memory stays a few batches). The thread never
outlives the iteration: closing it early (a cancelled or failed report) stops the thread
after the batch it is fetching, and the caller may use the connection again once
`read_ahead` has returned or been closed. An error on the thread is raised to the caller
as it is (the same exception, so it ends in the same message as without the thread).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterator
from typing import Any

# The thread's last item: the batches ended, or failed with this error.
_END = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead[T](batches: Iterator[T], depth: int = 2) -> Generator[T, None, None]:
    """What `batches` yields, in order, fetched by a thread up to `depth` batches ahead.

    `batches` is only touched on the thread (and closed there when the iteration is
    closed early); it must hold a connection nobody else uses meanwhile."""
    if depth < 1:
        raise ValueError("read ahead by at least one batch")
    items: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def fetch() -> None:
        last: Any = _END
        try:
            for batch in batches:
                items.put(batch)
                if stop.is_set():
                    break
        except BaseException as error:  # raised to the caller, whatever it is
            last = _Failed(error)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                try:
                    close()
                except BaseException as error:
                    if last is _END:
                        last = _Failed(error)
            items.put(last)

    thread = threading.Thread(target=fetch, name="forebygg-read-ahead", daemon=True)
    thread.start()
    done = False
    try:
        while True:
            item = items.get()
            if item is _END:
                done = True
                return
            if isinstance(item, _Failed):
                done = True
                raise item.error
            yield item
    finally:
        if not done:  # closed early: let the thread finish the batch it is on, and end
            stop.set()
            while True:  # until its last item: it may wait to put a batch meanwhile
                item = items.get()
                if item is _END or isinstance(item, _Failed):
                    break
        thread.join()
