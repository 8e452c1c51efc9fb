"""Starts that cannot go on end with one clear message: no display, a second copy (refused
before it opens the log), a data folder that is on a network, synchronised or unwritable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core import instance_lock
from forebygg_desktop.core.data_location import SyncedDataFolderError
from forebygg_desktop.core.errors import AlreadyRunningError
from forebygg_desktop.gui import app as app_module

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch, qapp: QApplication) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(app_module.QMessageBox, "critical",
                        lambda _parent, _title, text: messages.append(text))
    return messages


def test_a_second_copy_is_refused_before_it_writes_to_the_log(
        tmp_path: Path, shown: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(instance_lock, "LOCK_TIMEOUT", 0.2)
    running = instance_lock.acquire_lock(data)  # the first copy
    try:
        code = app_module.main(["--data-dir", str(data), "--language", "ar"])
    finally:
        running.release()
    assert code == 1
    assert shown == [AlreadyRunningError().message()]
    assert shown[0] != AlreadyRunningError.msgid  # in Arabic
    assert not (data / "logs").exists()  # the log was never opened


def test_a_synchronised_data_folder_is_refused_and_left_alone(
        tmp_path: Path, shown: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    onedrive = tmp_path / "OneDrive - Norrtälje kommun"
    monkeypatch.setenv("OneDriveCommercial", str(onedrive))
    code = app_module.main(["--data-dir", str(onedrive / "Forebygg")])
    assert code == 1
    assert shown == [SyncedDataFolderError(folder=str(onedrive / "Forebygg")).message()]
    assert not onedrive.exists()


def test_a_data_folder_that_cannot_be_created_is_a_message_not_a_traceback(
        tmp_path: Path, shown: list[str]) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    code = app_module.main(["--data-dir", str(blocker / "data")])
    assert code == 1 and len(shown) == 1
    assert str(blocker / "data") in shown[0]


def _without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    env["LANG"] = "en_GB.UTF-8"
    return env


@pytest.mark.parametrize("argv", [[], ["--self-test"]])
def test_without_a_display_the_program_says_so_in_one_line(
        tmp_path: Path, argv: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "forebygg_desktop", "--data-dir", str(tmp_path / "d"), *argv],
        capture_output=True, text=True, env=_without_display(), cwd=REPO, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "graphical desktop" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "xcb" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "d").exists()  # nothing was started


def test_the_no_display_line_follows_the_terminal_language(tmp_path: Path) -> None:
    env = {**_without_display(), "LANG": "sv_SE.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "forebygg_desktop"], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 1 and "graphical desktop" not in done.stderr  # Swedish
