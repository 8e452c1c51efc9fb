"""The SQLite file: pragmas, refusals that change nothing, backups, checks, one running copy."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from forebygg_desktop.core import db, i18n, paths
from forebygg_desktop.core.db import (
    backup_file,
    backup_to_folder,
    integrity_check,
    list_backups,
    quick_check,
)
from forebygg_desktop.core.errors import (
    AlreadyRunningError,
    DamagedDatabaseError,
    NewerDatabaseError,
)
from forebygg_desktop.core.startup import (
    BACKUP_FOLDER,
    DATABASE_NAME,
    LOCK_NAME,
    open_installation,
    open_store,
)
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import SeriesData

SERIES = SeriesData(program_code="BIFF", locality_code="RIMBO", language_code="sv")


def _pragmas(connection: object) -> tuple[str, int, int]:
    execute = connection.exec_driver_sql  # type: ignore[attr-defined]
    return (execute("PRAGMA journal_mode").scalar(), execute("PRAGMA synchronous").scalar(),
            execute("PRAGMA foreign_keys").scalar())


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# --- pragmas --------------------------------------------------------------------------------

def test_every_connection_has_wal_full_sync_and_foreign_keys(store: Store) -> None:
    # Several connections at once, so the pool has to open new ones.
    connections = [store.engine.connect() for _ in range(3)]
    try:
        for connection in connections:
            assert _pragmas(connection) == ("wal", 2, 1)
    finally:
        for connection in connections:
            connection.close()
    with store.uow.read() as session:
        assert _pragmas(session.connection()) == ("wal", 2, 1)
    with store.uow.write() as tx:
        assert _pragmas(tx.connection) == ("wal", 2, 1)


def test_foreign_keys_are_enforced_on_writes(store: Store) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), store.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO meeting (id, series_id, number, held_on, kind, device_id, version, "
            "clock, local_seq, deleted, created_at, updated_at) VALUES ('m', 'no-such-series', "
            "1, '2026-01-01', 'regular', 'd', 1, '{\"d\": 1}', 1, 0, '2026-01-01', "
            "'2026-01-01')"))


def test_a_write_transaction_is_atomic_across_statements(store: Store) -> None:
    """Every statement of a Store write runs inside one SQLite transaction."""
    with pytest.raises(RuntimeError), store.uow.write() as tx:
        tx.connection.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('probe', 'x')")
        raise RuntimeError("fail after the first statement")
    with store.uow.read() as session:
        assert session.execute(text("SELECT count(*) FROM meta WHERE key='probe'")).scalar() == 0


# --- refusals that leave the file untouched -------------------------------------------------

def test_a_file_that_is_not_sqlite_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / DATABASE_NAME
    content = b"PK\x03\x04 this is a spreadsheet someone renamed" + bytes(range(256)) * 20
    path.write_bytes(content)
    with pytest.raises(DamagedDatabaseError):
        open_store(path, folder / BACKUP_FOLDER)
    assert path.read_bytes() == content
    assert sorted(p.name for p in folder.iterdir()) == [DATABASE_NAME]


def test_a_short_garbage_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    path.write_bytes(b"SQLite")
    with pytest.raises(DamagedDatabaseError):
        open_store(path)
    assert path.read_bytes() == b"SQLite"


def _make_newer(path: Path) -> None:
    store = open_store(path)
    store.groups.create_series(SERIES)
    store.close()
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    connection.commit()
    connection.close()


def test_a_database_from_a_newer_version_is_refused_and_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _make_newer(folder / DATABASE_NAME)
    before = _files(folder)
    with pytest.raises(NewerDatabaseError) as caught:
        open_store(folder / DATABASE_NAME, folder / BACKUP_FOLDER)
    i18n.set_language("en")
    assert "newer version" in caught.value.message()
    assert _files(folder) == before
    assert not (folder / BACKUP_FOLDER).exists()


def test_a_newer_database_in_rollback_journal_mode_is_not_switched_to_wal(
        tmp_path: Path) -> None:
    """A restored backup (journal_mode=DELETE) from a newer version: not even the header
    bytes that switching to WAL would rewrite may change."""
    path = tmp_path / DATABASE_NAME
    _make_newer(path)
    connection = sqlite3.connect(str(path))
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError):
        open_store(path)
    assert path.read_bytes() == before


def test_refuse_newer_also_guards_migrate_itself(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    _make_newer(path)
    engine = db.make_engine(path)
    try:
        with pytest.raises(NewerDatabaseError):
            db.migrate(engine, None)
        with engine.connect() as connection:
            assert db.current_revisions(connection) == ("ffff9999",)
    finally:
        engine.dispose()


# --- backups --------------------------------------------------------------------------------

def test_rolling_backups_keep_the_newest_n(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "rolling"
    made = []
    for _ in range(5):
        made.append(backup_to_folder(store.engine, folder, keep=3))
        time.sleep(0.002)  # distinct timestamps (microseconds in the name)
    assert list_backups(folder) == made[-3:]
    assert all(quick_check(path) == "ok" for path in made[-3:])


def test_pruning_leaves_other_kinds_of_backup_alone(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    keep = backup_to_folder(store.engine, folder, keep=None, reason="pre-migration")
    for _ in range(3):
        backup_to_folder(store.engine, folder, keep=1)
    assert len(list_backups(folder)) == 1
    assert keep.exists()


def test_a_backup_holds_the_data_is_one_file_and_passes_quick_check(store: Store,
                                                                    tmp_path: Path) -> None:
    series_id = store.groups.create_series(SERIES).id
    path = backup_to_folder(store.engine, tmp_path / "b", keep=2)
    assert quick_check(path) == "ok"
    assert integrity_check(path) == "ok"
    assert not path.with_name(path.name + "-wal").exists()
    connection = sqlite3.connect(str(path))
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("SELECT id FROM group_series").fetchall() == [(series_id,)]
    finally:
        connection.close()


def test_a_backup_can_be_opened_as_a_store(store: Store, tmp_path: Path) -> None:
    series_id = store.groups.create_series(SERIES).id
    copy = tmp_path / "restored" / DATABASE_NAME
    copy.parent.mkdir()
    shutil.copy(backup_to_folder(store.engine, tmp_path / "b"), copy)
    restored = open_store(copy)
    try:
        assert restored.groups.get_series(series_id).program_code == "BIFF"
    finally:
        restored.close()


def test_a_failed_backup_check_leaves_no_backup_behind(store: Store, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "quick_check", lambda _path: "page 3: btree broken")
    destination = tmp_path / "b" / "copy.sqlite3"
    with pytest.raises(DamagedDatabaseError):
        backup_file(store.path, destination)
    assert list((tmp_path / "b").iterdir()) == []


def test_migrating_a_database_with_data_takes_a_backup_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    store = open_store(folder / DATABASE_NAME, folder / BACKUP_FOLDER)
    series_id = store.groups.create_series(SERIES).id
    store.close()
    assert list_backups(folder / BACKUP_FOLDER, "pre-migration") == []
    # Pretend this program knows a newer head, so opening has something to migrate.
    monkeypatch.setattr(db, "head_revisions", lambda _connection: ("9999_future",))
    monkeypatch.setattr(db, "SCHEMA_HEADS", frozenset({"9999_future"}))
    open_store(folder / DATABASE_NAME, folder / BACKUP_FOLDER).close()
    backups = list_backups(folder / BACKUP_FOLDER, "pre-migration")
    assert len(backups) == 1
    assert quick_check(backups[0]) == "ok"
    connection = sqlite3.connect(str(backups[0]))
    try:
        assert connection.execute("SELECT id FROM group_series").fetchall() == [(series_id,)]
    finally:
        connection.close()


def test_a_new_empty_database_gets_no_pre_migration_backup(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    open_store(folder / DATABASE_NAME, folder / BACKUP_FOLDER).close()
    assert list_backups(folder / BACKUP_FOLDER, "pre-migration") == []


def test_an_up_to_date_database_is_not_migrated_again(store: Store) -> None:
    assert db.migrate(store.engine, None) is False


# --- integrity ------------------------------------------------------------------------------

def test_integrity_and_quick_check_report_ok_on_a_good_file(demo_store: Store) -> None:
    assert quick_check(demo_store.path) == "ok"
    assert integrity_check(demo_store.path) == "ok"


def test_integrity_check_reports_a_damaged_file(store: Store, tmp_path: Path) -> None:
    store.groups.create_series(SERIES)
    copy = backup_to_folder(store.engine, tmp_path / "b")
    data = bytearray(copy.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):  # scribble over every page but the first
        start = page * page_size
        data[start + 8:start + 200] = b"\xff" * 192
    copy.write_bytes(bytes(data))
    assert integrity_check(copy) != "ok"
    assert quick_check(copy) != "ok"


def test_integrity_check_of_a_non_database_reports_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    assert integrity_check(path) != "ok"


# --- one running copy -----------------------------------------------------------------------

def test_a_second_open_of_the_same_data_folder_is_refused(tmp_path: Path) -> None:
    first = open_installation(tmp_path / "data")
    try:
        with pytest.raises(AlreadyRunningError) as caught:
            open_installation(tmp_path / "data")
        i18n.set_language("en")
        assert "already running" in caught.value.message()
    finally:
        first.close()
    open_installation(tmp_path / "data").close()  # free again once the first closed


def test_another_data_folder_can_be_open_at_the_same_time(tmp_path: Path) -> None:
    first = open_installation(tmp_path / "one")
    try:
        open_installation(tmp_path / "two").close()
    finally:
        first.close()


def test_a_second_process_on_the_same_data_folder_is_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from forebygg_desktop.core.startup import acquire_lock
            lock = acquire_lock(Path({str(data_dir)!r}))
            print("locked", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2])
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunningError):
            open_installation(data_dir)
        assert not (data_dir / DATABASE_NAME).exists()  # refused before touching anything
    finally:
        holder.communicate("")  # ends the holder, which frees the lock
    open_installation(data_dir).close()
    assert (data_dir / LOCK_NAME).exists()


# --- where the data lives -------------------------------------------------------------------

def test_the_environment_variable_chooses_the_data_folder(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert paths.data_dir() == tmp_path / "elsewhere"
    assert (tmp_path / "elsewhere").is_dir()


def test_a_portable_marker_keeps_data_beside_the_program(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "program_dir", lambda: tmp_path)
    monkeypatch.setattr(paths, "user_data_dir", lambda *_a: str(tmp_path / "user"))
    assert paths.data_dir() == tmp_path / "user"
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.data_dir() == tmp_path / "data"


def test_tests_never_use_the_real_user_folder() -> None:
    assert os.environ[paths.DATA_DIR_ENV].endswith("data")
    assert Path(os.environ[paths.DATA_DIR_ENV]) == paths.data_dir()


# --- truncated files ------------------------------------------------------------------------

def test_a_truncated_file_is_refused_unless_a_journal_will_complete_it(store: Store,
                                                                        tmp_path: Path) -> None:
    store.groups.create_series(SERIES)
    copy = backup_to_folder(store.engine, tmp_path / "b")
    data = copy.read_bytes()
    path = tmp_path / "t" / DATABASE_NAME
    path.parent.mkdir()
    path.write_bytes(data[:len(data) - 4096])
    with pytest.raises(DamagedDatabaseError) as caught:
        db.check_header(path)
    assert caught.value.params["detail"] == "the file is truncated"
    for suffix in ("-wal", "-journal"):  # SQLite finishes or rolls back from these itself
        companion = path.with_name(path.name + suffix)
        companion.write_bytes(b"x" * 32)
        db.check_header(path)
        companion.unlink()
    path.write_bytes(data)
    db.check_header(path)  # whole again
