"""Edges found by an outside tester of the command line: a name the disk cannot take, a
configuration version that would stop the next one, a threshold past any use. Each is one
line and a non-zero exit code before anything is written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.startup import open_store

NOT_UTF8 = os.fsdecode(b"bad\xff\xfe")  # what a shell passes for bytes that are not UTF-8
TOO_LONG = "r" * 300

COMMANDS = {"export": (["export"], ".forebygg"),
            "report": (["report", "--period", "2026Q1"], ".xlsx"),
            "pdf": (["report", "--period", "2026Q1", "--pdf"], ".pdf"),
            "make-config": (["make-config"], ".forebygg")}


@pytest.mark.parametrize("name", [NOT_UTF8, TOO_LONG], ids=["not-utf8", "too-long"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_file_name_the_disk_cannot_take_is_refused_before_anything_is_written(
        data_dir: Path, tmp_path: Path, cli, tools, command: str, name: str, qapp) -> None:
    # (`qapp`: a PDF is drawn by Qt in this process, which must be the tests' QApplication)
    args, suffix = COMMANDS[command]
    usb = tmp_path / "usb"
    usb.mkdir()
    before = tools.snapshot(data_dir)
    result = cli(data_dir, *args, "--out", str(usb / (name + suffix)))
    assert result.code == 1
    assert len(result.lines) == 1 and result.lines[0].startswith("The file name “")
    assert "cannot be used" in result.lines[0]
    assert list(usb.iterdir()) == []
    assert tools.snapshot(data_dir) == before  # no export number given out, nothing recorded
    # The same command with a plain name works (and an export is the first one).
    result = cli(data_dir, *args, "--out", str(usb / ("plain" + suffix)))
    assert result.code == 0, result.err
    assert [p.name for p in usb.iterdir()] == ["plain" + suffix]


@pytest.mark.parametrize("version", ["2147483647", "1000001", "0", "-1"])
def test_a_configuration_version_out_of_range_is_refused_and_the_next_one_still_made(
        data_dir: Path, tmp_path: Path, cli, version: str) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    result = cli(data_dir, "make-config", "--out", str(usb), "--version", version)
    assert result.code == 1
    said = re.fullmatch(r"A configuration package's version is a whole number from 1 to "
                        r"1000000\. Choose another \(the next free one is (\d+)\)\.",
                        " ".join(result.lines))
    assert said is not None, result.lines
    assert list(usb.iterdir()) == []
    result = cli(data_dir, "make-config", "--out", str(usb))
    assert result.code == 0, result.err
    assert [p.name for p in usb.iterdir()] == [f"forebygg-config-v{said[1]}.forebygg"]


def test_withdrawing_a_laptop_that_is_not_enrolled_says_so(data_dir: Path, cli, tools) -> None:
    before = tools.snapshot(data_dir)
    for device in ("doesnotexist", ""):
        result = cli(data_dir, "forget-device", device)
        assert result.code == 1
        assert result.lines == [" ".join(f"No laptop with the id {device} is enrolled here. "
                                         "Nothing was changed.".split())]
    assert tools.snapshot(data_dir) == before


def test_a_field_laptop_has_no_department_key_to_rotate(data_dir: Path, cli, tools) -> None:
    before = tools.snapshot(data_dir)
    keys_before = sorted(p.name for p in data_dir.glob("*.pem"))
    result = cli(data_dir, "rotate-department-key")
    assert result.code == 1
    assert result.lines[0].startswith("Only the central department's computer has a "
                                      "department key")
    assert sorted(p.name for p in data_dir.glob("*.pem")) == keys_before
    assert tools.snapshot(data_dir) == before


def test_a_refused_file_is_said_on_stderr_and_the_import_fails(data_dir: Path, tmp_path: Path,
                                                               cli) -> None:
    store = open_store(data_dir / DATABASE_NAME)
    store.settings.set(settings.ROLE, "central")
    store.close()
    bad = tmp_path / "bad.forebygg"
    bad.write_bytes(b"not a package at all")
    result = cli(data_dir, "import", str(bad))
    assert result.code == 1
    assert result.out == ""
    assert len(result.lines) == 1 and result.lines[0].startswith("bad.forebygg: ")
    result = cli(data_dir, "import", str(tmp_path / "missing.forebygg"))
    assert result.code == 1 and result.out == ""
    assert result.lines == ["missing.forebygg: There is no file missing.forebygg. Check the "
                            "name and the folder (is the USB stick plugged in?). Nothing was "
                            "changed."]


def test_a_data_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    """No log can be opened there: its lines must not fall through to stderr (the real
    command in its own process: in-process, pytest's own log handler would hide them)."""
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from forebygg_desktop.cli import main; "
                               "sys.exit(main())",
         "--data-dir", str(not_a_folder), "--ui-language", "en", "check"],
        capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "command refused" not in done.stderr


def _second_location(data_dir: Path) -> str | None:
    store = open_store(data_dir / DATABASE_NAME)
    try:
        return store.settings.get(settings.BACKUP_SECOND_FOLDER)
    finally:
        store.close()


def test_a_second_backup_location_is_a_folder_outside_the_data_folder(data_dir: Path,
                                                                       cli) -> None:
    before = _second_location(data_dir)
    result = cli(data_dir, "backup", "--second-location", "")  # once: the current folder
    assert result.code == 2
    assert result.lines == ["Give a folder for the second backup location, or “none”."]
    for inside in (data_dir, data_dir / "backups"):
        result = cli(data_dir, "backup", "--second-location", str(inside))
        assert result.code == 1
        assert result.lines[0].startswith("The second backup location must be outside the "
                                          "data folder")
    assert _second_location(data_dir) == before


def test_a_second_copy_that_fails_does_not_say_no_backup_was_made(
        data_dir: Path, tmp_path: Path, cli, mounts) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    assert cli(data_dir, "backup", "--second-location", str(usb)).code == 0
    mounts.read_only(usb)
    result = cli(data_dir, "backup")
    assert result.code == 1
    assert "Backup written: " in result.out  # the first one was made
    assert len(result.lines) == 1
    assert result.lines[0].startswith(f"No copy could be made in the second backup location "
                                      f"{usb} (")
    assert "No backup could be made" not in result.err


def test_a_server_password_without_a_terminal_is_one_line(data_dir: Path) -> None:
    """The real command with its input from /dev/null (a script): no getpass warning, no
    EOFError — one line and exit code 2, and no setting written."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from forebygg_desktop.cli import main; "
                               "sys.exit(main())",
         "--data-dir", str(data_dir), "--ui-language", "en", "server", "set",
         "postgresql://someone@127.0.0.1:1/central"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "The server's password is asked for in a terminal. Run this command in a terminal, "
        "or use --password file with --password-file."]
    assert not (data_dir / "server.json").exists()
