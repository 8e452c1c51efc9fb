"""The data folder's lock: one running copy of the program per data folder.

Taken before anything else touches the folder (the log included), so a second copy is
refused before it writes a line. A short wait, not a single attempt: right after a quick
restart the copy that is ending may still hold the lock for a moment (on Windows an
antivirus scan of the just-closed lock file does the same), and a single attempt would
wrongly say "already running".

The lock is the operating system's own advisory lock on `forebygg.lock` (`flock` on POSIX,
`msvcrt.locking` on Windows), the same calls the filelock package makes; it ends with the
process, so a crash never leaves the folder locked. Written here rather than imported
because the window takes it before its first paint, and filelock imports asyncio
(0.1-0.7 s on a busy laptop).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from forebygg_desktop.core.errors import AlreadyRunningError

LOCK_NAME = "forebygg.lock"
# Seconds to wait for a copy that is just ending; a copy that keeps running is refused then.
LOCK_TIMEOUT = 3.0
POLL_INTERVAL = 0.1


class InstanceLock:
    """An exclusive lock on one file, held until `release()` or the end of the process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """One attempt; True when this object now holds the lock."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)  # this user only
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def acquire(self, timeout: float, poll_interval: float = POLL_INTERVAL) -> bool:
        """Try until `timeout` seconds have passed; True when the lock is held."""
        deadline = time.monotonic() + timeout
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll_interval)
        return True

    def release(self) -> None:
        """Free the lock (nothing happens when it is not held)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def acquire_lock(data_dir: Path, timeout: float | None = None) -> InstanceLock:
    """Hold the data folder's lock, or raise `AlreadyRunningError` (it frees on exit)."""
    lock = InstanceLock(data_dir / LOCK_NAME)
    if not lock.acquire(LOCK_TIMEOUT if timeout is None else timeout):
        raise AlreadyRunningError()
    return lock
