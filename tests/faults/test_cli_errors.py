"""The CLI's one error path: nonsense arguments and periods, missing folders, a failed
migration, an unexpected error — one line, a non-zero exit code, never a traceback unless
--debug, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from forebygg_desktop.core import db
from forebygg_desktop.core.paths import DATABASE_NAME


@pytest.mark.parametrize("period", ["2026Q5", "2026-02-30..2026-03-31", "2026-03-31..2026-01-01",
                                    "0000", "9999Q4", "last quarter", "", "2026Q1; rm -rf /",
                                    "0001Q1", "0001", "9999", "1999",
                                    "2026-01-01..9999-12-31"])
def test_a_nonsense_period_is_one_line_and_exit_code_2(data_dir: Path, tmp_path: Path, cli,
                                                       tools, period: str) -> None:
    before = tools.snapshot(data_dir)
    result = cli(data_dir, "report", "--period", period, "--out", str(tmp_path / "r.xlsx"))
    assert result.code == 2
    assert result.lines == [f"“{period}” is not a period. Use 2026Q3, 2026 or "
                            "2026-01-01..2026-03-31."]
    assert result.out == ""
    assert not (tmp_path / "r.xlsx").exists()
    assert tools.snapshot(data_dir) == before


@pytest.mark.parametrize("args,expected", [
    (["--bogus"], "Wrong arguments: "),
    (["frobnicate"], "Wrong arguments: argument command: invalid choice: 'frobnicate'"),
    (["report", "--period"], "Wrong arguments: argument --period: expected one argument."),
    (["report", "--period", "2026", "--out", "x.xlsx", "--suppress", "many"],
     "Wrong arguments: argument --suppress: invalid int value: 'many'."),
    (["report", "--period", "2026", "--out", "x.xlsx", "--suppress", "1"],
     "The suppression threshold must be a whole number from 2 to 50."),
    (["report", "--period", "2026", "--out", "x.xlsx", "--suppress", "99999999999999999999"],
     "The suppression threshold must be a whole number from 2 to 50."),
    (["restore", "42"], "There is no backup number 42."),
])
def test_nonsense_arguments_are_one_line_and_exit_code_2(data_dir: Path, cli, tools,
                                                         args: list[str], expected: str) -> None:
    before = tools.snapshot(data_dir)
    result = cli(data_dir, *args)
    assert result.code == 2
    assert len(result.lines) == 1 and result.lines[0].startswith(expected)
    assert "Traceback" not in result.err
    assert tools.snapshot(data_dir) == before


@pytest.mark.parametrize("command", [["export", "--full"], ["report", "--period", "2026"],
                                     ["make-config"], ["rescue"]])
def test_a_missing_output_folder_is_named(data_dir: Path, tmp_path: Path, cli, tools,
                                          command: list[str]) -> None:
    missing = tmp_path / "USB-STICK" / "exports"
    target = missing if command == ["rescue"] else missing / "file"
    before = tools.snapshot(data_dir)
    result = cli(data_dir, *command, "--out", str(target))
    assert result.code == 1
    assert result.lines == [f"The folder {missing} does not exist. Nothing was written. "
                            "Choose an existing folder or plug in the USB stick."]
    assert not missing.exists()
    assert tools.snapshot(data_dir) == before


def test_importing_a_file_that_does_not_exist_is_a_message(data_dir: Path, tmp_path: Path,
                                                           cli) -> None:
    result = cli(data_dir, "import", str(tmp_path / "nothing.forebygg"))
    assert result.code in (1, 2)
    assert len(result.lines) >= 1 and "Traceback" not in result.err


def test_a_failed_migration_is_a_message_and_changes_nothing(
        data_dir: Path, cli, tools, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tools.snapshot(data_dir)
    # This program "knows" a newer schema whose upgrade step fails half-way.
    monkeypatch.setattr(db, "head_revisions", lambda _connection: ("9999_future",))
    monkeypatch.setattr(db, "SCHEMA_HEADS", frozenset({"9999_future"}))
    from alembic import command

    def broken_upgrade(config, _target):  # type: ignore[no-untyped-def]
        config.attributes["connection"].exec_driver_sql("CREATE TABLE half_made (x)")
        raise RuntimeError("step 2 of the upgrade failed")
    monkeypatch.setattr(command, "upgrade", broken_upgrade)
    result = cli(data_dir, "check")
    assert result.code == 1
    assert result.lines == ["The database could not be upgraded to this version of the "
                            "program (step 2 of the upgrade failed). It has not been changed. "
                            "Go back to the previous version or contact support."]
    after = tools.snapshot(data_dir)
    database = after.pop(DATABASE_NAME)
    upgrade_backups = [k for k in after if "pre-migration" in k]
    assert len(upgrade_backups) == 1  # the copy taken before trying
    assert {k: v for k, v in after.items() if k not in upgrade_backups} == {
        k: v for k, v in before.items() if k != DATABASE_NAME}
    assert database == before[DATABASE_NAME]


def test_an_unexpected_error_is_one_line_code_70_and_a_traceback_only_with_debug(
        data_dir: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from forebygg_desktop.core.store import Store

    def broken(_self: Store) -> bool:
        raise KeyError("Fatima, tel 070-1234567")  # a message that must not reach the log
    monkeypatch.setattr(Store, "is_empty", broken)
    result = cli(data_dir, "demo")
    log = data_dir / "logs" / "forebygg.log"
    assert result.code == 70
    assert result.lines == [
        "Unexpected error (KeyError). Every save is whole or not made at all, so the "
        f"database is consistent. Details are in the log: {log}"]
    assert "Traceback" not in result.err
    debug = cli(data_dir, "--debug", "demo")
    assert debug.code == 70
    assert "Traceback (most recent call last)" in debug.err
    text = log.read_text(encoding="utf-8")
    assert "KeyError" in text and "in broken" in text
    assert "Fatima" not in text and "070-1234567" not in text


def test_the_program_refusing_to_run_twice_is_a_message(data_dir: Path, cli) -> None:
    from forebygg_desktop.core.startup import acquire_lock

    lock = acquire_lock(data_dir)
    try:
        result = cli(data_dir, "restore", "--newest")
        assert result.code == 1
        assert result.lines == ["Forebygg Desktop is already running with this data folder. "
                                "Switch to the open window instead."]
    finally:
        lock.release()
