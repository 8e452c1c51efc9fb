"""Never write over what is not ours: the checks before an export, report or backup is written.

A target is refused, with nothing written, when it is
- the database (or its -wal/-shm/-journal companion), the lock, a backup or a log file,
  or any file inside the data folder's `backups/` or `logs/` folders;
- inside a folder that does not exist;
- an existing file of another kind (a report target that is not a workbook, an export target
  that is not a Forebygg package) — even with consent;
- an existing file of the same kind, unless the user agreed (`force`).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from forebygg_desktop.core.errors import (
    ForeignTargetError,
    OutputFolderMissingError,
    ProtectedTargetError,
    TargetExistsError,
    TargetNameError,
)

Kind = Literal["package", "report", "pdf", "backup", "rescue"]
SQLITE_HEADER = b"SQLite format 3\x00"
_COMPANIONS = ("", "-wal", "-shm", "-journal")
_OWN_SUBFOLDERS = ("backups", "logs")
# Backups wherever they are (a second location on a USB stick too).
_BACKUP_NAMES = ("forebygg-rolling-", "forebygg-pre-migration-", "forebygg-set-aside-")
# The longest file name (in bytes) the common file systems take (ext4, NTFS, FAT's long names).
NAME_MAX = 255


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())


def is_inside(path: Path, folder: Path) -> bool:
    """`path` is `folder` or lies under it (links resolved)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def protected_paths(data_dir: Path | None, database: Path | None) -> list[Path]:
    """The program's own files a command must never write over."""
    out: list[Path] = []
    if database is not None:
        out += [database.with_name(database.name + c) for c in _COMPANIONS]
    if data_dir is not None:
        out += [data_dir / "forebygg.lock"]
    return out


def is_protected(target: Path, data_dir: Path | None, database: Path | None,
                 extra_folders: Iterable[Path] = ()) -> bool:
    """True for the database, its companions, the lock, backups and logs."""
    if any(_same(target, own) for own in protected_paths(data_dir, database)):
        return True
    folders = [data_dir / sub for sub in _OWN_SUBFOLDERS] if data_dir is not None else []
    folders += list(extra_folders)
    if any(is_inside(target, folder) for folder in folders):
        return True
    name = target.name
    return name.startswith(("forebygg.log", *_BACKUP_NAMES)) and not name.endswith(".part")


def is_kind(path: Path, kind: Kind) -> bool:
    """Whether an existing file is of the kind a command writes (so it may be replaced)."""
    try:
        if kind in ("backup", "rescue"):
            return False  # backups and rescue copies get new names; never replaced
        if kind == "pdf":
            with path.open("rb") as handle:
                return handle.read(5) == b"%PDF-"
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    if kind == "package":
        return "manifest.json" in names
    return "xl/workbook.xml" in names and "[Content_Types].xml" in names


def check_target(target: Path, kind: Kind, *, data_dir: Path | None, database: Path | None,
                 force: bool = False, extra_folders: Iterable[Path] = ()) -> None:
    """Raise the user error that says why `target` may not be written; None when it may."""
    check_name(target)
    if is_protected(target, data_dir, database, extra_folders):
        raise ProtectedTargetError(path=str(target))
    if not target.parent.is_dir():
        raise OutputFolderMissingError(folder=str(target.parent))
    if target.is_dir():
        raise ForeignTargetError(path=str(target))
    if not (target.exists() or target.is_symlink()):
        return
    if target.is_symlink() or not is_kind(target, kind):
        raise ForeignTargetError(path=str(target))
    if not force:
        raise TargetExistsError(path=str(target))


def check_name(target: Path) -> None:
    """Refuse a name that is not text (bytes a shell passed through that are not UTF-8) or
    longer than a file system takes — before anything is written (such a name once failed
    only after an export was written, and its number was given out again)."""
    if not target.name:  # a folder such as "." or "/": no name of its own to check
        return
    try:
        encoded = target.name.encode("utf-8")
    except UnicodeEncodeError:
        encoded = b""
    if not encoded or len(encoded) > NAME_MAX:
        shown = target.name.encode("utf-8", "replace").decode("utf-8")
        raise TargetNameError(name=shown if len(shown) <= 60 else shown[:57] + "...")


def target_in(out: Path, default_name: str) -> Path:
    """What `--out` names: the file itself, or `default_name` in it when it is a folder (its
    name checked first: a name too long for the disk cannot even be asked that)."""
    check_name(out)
    return out / default_name if out.is_dir() else out


def looks_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
