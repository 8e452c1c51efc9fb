"""Files only for this user, written whole or not at all.

On POSIX the data folder, the database, backups, logs and exports are created 0700 (folders)
and 0600 (files): the process umask is set to 077 at start (`private_umask`) and every file
the core writes is also chmod'ed explicitly, so files made before (or by a library that
ignores the umask) are narrowed too. On Windows the data folder lives in the user's profile
(`%LOCALAPPDATA%`), whose access list already grants only the user, SYSTEM and
Administrators; nothing is changed there (see docs/architecture.md, "Files").
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from forebygg_desktop.core import fsretry

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
PART_SUFFIX = ".part"
POSIX = os.name == "posix"


def private_umask() -> None:
    """New files and folders of this process are for this user only (POSIX)."""
    if POSIX:
        os.umask(0o077)


def make_private(path: Path) -> None:
    """Narrow an existing file (0600) or folder (0700) to this user; errors are ignored.

    A FAT-formatted USB stick has no permissions to set: that is not a failure.
    """
    if not POSIX:
        return
    try:
        mode = PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE
        if stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except OSError:
        pass


def private_folder(path: Path) -> Path:
    """Create a folder (and its parents) for this user only; returns it."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_private(path)
    return path


def secure_data_folder(folder: Path, database: Path) -> None:
    """Narrow a data folder made before this rule: the folder, the database and its
    companions, the backups and the logs."""
    if not POSIX:
        return
    make_private(folder)
    for name in ("", "-wal", "-shm", "-journal"):
        companion = database.with_name(database.name + name)
        if companion.exists():
            make_private(companion)
    for sub in ("backups", "logs"):
        inner = folder / sub
        if inner.is_dir():
            make_private(inner)
            for child in inner.rglob("*"):
                make_private(child)


def write_private(path: Path, content: bytes) -> None:
    """Write a whole new file, 0600, flushed and fsync'd (the caller renames it into place)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                         PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    make_private(path)


def replace_durably(target: Path, content: bytes) -> None:
    """`content` as the file `target`, whole or not at all: written under a temporary name in
    its folder (0600, fsync'd), renamed into place, the folder fsync'd. An OSError is raised
    as it came (ENOSPC: a full disk), and the temporary file is gone."""
    temporary = target.with_name(f".{target.name}{PART_SUFFIX}")
    try:
        write_private(temporary, content)
        fsretry.replace(temporary, target)
        fsync_folder(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; NTFS journals the rename itself)."""
    if not POSIX:
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def is_disk_full(error: BaseException) -> bool:
    """ENOSPC, or SQLite's "database or disk is full"."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "disk is full" in str(error).lower() or "database or disk is full" in str(error)


def is_read_only(error: BaseException) -> bool:
    """EROFS/EACCES/EPERM, or SQLite's read-only complaints."""
    if isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return True
    text = str(error).lower()
    return "readonly" in text or "read-only" in text or "unable to open database" in text


def is_damage(error: BaseException) -> bool:
    """SQLite found a damaged file ("malformed", "not a database"), here or in a cause."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(getattr(current, "orig", None) or current).lower()
        if "malformed" in text or "file is not a database" in text:
            return True
        current = current.__cause__ or current.__context__
    return False


def reason(error: BaseException) -> str:
    """A short technical reason for a message (no paths or values from the user)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return (str(error).splitlines() or [type(error).__name__])[0][:120]
