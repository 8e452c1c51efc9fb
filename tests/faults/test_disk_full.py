"""A full disk at start, during a save, an export, a report and a backup: a message, a
non-zero exit code (CLI), the database and backups unchanged, no half-written file left.

As root (CI) the disk really is full: a small tmpfs. Elsewhere ENOSPC is injected where
the file is written."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from forebygg_desktop.core import backups as backups_module
from forebygg_desktop.core import db
from forebygg_desktop.core.backups import startup_round
from forebygg_desktop.core.errors import DiskFullError
from forebygg_desktop.core.i18n import set_language
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.startup import open_installation
from forebygg_desktop.core.store.records import SeriesData

SERIES = SeriesData(program_code="BIFF", locality_code="RIMBO", language_code="sv")


def _on_small_disk(data_dir: Path, tmp_path: Path, mounts, size: str = "4m") -> Path | None:
    """Move the data folder onto a small tmpfs; None when no tmpfs can be mounted."""
    disk = tmp_path / "disk"
    if not mounts.tmpfs(disk, size):
        return None
    moved = disk / "data"
    shutil.copytree(data_dir, moved)
    return moved


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith((".part", ".part-journal"))]


def test_a_backup_on_a_full_disk_fails_with_a_message_and_leaves_nothing(
        data_dir: Path, tmp_path: Path, cli, tools, mounts,
        monkeypatch: pytest.MonkeyPatch) -> None:
    moved = _on_small_disk(data_dir, tmp_path, mounts)
    if moved is not None:
        data_dir = moved
        size = (data_dir / DATABASE_NAME).stat().st_size
        tools.fill(data_dir.parent, leave=size // 2 + 64 * 1024)  # less than one copy
    else:
        monkeypatch.setattr(db, "make_private", tools.enospc)
    before = tools.snapshot(data_dir)
    result = cli(data_dir, "backup")
    assert result.code == 1
    assert result.lines == [f"The disk at {data_dir / 'backups'} is full, so the file was not "
                            "written. Free some space and try again."]
    assert tools.snapshot(data_dir) == before
    assert _leftovers(data_dir) == []


def test_a_full_disk_at_start_is_a_warning_not_a_reason_to_stop(
        data_dir: Path, tmp_path: Path, tools, mounts, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window used to close half a second after every start: now it warns."""
    moved = _on_small_disk(data_dir, tmp_path, mounts)
    if moved is not None:
        data_dir = moved
        size = (data_dir / DATABASE_NAME).stat().st_size
        tools.fill(data_dir.parent, leave=size // 2 + 64 * 1024)
    else:
        monkeypatch.setattr(db, "make_private", tools.enospc)
    before = tools.snapshot(data_dir)
    installation = open_installation(data_dir)
    try:
        outcome = startup_round(installation.store, data_dir)
        assert not outcome.damaged and outcome.backup is None
        set_language("en")
        assert [w.message() for w in outcome.warnings] == [
            f"No backup could be made this time (The disk at {data_dir / 'backups'} is full, "
            "so the file was not written. Free some space and try again.). Your data is safe; "
            "free some disk space or check the backup folder so that backups can be made "
            "again."]
        assert installation.store.uow.refused is None  # saves still allowed
    finally:
        installation.close()
    assert tools.snapshot(data_dir) == before
    assert _leftovers(data_dir) == []


def test_a_save_on_a_full_disk_says_so_and_changes_nothing(
        data_dir: Path, tmp_path: Path, tools, mounts, monkeypatch: pytest.MonkeyPatch) -> None:
    moved = _on_small_disk(data_dir, tmp_path, mounts)
    data_dir = moved or data_dir
    installation = open_installation(data_dir)
    store = installation.store
    filler = None
    try:
        with store.uow.read() as session:
            series_before = session.execute(db.text("SELECT count(*) FROM group_series")).scalar()
        if moved is not None:
            filler = tools.fill(data_dir.parent, leave=0)
        else:
            import sqlite3

            def full(*_args: object) -> None:
                raise sqlite3.OperationalError("database or disk is full")
            monkeypatch.setattr(store.engine.dialect, "do_execute", full)
        with pytest.raises(DiskFullError) as caught:
            for _ in range(200):  # the WAL may still have room for a few pages
                store.groups.create_series(SERIES)
        set_language("en")
        assert caught.value.message() == ("The disk is full, so nothing was saved. Free some "
                                          "space and try again.")
        monkeypatch.undo()
        if filler is not None:
            filler.unlink()
        store.groups.create_series(SERIES)  # once there is room again, saving works
    finally:
        installation.close()
    installation = open_installation(data_dir)
    try:
        with installation.store.uow.read() as session:
            count = session.execute(db.text("SELECT count(*) FROM group_series")).scalar()
        assert count is not None and series_before is not None and count > series_before
    finally:
        installation.close()


def test_a_save_refused_by_a_full_disk_leaves_the_database_as_it_was(
        tmp_path: Path, cli, tools, mounts, monkeypatch: pytest.MonkeyPatch) -> None:
    """`forebygg-cli demo` is one transaction: on a full disk none of it is saved."""
    data_dir = tmp_path / "disk" / "data"
    if mounts.tmpfs(data_dir.parent, "3m"):
        tools.make_data_folder(data_dir, demo=False, backup=False)
        installation = open_installation(data_dir)  # -shm and -wal exist before the disk fills
        tools.fill(data_dir.parent, leave=96 * 1024)
        installation.close()
    else:
        tools.make_data_folder(data_dir, demo=False, backup=False)
        import sqlite3

        from forebygg_desktop.core.store import unit

        real_write = unit.UnitOfWork.write

        def failing_write(self):  # type: ignore[no-untyped-def]
            def full(*_args: object) -> None:
                raise sqlite3.OperationalError("database or disk is full")
            monkeypatch.setattr(self.engine.dialect, "do_execute", full)
            return real_write(self)
        monkeypatch.setattr(unit.UnitOfWork, "write", failing_write)
    before = tools.snapshot(data_dir)
    result = cli(data_dir, "demo")
    assert result.code == 1
    assert result.lines == ["The disk is full, so nothing was saved. Free some space and try "
                            "again."]
    assert tools.snapshot(data_dir) == before


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl
@pytest.mark.parametrize("command", [["export", "--full"], ["report", "--period", "2026"],
                                     ["report", "--period", "2026", "--pdf"],
                                     ["make-config"]])
def test_an_export_or_report_onto_a_full_disk_fails_with_a_message(
        data_dir: Path, tmp_path: Path, cli, tools, mounts,
        monkeypatch: pytest.MonkeyPatch, command: list[str], qapp) -> None:
    # (`qapp`: the PDF is drawn by Qt in this process, which must be the tests' QApplication)
    usb = tmp_path / "usb"
    if mounts.tmpfs(usb, "1m"):
        tools.fill(usb, leave=8 * 1024)
    else:
        usb.mkdir()
        from forebygg_desktop.core import files
        from forebygg_desktop.core.reports import workbook
        monkeypatch.setattr(files, "write_private", tools.enospc)  # exports, PDFs
        monkeypatch.setattr(workbook, "write_private", tools.enospc)
    before = tools.snapshot(data_dir)
    result = cli(data_dir, *command, "--out", str(usb))
    assert result.code == 1
    assert result.lines == [f"The disk at {usb} is full, so the file was not written. Free "
                            "some space and try again."]
    assert tools.snapshot(data_dir) == before
    assert sorted(p.name for p in usb.iterdir()) in ([], ["filler.bin"])
    gc.collect()  # openpyxl's abandoned writers complain when collected: here, not at exit


def test_a_second_location_that_is_missing_is_a_warning(data_dir: Path, tmp_path: Path,
                                                        cli) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert cli(data_dir, "backup", "--second-location", str(usb)).code == 0
    assert len(list(usb.glob("forebygg-rolling-*.sqlite3"))) == 1
    usb.rmdir() if not any(usb.iterdir()) else shutil.rmtree(usb)
    installation = open_installation(data_dir)
    try:
        outcome = backups_module.startup_round(installation.store, data_dir)
    finally:
        installation.close()
    set_language("en")
    assert outcome.backup is not None
    assert [w.message() for w in outcome.warnings] == [
        f"The second backup location {usb} is not available (is the USB stick plugged in?). "
        "The backup was kept in the data folder only."]


@pytest.mark.parametrize(("command", "leave"), [
    (["report", "--period", "2026"], 8 * 1024),
    # Room for the year's workbook, not for all five: the set is written whole or not at all.
    (["report", "--period", "2026", "--suppress", "--with-quarters"], 48 * 1024)])
def test_a_report_onto_a_full_disk_is_one_line_from_the_real_program(
        data_dir: Path, tmp_path: Path, tools, mounts, command: list[str], leave: int) -> None:
    """The installed command in its own process, so what it prints while exiting counts too
    (openpyxl's archive, left open by a full disk, printed a traceback when collected)."""
    usb = tmp_path / "usb"
    if not mounts.tmpfs(usb, "1m"):
        pytest.skip("a full disk needs a small tmpfs, which needs root (CI runs as root)")
    tools.fill(usb, leave=leave)
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from forebygg_desktop.cli import main; "
                               "sys.exit(main())",
         "--data-dir", str(data_dir), "--ui-language", "en", *command, "--out",
         str(usb / "year.xlsx")], capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [f"The disk at {usb} is full, so the file was not "
                                        "written. Free some space and try again."]
    assert sorted(p.name for p in usb.iterdir()) == ["filler.bin"]
