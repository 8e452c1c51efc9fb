"""Renames and deletes that wait out a file another program holds for a moment (Windows).

On Windows, antivirus scanners, the search indexer, OneDrive and Excel often open a file
just after it was written. A rename or delete in that moment fails with WinError 5 (access
denied), 32 (sharing violation) or 33 (lock violation), and succeeds a second later. Every
rename and delete of the program's own files goes through this module: such a failure is
tried again a few times with a short, growing pause (≈ 3 s in all); any other error, and one
that lasts, is raised unchanged. On Linux and macOS the errors never carry a `winerror`,
so nothing is retried there.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
TRANSIENT_WINERRORS = frozenset({5, 32, 33})
DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.8, 1.2)

StrPath = str | os.PathLike[str]


def is_transient(error: OSError) -> bool:
    """Whether `error` is a Windows "file in use" refusal that usually passes quickly."""
    return getattr(error, "winerror", None) in TRANSIENT_WINERRORS


def retry[T](operation: Callable[[], T], *, delays: Sequence[float] = DELAYS,
          sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `operation`, trying again after each delay while it fails with a transient error."""
    for attempt, delay in enumerate((*delays, None), start=1):
        try:
            return operation()
        except OSError as error:
            if delay is None or not is_transient(error):
                raise
            log.info("file in use (WinError %s), attempt %d; trying again",
                     getattr(error, "winerror", None), attempt)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def replace(source: StrPath, target: StrPath) -> None:
    """`os.replace` (atomic, overwrites `target`) with retries."""
    retry(lambda: os.replace(source, target))


def rename(source: StrPath, target: StrPath) -> None:
    """`os.rename` (fails when `target` exists on Windows) with retries."""
    retry(lambda: os.rename(source, target))


def unlink(path: StrPath, *, missing_ok: bool = True) -> None:
    """Delete a file with retries; a missing file is fine unless `missing_ok` is False."""
    retry(lambda: Path(path).unlink(missing_ok=missing_ok))


def rmtree(path: StrPath) -> None:
    """Delete a folder tree with retries; a missing folder is fine."""
    def remove() -> None:
        if os.path.lexists(path):
            shutil.rmtree(path)

    retry(remove)
