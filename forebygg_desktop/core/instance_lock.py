"""The data folder's lock: one running copy of the program per data folder.

Taken before anything else touches the folder (the log included), so a second copy is
refused before it writes a line. A short wait, not a single attempt: right after a quick
restart the copy that is ending may still hold the lock for a moment (on Windows an
antivirus scan of the just-closed lock file does the same), and a single attempt would
wrongly say "already running". Light on purpose (filelock only): the window's start-up
takes the lock before the heavy imports.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from forebygg_desktop.core.errors import AlreadyRunningError

LOCK_NAME = "forebygg.lock"
# Seconds to wait for a copy that is just ending; a copy that keeps running is refused then.
LOCK_TIMEOUT = 3.0
POLL_INTERVAL = 0.1


def acquire_lock(data_dir: Path, timeout: float | None = None) -> FileLock:
    """Hold the data folder's lock, or raise `AlreadyRunningError` (it frees on exit)."""
    # Not thread-local: the GUI takes the lock on one thread and frees it on another.
    lock = FileLock(str(data_dir / LOCK_NAME), thread_local=False)
    try:
        lock.acquire(timeout=LOCK_TIMEOUT if timeout is None else timeout,
                     poll_interval=POLL_INTERVAL)
    except Timeout as error:
        raise AlreadyRunningError() from error
    return lock
