"""Backups as a feature: what exists, what each holds, what is kept, and the start-up round.

Pruning policy (also in docs/architecture.md, "Backups"):
- rolling (`forebygg-rolling-*`, one per start and per `forebygg-cli backup`): the newest
  `backups_keep` (setting, default 10) in the data folder, and as many in the second
  location when one is chosen;
- upgrade (`forebygg-pre-migration-*`, before a schema upgrade): the newest 3;
- set aside (`backups/set-aside/`, the file a restore replaced, damaged or not): never
  deleted by the program — it may be the only copy of something;
- half-written copies (`*.part`, `*.part-journal`, `*.restore`) of a run that died are
  removed at the next start, while the data folder's lock is held;
- nothing is backed up or pruned while the database fails its integrity check (a damaged
  file must not push good backups out).
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from forebygg_desktop.core import settings
from forebygg_desktop.core.db import (
    BACKUP_PREFIX,
    BACKUP_SUFFIX,
    KEEP_PRE_MIGRATION,
    backup_to_folder,
    list_backups,
    prune_backups,
    quick_check,
)
from forebygg_desktop.core.errors import (
    BackupWarning,
    UserError,
    WritesRefusedError,
)
from forebygg_desktop.core.files import PART_SUFFIX
from forebygg_desktop.core.i18n import N_, _, separated
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.targets import is_inside

BACKUP_FOLDER = "backups"
SET_ASIDE_FOLDER = "set-aside"
KINDS = ("rolling", "pre-migration", "set-aside")
KIND_LABELS = {
    "rolling": N_("Regular backup"),
    "pre-migration": N_("Before an upgrade"),
    "set-aside": N_("Set aside at a restore"),
}
# What a summary counts: (table, label) — live rows only.
SUMMARY_TABLES = (
    ("group_series", N_("group series")),
    ("meeting", N_("meetings")),
    ("open_meeting", N_("open meetings")),
    ("advice_talk", N_("advice talks")),
    ("digital_use", N_("digital uses")),
    ("evaluation_response", N_("evaluation answers")),
)
_STAMPED = ("group_series", "meeting", "open_meeting", "advice_talk", "digital_use")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: where, which kind, when it was taken, how big."""

    path: Path
    kind: str
    taken_at: datetime
    size: int
    second_location: bool = False

    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, KIND_LABELS["rolling"]))


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds: live rows per table and the newest change (None: unreadable)."""

    counts: dict[str, int]
    newest_change: str | None

    def text(self) -> str:
        """One line for a list, in the interface language."""
        parts = [f"{self.counts.get(table, 0)} {_(label)}" for table, label in SUMMARY_TABLES
                 if self.counts.get(table)]
        return separated(parts) if parts else _("no registrations")


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def set_aside_dir(data_dir: Path) -> Path:
    return backup_dir(data_dir) / SET_ASIDE_FOLDER


def taken_at_of(path: Path) -> datetime:
    """When a backup was taken: from its name, else the file's time."""
    stem = path.name[:-len(BACKUP_SUFFIX)] if path.name.endswith(BACKUP_SUFFIX) else path.name
    try:
        return datetime.strptime("-".join(stem.split("-")[-3:]), "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime)


def _infos(folder: Path, kind: str, second: bool = False) -> list[BackupInfo]:
    pattern = (f"{BACKUP_PREFIX}{kind}-*{BACKUP_SUFFIX}")
    out = []
    for path in folder.glob(pattern) if folder.is_dir() else ():
        with contextlib.suppress(OSError):
            out.append(BackupInfo(path, kind, taken_at_of(path), path.stat().st_size, second))
    return out


class SecondLocationInsideError(UserError):
    msgid = N_("The second backup location must be outside the data folder: a copy there "
               "would be lost with it. Choose a folder elsewhere, such as a USB stick.")


def set_second_folder(store: Store, folder: Path | None) -> Change:
    """Choose the second backup location (None: none). One inside the data folder — the
    folder itself, its backups — is refused: it is no second place."""
    if folder is not None and store.data_dir is not None and is_inside(folder, store.data_dir):
        raise SecondLocationInsideError()
    return store.settings.set(settings.BACKUP_SECOND_FOLDER,
                              str(folder) if folder is not None else None)


def second_folder(store: Store) -> Path | None:
    value = store.settings.get(settings.BACKUP_SECOND_FOLDER)
    return Path(value) if value else None


def list_all(data_dir: Path, second: Path | None = None) -> list[BackupInfo]:
    """Every backup in the data folder (and the second location), newest first."""
    folder = backup_dir(data_dir)
    found = _infos(folder, "rolling") + _infos(folder, "pre-migration")
    found += _infos(set_aside_dir(data_dir), "set-aside")
    if second is not None:
        found += _infos(second, "rolling", second=True)
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


def summarize(path: Path) -> BackupSummary | None:
    """Live rows per table of a backup, read-only and without changing a byte (None when
    it cannot be read)."""
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True)
    except sqlite3.Error:
        return None
    try:
        counts = {}
        for table, _label in SUMMARY_TABLES:
            (count,) = connection.execute(
                f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()
            counts[table] = int(count)
        newest = max((row[0] for table in _STAMPED for row in connection.execute(
            f"SELECT max(updated_at) FROM {table}") if row[0]), default=None)
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return BackupSummary(counts, str(newest)[:16] if newest else None)


def newest_good(data_dir: Path, second: Path | None = None) -> BackupInfo | None:
    """The newest regular or upgrade backup that passes `quick_check`."""
    for info in list_all(data_dir, second):
        if info.kind != "set-aside" and quick_check(info.path) == "ok":
            return info
    return None


def remove_stale_parts(*folders: Path | None) -> list[Path]:
    """Delete half-written backups a run that died left behind (the lock must be held)."""
    removed: list[Path] = []
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for pattern in (f"{BACKUP_PREFIX}*{PART_SUFFIX}", f"{BACKUP_PREFIX}*{PART_SUFFIX}-journal"):
            for path in folder.glob(pattern):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


@dataclass
class CheckOutcome:
    """The start-up round: the integrity check's answer and warnings for the user."""

    integrity: str = "ok"
    warnings: list[UserError] = field(default_factory=list)
    backup: Path | None = None

    @property
    def damaged(self) -> bool:
        return self.integrity != "ok"


def check_integrity(store: Store) -> str:
    """`quick_check`; on failure every later save is refused (the file is kept as it is).

    A store on a database server is checked and dumped by the server's own tools."""
    if store.uow.shared:
        return "ok"
    result = quick_check(store.path)
    if result != "ok":
        store.uow.refuse_writes(WritesRefusedError())
    return result


def startup_round(store: Store, data_dir: Path) -> CheckOutcome:
    """Integrity check, stale-file clean-up, a rolling backup (and a copy to the second
    location), pruning. Never raises for a backup: a failure becomes a warning."""
    outcome = CheckOutcome(integrity=check_integrity(store))
    if outcome.damaged or store.uow.shared:  # a server store is backed up with pg_dump
        return outcome
    second = second_folder(store)
    remove_stale_parts(backup_dir(data_dir), second if second and second.is_dir() else None)
    keep = max(1, store.settings.get(settings.BACKUPS_KEEP))
    try:
        outcome.backup = backup_to_folder(store.engine, backup_dir(data_dir), keep=keep)
    except UserError as error:
        outcome.warnings.append(BackupWarning(error))
    with contextlib.suppress(OSError):
        prune_backups(backup_dir(data_dir), KEEP_PRE_MIGRATION, "pre-migration")
    if second is not None:
        outcome.warnings += copy_to_second(store, second, keep)
    return outcome


class SecondLocationMissing(UserError):
    msgid = N_("The second backup location {folder} is not available (is the USB stick "
               "plugged in?). The backup was kept in the data folder only.")


class SecondCopyFailed(BackupWarning):
    """The backup in the data folder was made; its copy in the second location was not."""

    msgid = N_("No copy could be made in the second backup location {folder} ({detail}).")

    def __init__(self, folder: Path, cause: UserError) -> None:
        super().__init__(cause, folder=str(folder))


def copy_to_second(store: Store, second: Path, keep: int) -> list[UserError]:
    """A rolling backup in the second location too; warnings instead of errors."""
    if not second.is_dir():
        return [SecondLocationMissing(folder=str(second))]
    try:
        backup_to_folder(store.engine, second, keep=keep)
    except UserError as error:  # not "no backup could be made": the first one was
        return [SecondCopyFailed(second, error)]
    return []


def newest_rolling(folder: Path) -> Path | None:
    backups = list_backups(folder)
    return backups[-1] if backups else None
