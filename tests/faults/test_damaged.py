"""Damaged, truncated, newer and foreign files: refused untouched, or opened with saves
turned off; a damaged database can be restored (kept aside) or rescued."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from forebygg_desktop.core.db import integrity_check
from forebygg_desktop.core.paths import DATABASE_NAME

WRITES_OFF = ("The database is damaged, so saving is turned off to protect what is in it. "
              "Nothing was saved. Restore a backup (Settings → Backups) or save what can still "
              "be read.")


def damage(path: Path, pages: int = 3) -> None:
    """Scribble over the last pages (table data), leaving the schema page readable."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    count = len(data) // page_size
    for page in range(count - pages, count):
        start = page * page_size
        data[start:start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))


def test_a_damaged_database_refuses_saves_and_says_so(data_dir: Path, cli, tools) -> None:
    damage(data_dir / DATABASE_NAME)
    before = tools.snapshot(data_dir)
    check = cli(data_dir, "check")
    assert check.code == 1
    assert check.lines[0].startswith(WRITES_OFF)
    for command in (["backup", "--second-location", "none"], ["export", "--full", "--out",
                                                               str(data_dir.parent)]):
        result = cli(data_dir, *command)
        assert result.code == 1
        assert result.lines == [WRITES_OFF]
    assert not list(data_dir.parent.glob("*.forebygg"))
    assert tools.snapshot(data_dir) == before


def test_the_message_is_in_the_users_language(data_dir: Path, cli) -> None:
    damage(data_dir / DATABASE_NAME)
    result = cli(data_dir, "backup", "--second-location", "none", lang="sv")
    assert result.code == 1
    assert result.lines[0].startswith("Databasen är skadad")


def test_restore_newest_keeps_the_damaged_file_aside_byte_for_byte(data_dir: Path,
                                                                    cli) -> None:
    database = data_dir / DATABASE_NAME
    damage(database)
    damaged = database.read_bytes()
    backup = next((data_dir / "backups").glob("forebygg-rolling-*.sqlite3"))
    backup_bytes = backup.read_bytes()
    result = cli(data_dir, "restore", "--newest")
    assert result.code == 0, result.err
    assert f"Restored from {backup}." in result.out
    aside = list((data_dir / "backups" / "set-aside").glob("forebygg-set-aside-*.sqlite3"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert f"The previous database was kept as {aside[0]}." in result.out
    assert backup.read_bytes() == backup_bytes
    assert integrity_check(database) == "ok"
    assert cli(data_dir, "check").code == 0
    assert cli(data_dir, "backup").code == 0  # saves work again


def test_restore_lists_backups_with_date_kind_and_contents(data_dir: Path, cli) -> None:
    result = cli(data_dir, "restore")
    assert result.code == 0
    (line,) = result.out.splitlines()
    assert line.lstrip().startswith("1  ")
    assert "Regular backup" in line and "group series" in line and "meetings" in line


def test_a_damaged_backup_is_not_restored_and_nothing_changes(data_dir: Path, cli,
                                                               tools) -> None:
    backup = next((data_dir / "backups").glob("forebygg-rolling-*.sqlite3"))
    damage(backup)
    before = tools.snapshot(data_dir)
    result = cli(data_dir, "restore", "1")
    assert result.code == 1
    assert result.lines[0].startswith(f"The backup {backup.name} cannot be restored (")
    assert result.lines[0].endswith("Nothing was changed.")
    assert tools.snapshot(data_dir) == before
    newest = cli(data_dir, "restore", "--newest")
    assert newest.code == 1
    assert newest.lines == ["There is no backup that can be restored. Nothing was changed."]
    assert tools.snapshot(data_dir) == before


def test_rescue_copies_what_can_still_be_read(data_dir: Path, tmp_path: Path, cli,
                                              tools) -> None:
    damage(data_dir / DATABASE_NAME)
    before = tools.snapshot(data_dir)
    out = tmp_path / "usb"
    out.mkdir()
    result = cli(data_dir, "rescue", "--out", str(out))
    assert result.code in (0, 1)
    (copy,) = out.glob("forebygg-rescued-*.sqlite3")
    assert integrity_check(copy) == "ok"
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute("SELECT count(*) FROM meta").fetchone()[0] > 0
        assert connection.execute("SELECT count(*) FROM program").fetchone()[0] > 0
    finally:
        connection.close()
    assert tools.snapshot(data_dir) == before


def _refused(cli, data_dir: Path, expected: str) -> None:
    result = cli(data_dir, "report", "--period", "2026", "--out", str(data_dir.parent / "r"))
    assert result.code == 1
    assert result.lines == [expected]
    assert not (data_dir.parent / "r.xlsx").exists()


def test_a_truncated_database_is_refused_untouched(data_dir: Path, cli, tools) -> None:
    database = data_dir / DATABASE_NAME
    database.write_bytes(database.read_bytes()[:len(database.read_bytes()) // 2])
    before = tools.snapshot(data_dir)
    _refused(cli, data_dir, "The database file is damaged (the file is truncated). It has "
             "not been changed. Restore a backup (Settings → Backups, or forebygg-cli restore) "
             "or contact support.")
    assert tools.snapshot(data_dir) == before
    assert not (data_dir / (DATABASE_NAME + "-wal")).exists()


def test_a_file_that_is_not_a_database_is_refused_untouched(data_dir: Path, cli,
                                                             tools) -> None:
    (data_dir / DATABASE_NAME).write_bytes(b"%PDF-1.7 somebody's letter" * 100)
    before = tools.snapshot(data_dir)
    _refused(cli, data_dir, "The database file is damaged (not a SQLite database). It has "
             "not been changed. Restore a backup (Settings → Backups, or forebygg-cli restore) "
             "or contact support.")
    assert tools.snapshot(data_dir) == before


def test_another_programs_database_is_refused_untouched(data_dir: Path, cli, tools) -> None:
    database = data_dir / DATABASE_NAME
    database.unlink()
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    connection.execute("INSERT INTO contacts VALUES ('x', '1')")
    connection.commit()
    connection.close()
    before = tools.snapshot(data_dir)
    _refused(cli, data_dir, f"The file {database} is another program's database, not one of "
             "Forebygg Desktop. It has not been changed. Move it away or choose another data "
             "folder.")
    assert tools.snapshot(data_dir) == before
    assert sorted(p.name for p in data_dir.iterdir() if p.name.startswith(DATABASE_NAME)) == [
        DATABASE_NAME]


def test_a_database_from_a_newer_version_is_refused_untouched(data_dir: Path, cli,
                                                               tools) -> None:
    connection = sqlite3.connect(data_dir / DATABASE_NAME)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    connection.commit()
    connection.close()
    before = tools.snapshot(data_dir)
    _refused(cli, data_dir, "This database was written by a newer version of Forebygg "
             "Desktop. Install the newer version; the database has not been changed.")
    assert tools.snapshot(data_dir) == before


def test_a_folder_where_the_database_should_be_is_refused(tmp_path: Path, cli) -> None:
    data_dir = tmp_path / "data"
    (data_dir / DATABASE_NAME).mkdir(parents=True)
    (data_dir / DATABASE_NAME / "holiday.jpg").write_bytes(b"\xff\xd8")
    _refused(cli, data_dir, f"There is a folder where the database file should be: "
             f"{data_dir / DATABASE_NAME}. Nothing was changed. Move that folder away or "
             "choose another data folder.")
    assert [p.name for p in (data_dir / DATABASE_NAME).iterdir()] == ["holiday.jpg"]


@pytest.mark.parametrize("language,start", [("sv", "Databasfilen är skadad"),
                                            ("ar", "ملف قاعدة البيانات تالف")])
def test_refusals_are_in_the_users_language(data_dir: Path, cli, language: str,
                                            start: str) -> None:
    (data_dir / DATABASE_NAME).write_bytes(b"garbage" * 100)
    result = cli(data_dir, "check", lang=language)
    assert result.code == 1
    assert result.lines[0].startswith(start)


def test_reading_a_damaged_database_never_says_it_is_consistent(
        data_dir: Path, tmp_path: Path, cli, tools) -> None:
    """A read that trips over the damage: one line saying so, not "an unexpected error … the
    database is consistent" (found from outside)."""
    damage(data_dir / DATABASE_NAME)
    before = tools.snapshot(data_dir)
    out = tmp_path / "r.xlsx"
    result = cli(data_dir, "report", "--period", "2026", "--out", str(out))
    assert result.code == 1
    assert len(result.lines) == 1
    assert "consistent" not in result.err and "Unexpected" not in result.err
    assert result.lines[0].startswith(("The database file is damaged", WRITES_OFF))
    assert not out.exists()
    assert tools.snapshot(data_dir) == before
