"""Windows behaviours played on Linux: a folder in use, a quick restart, Program Files,
a redirected console in cp1252, a windowed program without console, `.FOREBYGG` files."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from forebygg_desktop.core import fsretry, instance_lock, paths
from forebygg_desktop.core.data_location import PortableFolderError
from forebygg_desktop.core.errors import AlreadyRunningError, DataFolderError
from forebygg_desktop.core.materials import load_library
from forebygg_desktop.core.materials_update import (
    MaterialsInUseError,
    install_materials_update,
    merged_library,
    recover_swap,
)
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.startup import open_store
from tests.core.conftest import connect

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "resources" / "materials"


@pytest.fixture(autouse=True)
def _no_sleeping(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fsretry.time, "sleep", lambda _seconds: None)


def _in_use(winerror: int = 5) -> PermissionError:
    error = PermissionError(13, "Access is denied")
    error.winerror = winerror  # type: ignore[attr-defined]
    return error


def _package(text: str, version: int) -> tuple[bytes, dict[str, bytes]]:
    content = text.encode()
    index = {"format": 1, "package_version": version, "sheets": [{
        "id": "a", "program": None, "topic": "support", "version": version,
        "translations": [{"language": "sv", "title": "A", "file": "sheets/a/sv.md",
                          "format": "markdown", "sha256": hashlib.sha256(content).hexdigest(),
                          "review": "draft"}]}]}
    return json.dumps(index).encode(), {"sheets/a/sv.md": content}


# --- the materials folder swap while a sheet is open ---------------------------------------

def test_swap_refused_while_a_sheet_is_open_keeps_the_installed_library(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package("# one\n", 2))
    real_rename = os.rename

    def rename(source: object, destination: object) -> None:
        if Path(str(source)) == target:  # Acrobat holds sheets/a/sv.pdf open
            raise _in_use()
        real_rename(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(MaterialsInUseError) as caught:
        install_materials_update(target, *_package("# two\n", 3))
    assert "Access is denied" in caught.value.message()  # the reason, in the message
    assert load_library(target).resolve("a", "sv").read_text() == "# one\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["materials"]


def test_when_the_second_rename_fails_the_old_library_is_put_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package("# one\n", 2))
    real_rename = os.rename

    def rename(source: object, destination: object) -> None:
        if str(source).endswith(".incoming"):
            raise _in_use(32)
        real_rename(source, destination)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(MaterialsInUseError):
        install_materials_update(target, *_package("# two\n", 3))
    assert load_library(target).resolve("a", "sv").read_text() == "# one\n"
    assert not (tmp_path / "materials.replaced").exists()


def test_a_swap_cut_short_by_a_crash_is_undone_at_the_next_use(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package("# one\n", 2))
    target.rename(tmp_path / "materials.replaced")  # the power went between the two renames
    (tmp_path / "materials.incoming").mkdir()  # a half-written staging folder
    library = merged_library(SHIPPED, target)
    assert library.resolve("a", "sv").read_text() == "# one\n"
    assert target.is_dir() and not (tmp_path / "materials.replaced").exists()
    install_materials_update(target, *_package("# two\n", 3))  # and updates work again
    assert load_library(target).resolve("a", "sv").read_text() == "# two\n"
    recover_swap(target)  # nothing to do: no change
    assert load_library(target).resolve("a", "sv").read_text() == "# two\n"


# --- the lock: a short wait, and before the log -------------------------------------------

def test_a_copy_that_is_just_ending_does_not_make_a_false_already_running(
        tmp_path: Path) -> None:
    ending = instance_lock.acquire_lock(tmp_path)
    threading.Timer(0.3, ending.release).start()  # the previous copy closes a moment later
    lock = instance_lock.acquire_lock(tmp_path, timeout=10)
    assert lock.is_locked
    lock.release()


def test_a_copy_that_keeps_running_is_refused_after_the_short_wait(tmp_path: Path) -> None:
    running = instance_lock.acquire_lock(tmp_path)
    try:
        with pytest.raises(AlreadyRunningError):
            instance_lock.acquire_lock(tmp_path, timeout=0.2)
    finally:
        running.release()
    assert instance_lock.LOCK_TIMEOUT >= 1  # not a single attempt


# --- portable.txt beside a program in Program Files ---------------------------------------

@pytest.fixture
def program_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    program = tmp_path / "Program Files" / "Forebygg Desktop"
    (program / "_internal").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "forebygg-desktop.exe"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "user_data_dir", lambda *_args: str(tmp_path / "user"))
    return program


def test_portable_marker_in_a_folder_without_write_access_is_explained(
        program_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (program_files / paths.PORTABLE_MARKER).touch()

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(paths.tempfile, "TemporaryFile", denied)
    with pytest.raises(PortableFolderError) as caught:
        paths.data_dir()
    message = caught.value.message()
    assert "portable.txt" in message and str(program_files / "data") in message


def test_portable_data_folder_that_cannot_be_created_is_explained(program_files: Path) -> None:
    (program_files / paths.PORTABLE_MARKER).touch()
    (program_files / "data").write_text("a file where the folder should be")
    with pytest.raises(PortableFolderError):
        paths.data_dir()


def test_an_unwritable_user_folder_gets_its_own_message(
        program_files: Path, tmp_path: Path) -> None:
    (tmp_path / "user").write_text("not a folder")
    with pytest.raises(DataFolderError) as caught:
        paths.data_dir()
    assert not isinstance(caught.value, PortableFolderError)


def test_a_writable_portable_folder_is_used(program_files: Path) -> None:
    (program_files / paths.PORTABLE_MARKER).touch()
    assert paths.data_dir() == program_files / "data"
    assert list((program_files / "data").iterdir()) == []  # the write test left nothing


# --- the console program's output ---------------------------------------------------------

def test_cli_output_redirected_in_cp1252_is_utf8(tmp_path: Path) -> None:
    """Windows gives a redirected stream the ANSI code page; Arabic would not fit."""
    out = tmp_path / "✗ تصدير"
    laptop = open_store(tmp_path / "data" / DATABASE_NAME)
    central = open_store(tmp_path / "central" / DATABASE_NAME)
    try:
        connect(laptop, central)  # an export is sealed to the department's key
    finally:
        laptop.close()
        central.close()
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "forebygg_desktop.cli", "--data-dir", str(tmp_path / "data"),
         "--ui-language", "ar", "export", "--full", "--out", str(out)],
        capture_output=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # strict: must be UTF-8
    assert "✗ تصدير" in text


def test_cli_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    from forebygg_desktop import __version__
    from forebygg_desktop.cli import main

    # The CLI's one exit path returns the code (no SystemExit escapes main()).
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == __version__
    assert main(["--help"]) == 0
    assert "export" in capsys.readouterr().out


# --- a windowed program has no console ----------------------------------------------------

@pytest.mark.parametrize("argument", ["--version", "--help"])
def test_windowed_version_and_help_show_a_box(
        argument: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from forebygg_desktop import __version__
    from forebygg_desktop.core import windowed_output

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(windowed_output, "_message_box",
                        lambda text, title: shown.append((text, title)))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    parser = windowed_output.WindowedArgumentParser(prog="forebygg-desktop")
    parser.add_argument("--version", action="version", version=__version__)
    with pytest.raises(SystemExit) as ended:
        parser.parse_args([argument])
    assert ended.value.code == 0
    assert len(shown) == 1 and shown[0][1] == "forebygg-desktop"
    assert (shown[0][0] == __version__) if argument == "--version" else "usage" in shown[0][0]


def test_windowed_usage_error_shows_a_box_and_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    from forebygg_desktop.core import windowed_output

    shown: list[str] = []
    monkeypatch.setattr(windowed_output, "_message_box", lambda text, _title: shown.append(text))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    with pytest.raises(SystemExit) as ended:
        windowed_output.WindowedArgumentParser(prog="x").parse_args(["--nonsense"])
    assert ended.value.code == 2 and "--nonsense" in "".join(shown)


# --- exchange files named in upper case ---------------------------------------------------

def test_a_folder_import_finds_files_with_an_upper_case_suffix(tmp_path: Path) -> None:
    from forebygg_desktop.core.exchange.service import expand_paths

    for name in ("a.forebygg", "B.FOREBYGG", "c.Forebygg", "d.txt", ".hidden.forebygg"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in expand_paths([tmp_path])] == ["B.FOREBYGG", "a.forebygg",
                                                          "c.Forebygg"]


def test_cli_refuses_a_synchronised_data_folder_in_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from forebygg_desktop.cli import main

    onedrive = tmp_path / "OneDrive"
    code = main(["--data-dir", str(onedrive / "Forebygg"), "check"])
    err = capsys.readouterr().err
    # A refusal is exit code 1 (2 is for wrong arguments), one line on stderr.
    assert code == 1 and len(err.strip().splitlines()) == 1 and "OneDrive" in err
    assert not onedrive.exists()
