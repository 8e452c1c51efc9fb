"""Opening a data folder: one running copy, header check, migrations, device identity.

Every way this can fail ends in a `UserError` that says what happened, with nothing changed:
a read-only or missing folder, a folder where the database should be, a damaged, truncated,
newer or foreign file, a full disk, a failed migration, a second running copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import DBAPIError

from forebygg_desktop.core.catalog import load_catalog
from forebygg_desktop.core.data_location import check_data_location
from forebygg_desktop.core.db import check_header, make_engine, migrate, refuse_newer_file
from forebygg_desktop.core.errors import (
    DamagedDatabaseError,
    DataFolderError,
    MigrationError,
    StartDiskFullError,
    UserError,
)
from forebygg_desktop.core.files import (
    is_disk_full,
    is_read_only,
    private_folder,
    reason,
    secure_data_folder,
)
from forebygg_desktop.core.instance_lock import LOCK_NAME, InstanceLock, acquire_lock
from forebygg_desktop.core.models import Meta, new_uuid
from forebygg_desktop.core.paths import DATABASE_NAME, DEVICE_KEY_FILE
from forebygg_desktop.core.server import (
    ServerSetting,
    ServerUnreachableError,
    connect_checked,
    make_server_engine,
    password,
    prepare_server,
    read_setting,
    short_reason,
)
from forebygg_desktop.core.store import Store

__all__ = ["DATABASE_NAME", "LOCK_NAME", "Installation", "acquire_lock", "open_installation",
           "open_server_store", "open_store"]

BACKUP_FOLDER = "backups"


@dataclass
class Installation:
    """An opened data folder: the store plus the lock that keeps a second copy out."""

    store: Store
    lock: InstanceLock | None
    data_dir: Path
    # Things the user should know that did not stop the start (a backup that failed).
    warnings: list[UserError] = field(default_factory=list)

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_FOLDER

    def close(self) -> None:
        self.store.close()
        if self.lock is not None:
            self.lock.release()


def prepare_data_folder(data_dir: Path) -> None:
    """Create the data folder (0700) and prove it can be written to, before anything else."""
    try:
        private_folder(data_dir)
        probe = data_dir / f".forebygg-probe-{os.getpid()}"
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT, 0o600)
        os.close(descriptor)
        probe.unlink()
    except OSError as error:
        if is_disk_full(error):
            raise StartDiskFullError() from error
        raise DataFolderError(path=str(data_dir), detail=reason(error)) from error


def open_installation(data_dir: Path, *, take_lock: bool = True,
                      lock: InstanceLock | None = None) -> Installation:
    """Open (creating or migrating as needed) the database in `data_dir`.

    Refuses, changing nothing: a second running copy, a file that is not a database, a
    database from a newer program version or another program, a folder that cannot be
    written to, a data folder on a network drive or in a synchronised cloud folder
    (`data_location`). A backup that cannot be made is a warning
    (`Installation.warnings`). `lock`: the folder's lock, already held by the caller (the
    window takes it before opening its log); it is released when opening fails.
    """
    from forebygg_desktop.core.restore import finish_interrupted_restore

    check_data_location(data_dir)
    prepare_data_folder(data_dir)
    if lock is None and take_lock:
        lock = acquire_lock(data_dir)
    warnings: list[UserError] = []
    try:
        finish_interrupted_restore(data_dir)
        setting = read_setting(data_dir)
        if setting is not None:  # the central store on a PostgreSQL server
            store = open_server_store(setting, data_dir)
        else:
            store = open_store(data_dir / DATABASE_NAME, data_dir / BACKUP_FOLDER, warnings)
            secure_data_folder(data_dir, data_dir / DATABASE_NAME)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Installation(store=store, lock=lock, data_dir=data_dir, warnings=warnings)


def open_store(path: Path, backup_dir: Path | None = None,
               warnings: list[UserError] | None = None) -> Store:
    """Open one database file as a Store (no lock: tests and tools)."""
    try:
        private_folder(path.parent)
    except OSError as error:
        raise DataFolderError(path=str(path.parent), detail=reason(error)) from error
    check_header(path)
    refuse_newer_file(path)
    engine = make_engine(path)
    try:
        try:
            migrate(engine, backup_dir, warnings=warnings)
        except UserError:
            raise
        except Exception as error:
            raise _start_error(error, path, migrating=True) from error
        try:
            with engine.begin() as connection:
                device_id = _ensure_device_id(connection)
            store = _finish(Store(engine, device_id, path.parent))
        except UserError:
            raise
        except Exception as error:
            raise _start_error(error, path, migrating=False) from error
    except BaseException:
        engine.dispose()
        raise
    return store


def open_server_store(setting: ServerSetting, data_dir: Path | None = None) -> Store:
    """Open the central store on a PostgreSQL server (`core/server.py`), migrating it."""
    engine = make_server_engine(setting.checked_url(), password(setting))
    try:
        connect_checked(engine)
        try:
            device_id = prepare_server(engine)
        except DBAPIError as error:  # e.g. the role may not create the tables
            raise ServerUnreachableError(detail=short_reason(error)) from error
    except BaseException:
        engine.dispose()
        raise
    return _finish(Store(engine, device_id, data_dir))


def _finish(store: Store) -> Store:
    """The signing key, the shipped catalogue and questionnaires, on a store just opened."""
    folder = store.data_dir
    try:
        if folder is not None and not (folder / DEVICE_KEY_FILE).exists():  # first start
            from forebygg_desktop.core.device_keys import ensure_device_key

            ensure_device_key(folder)
        if store.catalog.version() == 0:
            store.catalog.apply_catalog(load_catalog())
        # New shipped questionnaire versions are published; a changed one is refused.
        store.evaluations.publish_shipped()
    except BaseException:
        store.close()  # its write connection too, so nothing keeps the file open
        raise
    return store


def _start_error(error: Exception, path: Path, migrating: bool) -> Exception:
    """The user error for a low-level failure while opening (or the error itself)."""
    text = str(error).lower()
    if is_disk_full(error):
        return StartDiskFullError()
    if is_read_only(error):
        return DataFolderError(path=str(path.parent), detail=reason(error))
    if "malformed" in text or "not a database" in text:
        return DamagedDatabaseError(detail=reason(error))
    if migrating:
        return MigrationError(detail=reason(error))
    return error


def _ensure_device_id(connection: Connection) -> str:
    """This laptop's id, made at its first start. Core statements on the table: the first
    ORM statement configures every mapper, which the start need not wait for."""
    meta = cast(Table, Meta.__table__)
    device_id: str | None = connection.scalar(
        select(meta.c.value).where(meta.c.key == "device_id"))
    if device_id is None:
        device_id = new_uuid()
        connection.execute(insert(meta).values(key="device_id", value=device_id))
    return device_id
