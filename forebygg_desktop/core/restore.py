"""Restoring a backup (the current file is kept aside, never deleted) and rescuing what a
damaged file still lets us read.

A restore runs with the Store closed and the data folder's lock held:
1. the backup is checked (header, length, `quick_check`, not another program's, not newer);
2. it is copied beside the database as `forebygg.sqlite3.restore` (SQLite's backup API,
   checked again, fsync'd) — a full disk fails here, with nothing changed;
3. the current database is moved into `backups/set-aside/`, first the main file, then its
   `-wal` and `-shm` (so the pair stays together under the new name);
4. the copy is renamed into place.
If the program dies between 3 and 4, `finish_interrupted_restore` (at the next start, under
the lock) completes it: a `.restore` file with no database beside it is renamed into place,
after any stray `-wal`/`-shm` was moved to the set-aside file they belong to. A `.restore`
file beside a database is a copy that never got further than step 2 and is removed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.backups import set_aside_dir
from forebygg_desktop.core.db import (
    BACKUP_PREFIX,
    BACKUP_SUFFIX,
    backup_file,
    check_header,
    quick_check,
    refuse_newer_file,
)
from forebygg_desktop.core.errors import BackupUnusableError, UserError
from forebygg_desktop.core.files import fsync_folder, make_private, private_folder
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.targets import check_target

RESTORE_SUFFIX = ".restore"
_COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    set_aside: Path | None  # None when there was no database to keep


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def verify_backup(path: Path) -> None:
    """Raise `BackupUnusableError` unless `path` is a whole, readable Forebygg database."""
    if not path.is_file():
        raise BackupUnusableError(name=path.name, detail="no such file")
    try:
        check_header(path)
        if path.stat().st_size == 0:
            raise BackupUnusableError(name=path.name, detail="empty file")
        refuse_newer_file(path)
        result = quick_check(path)
    except BackupUnusableError:
        raise
    except UserError as error:
        raise BackupUnusableError(name=path.name, detail=error.message()) from error
    if result != "ok":
        raise BackupUnusableError(name=path.name, detail=result[:120])


def restore_backup(data_dir: Path, backup: Path) -> RestoreResult:
    """Put `backup` in place of the database; the current file is set aside, not deleted.

    The caller holds the data folder's lock and has closed the Store.
    """
    verify_backup(backup)
    database = data_dir / DATABASE_NAME
    staged = database.with_name(database.name + RESTORE_SUFFIX)
    staged.unlink(missing_ok=True)
    backup_file(backup, staged)  # copy, check, fsync: a full disk stops here
    aside = _set_aside(data_dir, database)
    fsretry.replace(staged, database)
    make_private(database)
    fsync_folder(data_dir)
    return RestoreResult(backup, aside)


def _set_aside(data_dir: Path, database: Path) -> Path | None:
    if not database.exists():
        return None
    folder = private_folder(set_aside_dir(data_dir))
    aside = folder / f"{BACKUP_PREFIX}set-aside-{_stamp()}{BACKUP_SUFFIX}"
    fsretry.replace(database, aside)
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            fsretry.replace(companion, aside.with_name(aside.name + suffix))
    fsync_folder(folder)
    return aside


def finish_interrupted_restore(data_dir: Path) -> None:
    """Complete (or clean up) a restore that a crash interrupted; the lock must be held."""
    database = data_dir / DATABASE_NAME
    staged = database.with_name(database.name + RESTORE_SUFFIX)
    for half in (staged.with_name(staged.name + ".part"),
                 staged.with_name(staged.name + ".part-journal")):
        half.unlink(missing_ok=True)  # a copy (step 2) that never finished
    if not staged.exists():
        return
    if database.exists():
        staged.unlink()  # step 2 never finished: the database was not touched
        return
    strays = [database.with_name(database.name + s) for s in _COMPANIONS]
    if any(p.exists() for p in strays):
        folder = private_folder(set_aside_dir(data_dir))
        asides = sorted(folder.glob(f"{BACKUP_PREFIX}set-aside-*{BACKUP_SUFFIX}"))
        target = (asides[-1] if asides
                  else folder / f"{BACKUP_PREFIX}set-aside-{_stamp()}{BACKUP_SUFFIX}")
        for suffix, stray in zip(_COMPANIONS, strays, strict=True):
            if stray.exists():
                fsretry.replace(stray, target.with_name(target.name + suffix))
    fsretry.replace(staged, database)
    fsync_folder(data_dir)


@dataclass(frozen=True)
class RescueResult:
    path: Path
    rows: dict[str, int]
    unreadable: tuple[str, ...]  # tables read only partly or not at all


def rescue_copy(database: Path, out_folder: Path, data_dir: Path | None = None) -> RescueResult:
    """Copy every row that can still be read into a new database file in `out_folder`.

    The damaged file is opened read-only and not changed. The copy has the same tables (it
    can be restored from, or sent to support); tables that could not be read whole are named.
    """
    target = out_folder / f"forebygg-rescued-{_stamp()}{BACKUP_SUFFIX}"
    check_target(target, "rescue", data_dir=data_dir, database=database)
    wal = database.with_name(database.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    source = sqlite3.connect(f"{database.resolve().as_uri()}?{options}", uri=True)
    part = target.with_name(target.name + ".part")
    rows: dict[str, int] = {}
    unreadable: list[str] = []
    try:
        out = sqlite3.connect(str(part))
        make_private(part)
        try:
            tables = _readable_schema(source)
            for name, sql in tables:
                out.execute(sql)
                rows[name], whole = _copy_rows(source, out, name)
                if not whole:
                    unreadable.append(name)
            out.commit()
        finally:
            out.close()
        fsretry.replace(part, target)
        fsync_folder(out_folder)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return RescueResult(target, rows, tuple(unreadable))


def _readable_schema(source: sqlite3.Connection) -> list[tuple[str, str]]:
    try:
        return [(str(n), str(s)) for n, s in source.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='table' AND sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rootpage")]
    except sqlite3.DatabaseError:
        return []


def _copy_rows(source: sqlite3.Connection, out: sqlite3.Connection,
               table: str) -> tuple[int, bool]:
    copied = 0
    try:
        cursor = source.execute(f'SELECT * FROM "{table}"')
        width = len(cursor.description)
        insert = f'INSERT OR IGNORE INTO "{table}" VALUES ({", ".join("?" * width)})'
        while batch := cursor.fetchmany(500):
            out.executemany(insert, batch)
            copied += len(batch)
    except sqlite3.DatabaseError:
        return copied, False
    return copied, True
