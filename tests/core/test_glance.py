"""The start-up glance: the Store's figures, read-only through sqlite3, or None when unsure."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.glance import RECORD_TABLES, Glance, take_glance
from forebygg_desktop.core.models import TRAVELLING, GroupSeries, Meeting
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.startup import DATABASE_NAME, open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData

TODAY = date.today()


def _glance(path: Path, today: date = TODAY) -> Glance:
    glance = take_glance(path, today)
    assert glance is not None
    return glance


def _folder_state(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file in a folder: size, modification time and a digest of its bytes."""
    return {entry.name: (entry.stat().st_size, entry.stat().st_mtime_ns,
                         hashlib.sha256(entry.read_bytes()).hexdigest())
            for entry in folder.iterdir() if entry.is_file()}


def _closed_copy(store: Store, folder: Path) -> Path:
    """The store's database as one closed file (written by a Store, then closed normally)."""
    path = store.path
    store.close()
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / DATABASE_NAME
    shutil.copy(path, copy)
    assert not path.with_name(path.name + "-wal").exists()  # the close checkpointed the WAL
    return copy


def _execute(path: Path, sql: str, *parameters: object) -> None:
    """Change a closed database behind the Store's back (WAL checkpointed on close)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute(sql, parameters)
    finally:
        connection.close()


def _meeting_this_quarter(store: Store, women: int) -> None:
    series = store.groups.create_series(SeriesData(
        program_code="ABC-3-12", locality_code="RIMBO", language_code="ar",
        planned_meetings=4, planned_start=TODAY))
    store.groups.register_meeting(series.id, MeetingData(1, TODAY, women=women, men=1,
                                                         interpreter=True))


# --- the same figures as the Store ----------------------------------------------------------

def test_the_glance_shows_the_stores_quarter(demo_store: Store) -> None:
    days = [TODAY - timedelta(days=91 * k) for k in range(5)]
    expected = {day: demo_store.overview.quarter(today=day) for day in days}
    assert expected[TODAY].group_meetings > 0, "the demo has meetings this quarter"
    assert expected[TODAY].attention, "the demo flags some series"
    for day in days:  # while the Store has the file open
        glance = _glance(demo_store.path, day)
        assert glance.overview == expected[day]
        assert glance.overview.period == Period.quarter_of(day)
    default = take_glance(demo_store.path)  # today by default
    assert default is not None and default.overview.period == Period.quarter_of(date.today())
    closed = demo_store.path
    demo_store.close()
    for day in days:  # after a normal close (everything checkpointed into the main file)
        assert _glance(closed, day).overview == expected[day]


def test_settings_show_in_the_glance(store: Store) -> None:
    glance = _glance(store.path)
    assert (glance.language, glance.setup_done) == ("sv", False)
    store.settings.set(settings.LANGUAGE, "ar")
    store.settings.set(settings.SETUP_DONE, True)
    glance = _glance(store.path)
    assert (glance.language, glance.setup_done) == ("ar", True)
    store.settings.set(settings.LANGUAGE, None)  # cleared: the default again
    assert _glance(store.path).language == settings.LANGUAGE.default


def test_a_stored_setting_of_the_wrong_type_reads_as_the_default(store: Store) -> None:
    store.settings.set(settings.SETUP_DONE, True)
    path = _closed_copy(store, store.path.parent / "copy")
    _execute(path, "UPDATE setting SET value = ? WHERE key = ?", json.dumps(1),
             settings.SETUP_DONE.key)
    _execute(path, "INSERT INTO setting (key, value) VALUES (?, ?)", json.dumps(7),
             settings.LANGUAGE.key)
    glance = _glance(path)
    reopened = open_store(path)
    try:
        assert reopened.settings.get(settings.SETUP_DONE) is False
        assert reopened.settings.get(settings.LANGUAGE) == "sv"
    finally:
        reopened.close()
    assert (glance.setup_done, glance.language) == (False, "sv")


def test_names_match_the_catalogue(store: Store) -> None:
    inactive = store.catalog.programs()[0].code
    path = _closed_copy(store, store.path.parent / "copy")
    _execute(path, "UPDATE program SET active = 0 WHERE code = ?", inactive)
    glance = _glance(path)
    reopened = open_store(path)
    try:
        programs = reopened.catalog.programs(include_inactive=True)
        localities = reopened.catalog.localities(include_inactive=True)
        assert inactive not in {p.code for p in reopened.catalog.programs()}
    finally:
        reopened.close()
    assert set(glance.program_names) == {p.code for p in programs}
    for program in programs:
        assert glance.program_name(program.code) == program.name()
        for language in i18n.UI_LANGUAGES:
            assert glance.program_name(program.code, language) == program.name(language)
    assert dict(glance.locality_names) == {loc.code: loc.name for loc in localities}
    for locality in localities:
        assert glance.locality_name(locality.code) == locality.name
    assert glance.program_name("NO-SUCH") == "NO-SUCH"
    assert glance.locality_name("NO-SUCH") == "NO-SUCH"
    assert glance.program_name(None) == glance.locality_name(None) == ""


def test_program_names_follow_the_interface_language(store: Store) -> None:
    glance = _glance(store.path)
    i18n.set_language("en")
    assert glance.program_name("ABC-3-12") == store.catalog.program("ABC-3-12").name()
    assert glance.program_name("ABC-3-12") == glance.program_name("ABC-3-12", "en")


def test_has_records_follows_store_is_empty(store: Store) -> None:
    assert store.catalog.staff(), "staff rows travel but are not records"
    assert store.is_empty()
    assert _glance(store.path).has_records is False
    series = store.groups.create_series(SeriesData("BIFF", "RIMBO", "sv")).id
    store.groups.delete_series(series)  # a tombstone still counts, as in is_empty
    assert not store.is_empty()
    assert _glance(store.path).has_records is True


def test_the_record_tables_are_the_travelling_ones_but_staff() -> None:
    tables = {model.__tablename__ for name, model in TRAVELLING.items() if name != "staff"}
    assert set(RECORD_TABLES) == tables


# --- WAL: a Store open at the same time -----------------------------------------------------

def test_the_glance_sees_what_a_store_committed_into_its_wal(store: Store) -> None:
    before = _glance(store.path)
    _meeting_this_quarter(store, women=5)
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.stat().st_size > 0  # the commit is in the WAL, not yet in the main file
    after = _glance(store.path)
    assert after.overview == store.overview.quarter(today=TODAY)
    assert after.overview.group_meetings == before.overview.group_meetings + 1
    assert after.overview.participant_visits == 6
    assert after.has_records and not before.has_records


def test_the_glance_never_sees_a_stores_unfinished_transaction(store: Store) -> None:
    _meeting_this_quarter(store, women=5)
    committed = store.overview.quarter(today=TODAY)
    with store.uow.write() as tx:
        series = tx.insert(GroupSeries, {"program_code": "BIFF", "locality_code": "RIMBO",
                                         "language_code": "so", "status": "running",
                                         "interpreter_languages": [], "leader_ids": []})
        tx.insert(Meeting, {"series_id": series, "number": 1, "held_on": TODAY,
                            "women": 40, "interpreter": True})
        # Mid write transaction: the rows are written on the Store's connection.
        assert tx.connection.exec_driver_sql("SELECT count(*) FROM meeting").scalar() == 2
        assert _glance(store.path).overview == committed
    assert _glance(store.path).overview.participant_visits == 6 + 40
    assert _glance(store.path).overview == store.overview.quarter(today=TODAY)


def test_a_wal_left_by_a_crash_is_read(store: Store, tmp_path: Path) -> None:
    """Committed work only in the -wal file (the program died before checkpointing)."""
    _meeting_this_quarter(store, women=5)
    expected = store.overview.quarter(today=TODAY)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    # Copied while the Store is open: the main file is as old as the last checkpoint.
    shutil.copy(store.path, crashed / DATABASE_NAME)
    shutil.copy(store.path.with_name(store.path.name + "-wal"),
                crashed / (DATABASE_NAME + "-wal"))
    assert _glance(crashed / DATABASE_NAME).overview == expected


# --- the glance changes nothing -------------------------------------------------------------

def test_a_glance_at_a_closed_database_changes_no_file(demo_store: Store, tmp_path: Path) -> None:
    path = _closed_copy(demo_store, tmp_path / "closed")
    before = _folder_state(path.parent)
    assert list(before) == [DATABASE_NAME]
    for _ in range(2):
        _glance(path)
    assert _folder_state(path.parent) == before  # no -wal or -shm left beside it


def test_a_glance_while_the_store_is_open_changes_no_file(demo_store: Store) -> None:
    demo_store.overview.quarter()  # the Store's connection has the file open
    before = _folder_state(demo_store.path.parent)
    assert {DATABASE_NAME, DATABASE_NAME + "-wal", DATABASE_NAME + "-shm"} <= set(before)
    main = before[DATABASE_NAME]
    _glance(demo_store.path)
    after = _folder_state(demo_store.path.parent)
    assert after[DATABASE_NAME] == main
    assert after[DATABASE_NAME + "-wal"] == before[DATABASE_NAME + "-wal"]


def test_no_file_is_no_glance_and_no_file_is_made(tmp_path: Path) -> None:
    assert take_glance(tmp_path / DATABASE_NAME) is None
    assert take_glance(tmp_path / "missing" / DATABASE_NAME) is None
    assert list(tmp_path.iterdir()) == []


def test_a_folder_named_like_the_database_is_no_glance(tmp_path: Path) -> None:
    (tmp_path / DATABASE_NAME).mkdir()
    assert take_glance(tmp_path / DATABASE_NAME) is None


# --- when unsure, no glance -----------------------------------------------------------------

def test_a_text_file_is_no_glance_and_stays_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    path.write_text("my shopping list\n" * 200, encoding="utf-8")
    before = _folder_state(tmp_path)
    assert take_glance(path) is None
    assert _folder_state(tmp_path) == before


def test_an_empty_file_is_no_glance(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    path.touch()
    assert take_glance(path) is None
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [DATABASE_NAME]


@pytest.mark.parametrize("keep", [100, 4096, 0.5])
def test_a_truncated_database_is_no_glance(demo_store: Store, tmp_path: Path,
                                           keep: float) -> None:
    path = _closed_copy(demo_store, tmp_path / "damaged")
    data = path.read_bytes()
    path.write_bytes(data[:int(len(data) * keep) if keep < 1 else int(keep)])
    before = _folder_state(path.parent)
    assert take_glance(path) is None
    assert _folder_state(path.parent) == before


def test_a_database_with_a_broken_header_is_no_glance(store: Store, tmp_path: Path) -> None:
    path = _closed_copy(store, tmp_path / "damaged")
    data = bytearray(path.read_bytes())
    data[:16] = b"not SQLite here!"
    path.write_bytes(bytes(data))
    assert take_glance(path) is None


@pytest.mark.parametrize("revisions", [["0001"], ["9999_future"], ["0002", "9999_future"], []])
def test_a_schema_other_than_the_heads_is_no_glance(store: Store, tmp_path: Path,
                                                    revisions: list[str]) -> None:
    path = _closed_copy(store, tmp_path / "other")
    assert take_glance(path) is not None
    _execute(path, "DELETE FROM alembic_version")
    for revision in revisions:
        _execute(path, "INSERT INTO alembic_version (version_num) VALUES (?)", revision)
    assert take_glance(path) is None


def test_a_database_without_a_version_table_is_no_glance(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    _execute(path, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    assert take_glance(path) is None


def test_an_installation_without_a_device_id_is_no_glance(store: Store, tmp_path: Path) -> None:
    path = _closed_copy(store, tmp_path / "fresh")
    _execute(path, "DELETE FROM meta WHERE key = 'device_id'")
    assert take_glance(path) is None


@pytest.mark.parametrize("value", [None, "0"])
def test_a_catalogue_never_loaded_is_no_glance(store: Store, tmp_path: Path,
                                               value: str | None) -> None:
    path = _closed_copy(store, tmp_path / "fresh")
    if value is None:
        _execute(path, "DELETE FROM meta WHERE key = 'catalog_version'")
    else:
        _execute(path, "UPDATE meta SET value = ? WHERE key = 'catalog_version'", value)
    assert take_glance(path) is None
    reopened = open_store(path)  # the Store agrees: it loads the shipped catalogue now
    try:
        assert reopened.catalog.version() > 0
    finally:
        reopened.close()
    assert take_glance(path) is not None


def test_a_broken_setting_is_no_glance_rather_than_an_error(store: Store,
                                                           tmp_path: Path) -> None:
    path = _closed_copy(store, tmp_path / "broken")
    _execute(path, "INSERT INTO setting (key, value) VALUES (?, ?)", settings.LANGUAGE.key,
             "{not json")
    assert take_glance(path) is None


# --- light: no SQLAlchemy, Alembic, Babel, filelock or Qt ----------------------------------

def test_a_glance_loads_none_of_the_heavy_libraries(demo_store: Store, tmp_path: Path) -> None:
    expected = demo_store.overview.quarter(today=TODAY)
    program = demo_store.catalog.program("ABC-3-12")
    assert program is not None
    path = _closed_copy(demo_store, tmp_path / "light")
    script = textwrap.dedent(f"""
        import json, sys
        from datetime import date
        from pathlib import Path
        import forebygg_desktop.core.glance as glance
        after_import = sorted(sys.modules)
        result = glance.take_glance(Path({str(path)!r}), date.fromisoformat({TODAY.isoformat()!r}))
        print(json.dumps({{
            "after_import": after_import, "after_glance": sorted(sys.modules),
            "meetings": result.overview.group_meetings if result else None,
            "visits": result.overview.participant_visits if result else None,
            "program": result.program_name("ABC-3-12") if result else None,
        }}))
    """)
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONSTARTUP"}
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               timeout=120, env=environment, check=False)
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert report["meetings"] == expected.group_meetings > 0
    assert report["visits"] == expected.participant_visits
    assert report["program"] == program.name("sv")
    heavy = ("sqlalchemy", "alembic", "babel", "filelock", "PySide6", "shiboken6")
    for key in ("after_import", "after_glance"):
        loaded = [name for name in report[key] if name.split(".")[0] in heavy]
        assert loaded == [], f"{key}: {loaded}"
