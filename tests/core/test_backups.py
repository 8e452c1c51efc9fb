"""Backups as a feature: restore keeps the current file aside, an interrupted restore is
finished, every kind is pruned by the written policy, stale partial files go, files are
this user's only, and a save waits for another writer instead of failing."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from forebygg_desktop.core import backups, db
from forebygg_desktop.core.backups import list_all, remove_stale_parts, startup_round, summarize
from forebygg_desktop.core.db import backup_to_folder, integrity_check, list_backups
from forebygg_desktop.core.errors import BackupUnusableError, BackupWarning, NotFoundError
from forebygg_desktop.core.logs import setup_logging
from forebygg_desktop.core.models import GroupSeries
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.restore import finish_interrupted_restore, restore_backup
from forebygg_desktop.core.startup import BACKUP_FOLDER, open_installation, open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import SeriesData
from tests.core.conftest import connect

SERIES = SeriesData(program_code="BIFF", locality_code="RIMBO", language_code="sv")


def _series_ids(database: Path) -> set[str]:
    connection = sqlite3.connect(database)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM group_series")}
    finally:
        connection.close()


def test_restore_puts_the_backup_in_place_and_keeps_the_current_file_with_its_wal(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    installation = open_installation(data_dir)
    store = installation.store
    first = store.groups.create_series(SERIES).id
    backup = backup_to_folder(store.engine, installation.backup_dir)
    second = store.groups.create_series(SERIES).id
    # A second connection keeps the WAL from being checkpointed away on close: the set-aside
    # file is only whole together with its -wal.
    holder = sqlite3.connect(data_dir / DATABASE_NAME)
    holder.execute("SELECT 1").fetchall()
    installation.close()
    try:
        result = restore_backup(data_dir, backup)
    finally:
        holder.close()
    assert _series_ids(data_dir / DATABASE_NAME) == {first}
    assert result.set_aside is not None and result.set_aside.parent.name == "set-aside"
    assert _series_ids(result.set_aside) == {first, second}
    assert integrity_check(result.set_aside) == "ok"
    assert not (data_dir / (DATABASE_NAME + ".restore")).exists()
    reopened = open_installation(data_dir)
    try:
        assert reopened.store.groups.get_series(first).program_code == "BIFF"
    finally:
        reopened.close()


def test_a_backup_from_a_newer_version_or_another_program_is_not_restored(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_installation(data_dir).close()
    before = (data_dir / DATABASE_NAME).read_bytes()
    foreign = tmp_path / "contacts.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE contacts (name)")
    connection.commit()
    connection.close()
    with pytest.raises(BackupUnusableError):
        restore_backup(data_dir, foreign)
    with pytest.raises(BackupUnusableError):
        restore_backup(data_dir, tmp_path / "missing.sqlite3")
    assert (data_dir / DATABASE_NAME).read_bytes() == before
    assert not (data_dir / BACKUP_FOLDER / "set-aside").exists()


def test_a_restore_interrupted_after_setting_aside_is_finished_at_the_next_start(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    installation = open_installation(data_dir)
    first = installation.store.groups.create_series(SERIES).id
    backup = backup_to_folder(installation.store.engine, installation.backup_dir)
    installation.store.groups.create_series(SERIES)
    installation.close()
    database = data_dir / DATABASE_NAME
    # The state a crash between step 3 and 4 leaves: the copy staged, the database moved
    # away, a stray -wal of the old file still beside where the database was.
    db.backup_file(backup, data_dir / (DATABASE_NAME + ".restore"))
    aside = (data_dir / BACKUP_FOLDER / "set-aside"
             / "forebygg-set-aside-20260101-000000-000000.sqlite3")
    aside.parent.mkdir(parents=True)
    database.replace(aside)
    (data_dir / (DATABASE_NAME + "-wal")).write_bytes(b"stray wal of the old file")
    reopened = open_installation(data_dir)
    try:
        assert reopened.store.groups.get_series(first).program_code == "BIFF"
    finally:
        reopened.close()
    assert (aside.parent / (aside.name + "-wal")).read_bytes() == b"stray wal of the old file"
    assert integrity_check(database) == "ok"


def test_a_copy_staged_but_never_used_is_removed_and_the_database_kept(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_installation(data_dir).close()
    database = data_dir / DATABASE_NAME
    before = database.read_bytes()
    (data_dir / (DATABASE_NAME + ".restore")).write_bytes(b"half")
    (data_dir / (DATABASE_NAME + ".restore.part")).write_bytes(b"half")
    finish_interrupted_restore(data_dir)
    assert database.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if ".restore" in p.name) == []


def test_pruning_policy_rolling_n_upgrade_3_set_aside_never(store: Store, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    data_dir = store.path.parent
    folder = data_dir / BACKUP_FOLDER
    for _ in range(6):
        backup_to_folder(store.engine, folder, keep=None, reason="pre-migration")
        time.sleep(0.002)
    aside = folder / "set-aside" / "forebygg-set-aside-20250101-000000-000000.sqlite3"
    aside.parent.mkdir(parents=True)
    aside.write_bytes(b"kept forever")
    from forebygg_desktop.core import settings
    store.settings.set(settings.BACKUPS_KEEP, 2)
    for _ in range(4):
        outcome = startup_round(store, data_dir)
        assert outcome.warnings == []
        time.sleep(0.002)
    assert len(list_backups(folder)) == 2
    assert len(list_backups(folder, "pre-migration")) == db.KEEP_PRE_MIGRATION == 3
    assert aside.read_bytes() == b"kept forever"
    kinds = [info.kind for info in list_all(data_dir)]
    assert sorted(kinds) == ["pre-migration"] * 3 + ["rolling"] * 2 + ["set-aside"]


def test_upgrade_backups_no_longer_pile_up(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    store = open_store(folder / DATABASE_NAME, folder / BACKUP_FOLDER)
    store.groups.create_series(SERIES)
    store.close()
    monkeypatch.setattr(db, "head_revisions", lambda _connection: ("9999_future",))
    monkeypatch.setattr(db, "SCHEMA_HEADS", frozenset({"9999_future"}))
    for _ in range(5):  # every start believes there is something to migrate
        open_store(folder / DATABASE_NAME, folder / BACKUP_FOLDER).close()
        time.sleep(0.002)
    assert len(list_backups(folder / BACKUP_FOLDER, "pre-migration")) == 3


def test_an_upgrade_backup_that_fails_is_a_warning_and_the_start_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    installation = open_installation(folder)
    installation.store.groups.create_series(SERIES)
    installation.close()
    monkeypatch.setattr(db, "head_revisions", lambda _connection: ("9999_future",))
    monkeypatch.setattr(db, "SCHEMA_HEADS", frozenset({"9999_future"}))

    def no_room(*_args: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(db, "make_private", no_room)
    installation = open_installation(folder)
    try:
        assert [type(w) for w in installation.warnings] == [BackupWarning]
    finally:
        installation.close()
    assert list_backups(folder / BACKUP_FOLDER, "pre-migration") == []
    assert list((folder / BACKUP_FOLDER).glob("*.part")) == []


def test_stale_partial_backups_are_removed_at_start(store: Store) -> None:
    data_dir = store.path.parent
    folder = data_dir / BACKUP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stale = [folder / "forebygg-rolling-20250101-000000-000000.sqlite3.part",
             folder / "forebygg-rolling-20250101-000000-000000.sqlite3.part-journal"]
    for path in stale:
        path.write_bytes(b"half")
    other = folder / "notes.part"
    other.write_bytes(b"not ours")
    outcome = startup_round(store, data_dir)
    assert outcome.backup is not None
    assert not any(p.exists() for p in stale)
    assert other.exists()
    assert remove_stale_parts(None, folder / "missing") == []


def test_a_damaged_file_is_neither_backed_up_nor_allowed_to_prune_good_backups(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = store.path.parent
    good = backup_to_folder(store.engine, data_dir / BACKUP_FOLDER)
    monkeypatch.setattr(backups, "quick_check", lambda _path: "*** in database main ***")
    outcome = startup_round(store, data_dir)
    assert outcome.damaged and outcome.backup is None
    assert list_backups(data_dir / BACKUP_FOLDER) == [good]
    from forebygg_desktop.core.errors import WritesRefusedError
    with pytest.raises(WritesRefusedError):
        store.groups.create_series(SERIES)


def test_a_summary_counts_live_rows_without_changing_the_backup(demo_store: Store,
                                                                tmp_path: Path) -> None:
    backup = backup_to_folder(demo_store.engine, tmp_path / "b")
    before = backup.read_bytes()
    summary = summarize(backup)
    assert summary is not None
    assert summary.counts["group_series"] > 0 and summary.counts["meeting"] > 0
    assert summary.newest_change is not None
    assert backup.read_bytes() == before
    assert sorted(p.name for p in backup.parent.iterdir()) == [backup.name]
    assert summarize(tmp_path / "nothing.sqlite3") is None


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_data_folder_database_backups_logs_and_exports_are_this_users_only(
        tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    log = setup_logging(data_dir, console=False)
    installation = open_installation(data_dir)
    try:
        store = installation.store
        store.groups.create_series(SERIES)
        backup = backup_to_folder(store.engine, installation.backup_dir)
        central = open_store(tmp_path / "central" / DATABASE_NAME)
        try:
            connect(store, central)  # an export is sealed to the department's key
        finally:
            central.close()
        export = store.exchange.export(tmp_path, full=True).path
    finally:
        installation.close()

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)
    assert mode(data_dir) == 0o700
    assert mode(data_dir / BACKUP_FOLDER) == 0o700
    assert mode(log.parent) == 0o700
    for path in (data_dir / DATABASE_NAME, backup, log, export, data_dir / "forebygg.lock"):
        assert mode(path) == 0o600, path


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_old_data_folder_is_narrowed_at_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_installation(data_dir).close()
    for path in (data_dir, data_dir / DATABASE_NAME):
        path.chmod(0o755 if path.is_dir() else 0o644)
    open_installation(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / DATABASE_NAME).stat().st_mode) == 0o600


def test_a_save_waits_for_another_writer_instead_of_failing(store: Store) -> None:
    """BEGIN IMMEDIATE: the save queues behind a writer holding the lock (busy_timeout).

    With a deferred BEGIN the save reads first, then cannot upgrade to a writer once the
    other connection committed (SQLITE_BUSY at once, whatever the timeout).
    """
    other = sqlite3.connect(store.path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA busy_timeout=5000")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO meta (key, value) VALUES ('other-writer', '1')")
    started = threading.Event()
    outcome: list[object] = []

    def save() -> None:
        started.set()
        try:
            outcome.append(store.groups.create_series(SERIES).id)
        except Exception as error:
            outcome.append(error)
    worker = threading.Thread(target=save)
    worker.start()
    started.wait()
    time.sleep(0.3)  # the save is now waiting for the lock (not a timing assertion)
    assert outcome == []  # still waiting, not failed
    other.execute("COMMIT")
    other.close()
    worker.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], str), outcome
    with store.uow.read() as session:
        assert session.execute(text("SELECT value FROM meta WHERE key='other-writer'")
                               ).scalar() == "1"


def test_write_transactions_begin_immediate_and_reads_deferred(store: Store) -> None:
    from sqlalchemy import event

    # What SQLite itself runs (its trace), whichever layer sent it: the write path sends
    # its statements straight to the driver (core/driver.py).
    statements: list[str] = []
    store.uow.release()  # the write connection is kept between writes: take it anew
    event.listen(store.engine, "checkout",
                 lambda dbapi, _record, _proxy: dbapi.set_trace_callback(statements.append))
    with store.uow.read() as session:
        session.execute(text("SELECT 1"))
    store.groups.create_series(SERIES)
    with pytest.raises(NotFoundError), store.uow.write() as tx:  # a write that fails
        tx.get_live(GroupSeries, "no-such-series")
    with store.uow.read() as session:  # the pooled connection is no longer marked
        session.execute(text("SELECT 1"))
    begins = [s for s in statements if s.startswith("BEGIN")]
    assert begins == ["BEGIN", "BEGIN IMMEDIATE", "BEGIN IMMEDIATE", "BEGIN"]
