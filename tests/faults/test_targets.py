"""Never write over what is not ours: exports, reports and backups refuse the program's own
files and files of another kind; an existing target of the right kind needs consent."""

from __future__ import annotations

from pathlib import Path

import pytest

from forebygg_desktop.core.paths import DATABASE_NAME


def _backup(data_dir: Path) -> Path:
    return next((data_dir / "backups").glob("forebygg-rolling-*.sqlite3"))


@pytest.mark.parametrize("command", [
    ["export", "--full", "--force"], ["report", "--period", "2026", "--force"],
    ["report", "--period", "2026Q3", "--pdf", "--force"], ["make-config", "--force"],
])
@pytest.mark.parametrize("which", ["database", "wal", "backup", "log", "lock"])
def test_no_command_writes_over_the_programs_own_files(data_dir: Path, cli, tools,
                                                       command: list[str], which: str) -> None:
    targets = {
        "database": data_dir / DATABASE_NAME,
        "wal": data_dir / (DATABASE_NAME + "-wal"),
        "backup": _backup(data_dir),
        "log": data_dir / "logs" / "forebygg.log",
        "lock": data_dir / "forebygg.lock",
    }
    target = targets[which]
    cli(data_dir, "check")  # creates the log and the lock
    before = tools.snapshot(data_dir)
    log_before = (data_dir / "logs" / "forebygg.log").read_bytes()
    result = cli(data_dir, *command, "--out", str(target))
    assert result.code == 1
    assert result.lines == [
        f"{target} is part of Forebygg Desktop's own data (the database, a backup or the "
        "log). Nothing was written. Choose another file name."]
    assert tools.snapshot(data_dir) == before
    if which != "log":
        assert (data_dir / "logs" / "forebygg.log").read_bytes().startswith(log_before)
    assert not list(target.parent.glob("*.part")) and not list(target.parent.glob(".*.part"))
    assert not target.with_name(target.name + ".xlsx").exists()
    assert not target.with_name(target.name + ".pdf").exists()


@pytest.mark.parametrize("command,kind", [(["export"], "export"), (["make-config"], "export"),
                                          (["report", "--period", "2026Q1"], "report"),
                                          (["report", "--period", "2026Q1", "--pdf"], "pdf")])
def test_a_file_of_another_kind_is_never_replaced_even_with_force(
        data_dir: Path, tmp_path: Path, cli, tools, command: list[str], kind: str) -> None:
    suffix = {"export": ".forebygg", "report": ".xlsx", "pdf": ".pdf"}[kind]
    other = tmp_path / f"thesis{suffix}"
    content = b"PK\x03\x04 not a package: somebody's document" * 50
    other.write_bytes(content)
    before = tools.snapshot(data_dir)
    for force in ([], ["--force"]):
        result = cli(data_dir, *command, "--out", str(other), *force)
        assert result.code == 1
        assert result.lines == [f"{other} already exists and is not a file of the same kind. "
                                "Nothing was written. Choose another file name."]
        assert other.read_bytes() == content
    assert tools.snapshot(data_dir) == before


def test_another_programs_sqlite_file_as_an_export_target_is_refused(
        data_dir: Path, tmp_path: Path, cli) -> None:
    import sqlite3

    other = tmp_path / "notes.forebygg"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (text)")
    connection.commit()
    connection.close()
    content = other.read_bytes()
    result = cli(data_dir, "export", "--out", str(other), "--force")
    assert result.code == 1 and "not a file of the same kind" in result.err
    assert other.read_bytes() == content


@pytest.mark.parametrize("command,name", [(["export", "--full"], "x.forebygg"),
                                          (["report", "--period", "2026Q1"], "x.xlsx")])
def test_an_existing_file_of_the_same_kind_is_replaced_only_with_force(
        data_dir: Path, tmp_path: Path, cli, command: list[str], name: str) -> None:
    target = tmp_path / name
    assert cli(data_dir, *command, "--out", str(target)).code == 0
    first = target.read_bytes()
    result = cli(data_dir, *command, "--out", str(target))
    assert result.code == 1
    assert result.lines == [f"{target} already exists. Nothing was written. To replace it, "
                            "confirm (in the command line: --force)."]
    assert target.read_bytes() == first
    assert cli(data_dir, *command, "--out", str(target), "--force").code == 0


def test_an_export_refused_for_its_target_is_not_recorded_as_exported(
        data_dir: Path, cli) -> None:
    """The next export still holds every change (nothing was marked as sent)."""
    from forebygg_desktop.core.startup import open_store

    cli(data_dir, "export", "--out", str(data_dir / DATABASE_NAME))
    store = open_store(data_dir / DATABASE_NAME)
    try:
        assert store.exchange.last_export() is None
    finally:
        store.close()
