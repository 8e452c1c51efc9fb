"""Renames and deletes on Windows: a file held for a moment by antivirus, indexer or Excel.

Windows' refusals are played on Linux by raising `PermissionError` with a `winerror`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from forebygg_desktop.core import fsretry


def held(times: int, winerror: int = 32) -> Callable[..., None]:
    """An `os.replace` that fails `times` times with WinError `winerror`, then works."""
    real = os.replace
    calls = {"n": 0}

    def replace(source: object, target: object) -> None:
        calls["n"] += 1
        if calls["n"] <= times:
            error = PermissionError(13, "The process cannot access the file")
            error.winerror = winerror  # type: ignore[attr-defined]
            raise error
        real(source, target)  # type: ignore[arg-type]

    replace.calls = calls  # type: ignore[attr-defined]
    return replace


@pytest.fixture(autouse=True)
def _no_sleeping(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    pauses: list[float] = []
    monkeypatch.setattr(fsretry.time, "sleep", pauses.append)
    return pauses


@pytest.mark.parametrize("winerror", [5, 32, 33])
def test_a_briefly_held_file_is_renamed_after_retries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int) -> None:
    source, target = tmp_path / "a.part", tmp_path / "a"
    source.write_text("new")
    target.write_text("old")
    monkeypatch.setattr(os, "replace", held(3, winerror))
    fsretry.replace(source, target)
    assert target.read_text() == "new" and not source.exists()


def test_a_file_held_for_good_gives_the_original_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _no_sleeping: list[float]) -> None:
    source = tmp_path / "a.part"
    source.write_text("new")
    replace = held(1000)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError) as raised:
        fsretry.replace(source, tmp_path / "a")
    assert raised.value.winerror == 32  # type: ignore[attr-defined]
    assert replace.calls["n"] == len(fsretry.DELAYS) + 1  # type: ignore[attr-defined]
    assert sum(_no_sleeping) < 5  # a short wait, not a hang
    assert source.read_text() == "new"  # nothing lost


def test_other_errors_are_not_retried(tmp_path: Path, _no_sleeping: list[float]) -> None:
    with pytest.raises(FileNotFoundError):
        fsretry.replace(tmp_path / "missing", tmp_path / "b")
    plain = PermissionError(13, "denied")  # POSIX: no winerror, nothing to wait for
    calls = []

    def fail() -> None:
        calls.append(1)
        raise plain

    with pytest.raises(PermissionError):
        fsretry.retry(fail)
    assert calls == [1] and _no_sleeping == []


def test_unlink_and_rmtree_wait_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "tree"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "x").write_text("x")
    real_rmtree = fsretry.shutil.rmtree
    attempts = {"n": 0}

    def rmtree(path: object) -> None:
        attempts["n"] += 1
        if attempts["n"] == 1:
            error = PermissionError(13, "in use")
            error.winerror = 32  # type: ignore[attr-defined]
            raise error
        real_rmtree(path)  # type: ignore[arg-type]

    monkeypatch.setattr(fsretry.shutil, "rmtree", rmtree)
    fsretry.rmtree(folder)
    assert not folder.exists() and attempts["n"] == 2
    fsretry.rmtree(folder)  # missing: fine
    fsretry.unlink(tmp_path / "missing")


def test_the_pre_upgrade_backup_survives_a_held_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first start after an update: the backup's rename meets a scanning antivirus."""
    from forebygg_desktop.core.db import backup_file

    source = tmp_path / "forebygg.sqlite3"
    with sqlite3.connect(source) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
    connection.close()
    monkeypatch.setattr(os, "replace", held(2))
    destination = tmp_path / "backups" / "b.sqlite3"
    backup_file(source, destination)
    with sqlite3.connect(destination) as copy:
        assert copy.execute("SELECT x FROM t").fetchall() == [(1,)]
    copy.close()


def test_every_rename_in_the_program_goes_through_the_helper() -> None:
    """No bare os.replace / Path.rename / Path.replace outside core/fsretry.py."""
    root = Path(__file__).resolve().parents[2] / "forebygg_desktop"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "fsretry.py" or "devtools" in path.parts:
            continue
        text = path.read_text(encoding="utf-8").replace("fsretry.", "")
        for needle in ("os.replace(", "os.rename(", ").rename(", "dir.rename(",
                       "temporary.replace(", "part.replace("):
            if needle in text:
                offenders.append(f"{path.relative_to(root)}: {needle}")
    assert offenders == []
