"""Where the program finds its resources and keeps its data, from source and frozen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from forebygg_desktop.core import paths

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake one-folder bundle: the executable beside `_internal/` (PyInstaller 6)."""
    program = tmp_path / "Forebygg Desktop"
    internal = program / "_internal"
    internal.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "forebygg-desktop.exe"))
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(paths, "user_data_dir", lambda *_args: str(tmp_path / "user-data"))
    return program


def test_from_source_resources_are_in_the_repository() -> None:
    assert paths.install_root() == REPO
    assert paths.program_dir() == REPO
    assert (paths.resources_dir() / "catalog" / "catalog.json").is_file()
    assert paths.translations_dir() == REPO / "translations"


def test_frozen_resources_come_from_the_unpack_folder(frozen: Path) -> None:
    assert paths.install_root() == frozen / "_internal"
    assert paths.resources_dir() == frozen / "_internal" / "resources"
    assert paths.translations_dir() == frozen / "_internal" / "translations"
    assert paths.program_dir() == frozen


def test_frozen_without_marker_keeps_data_in_the_user_folder(frozen: Path,
                                                              tmp_path: Path) -> None:
    assert paths.data_dir() == tmp_path / "user-data"
    assert not (frozen / "data").exists()


def test_portable_marker_beside_the_executable_keeps_data_beside_it(frozen: Path) -> None:
    (frozen / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.data_dir() == frozen / "data"
    assert (frozen / "data").is_dir()


def test_a_marker_inside_the_unpack_folder_does_not_make_the_program_portable(
        frozen: Path, tmp_path: Path) -> None:
    (frozen / "_internal" / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.data_dir() == tmp_path / "user-data"


def test_the_environment_variable_wins_over_portable_mode(
        frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (frozen / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "scripted"))
    assert paths.data_dir() == tmp_path / "scripted"
    assert not (frozen / "data").exists()
