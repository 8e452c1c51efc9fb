"""Opening a data folder: one running copy, header check, migrations, device identity."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from forebygg_desktop.core.catalog import load_catalog
from forebygg_desktop.core.data_location import check_data_location
from forebygg_desktop.core.db import check_header, make_engine, migrate, refuse_newer_file
from forebygg_desktop.core.instance_lock import LOCK_NAME, InstanceLock, acquire_lock
from forebygg_desktop.core.models import Meta, new_uuid
from forebygg_desktop.core.paths import DATABASE_NAME
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

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / BACKUP_FOLDER

    def close(self) -> None:
        self.store.close()
        if self.lock is not None:
            self.lock.release()


def open_installation(data_dir: Path, *, take_lock: bool = True,
                      lock: InstanceLock | None = None) -> Installation:
    """Open (creating or migrating as needed) the database in `data_dir`.

    Refuses, changing nothing: a second running copy, a file that is not a database, a
    database from a newer program version; a data folder on a network drive or in a
    synchronised cloud folder (`data_location`). `lock`: the folder's lock,
    already held by the caller (the window takes it before opening its log); it is
    released when opening fails.
    """
    check_data_location(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if lock is None and take_lock:
        lock = acquire_lock(data_dir)
    try:
        setting = read_setting(data_dir)
        if setting is not None:  # the central store on a PostgreSQL server
            store = open_server_store(setting, data_dir)
        else:
            store = open_store(data_dir / DATABASE_NAME, data_dir / BACKUP_FOLDER)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Installation(store=store, lock=lock, data_dir=data_dir)


def open_store(path: Path, backup_dir: Path | None = None) -> Store:
    """Open one database file as a Store (no lock: tests and tools)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    check_header(path)
    refuse_newer_file(path)
    engine = make_engine(path)
    try:
        migrate(engine, backup_dir)
        with Session(engine) as session, session.begin():
            device_id = _ensure_device_id(session)
    except BaseException:
        engine.dispose()
        raise
    return _finish(Store(engine, device_id, path.parent))


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
    """The shipped catalogue and questionnaires, on a store just opened."""
    if store.catalog.version() == 0:
        store.catalog.apply_catalog(load_catalog())
    # New shipped questionnaire versions are published; a changed published one is refused.
    store.evaluations.publish_shipped()
    return store


def _ensure_device_id(session: Session) -> str:
    device_id = session.scalar(select(Meta.value).where(Meta.key == "device_id"))
    if device_id is None:
        device_id = new_uuid()
        session.add(Meta(key="device_id", value=device_id))
    return device_id
