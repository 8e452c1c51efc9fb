"""The log goes to a rotating file in the data folder, with or without a console."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from forebygg_desktop.core.logs import LOG_NAME, LogFile, setup_logging


@pytest.fixture(autouse=True)
def _restore_root_handlers() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_forebygg", False)]


def test_the_log_is_a_rotating_file_in_the_data_folder(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    logging.getLogger("forebygg_desktop.test").info("program started")
    for handler in _ours():
        handler.flush()
    assert path == tmp_path / "logs" / LOG_NAME
    assert "program started" in path.read_text(encoding="utf-8")
    files = [h for h in _ours() if isinstance(h, LogFile)]
    assert len(files) == 1 and files[0].backupCount > 0 and files[0].maxBytes > 0


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_rotates_and_every_file_is_private(tmp_path: Path) -> None:
    path = setup_logging(tmp_path, console=False)
    handler = _ours()[0]
    assert isinstance(handler, LogFile)
    handler.maxBytes = 4000  # what a full 1 MB file does, in a few records
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("forebygg_desktop.test")
    for number in range(200):
        log.warning("record %03d %s", number, "x" * 200)
    handler.flush()
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == [LOG_NAME, *(f"{LOG_NAME}.{n}" for n in range(1, 6))]
    assert all(f.stat().st_size <= 4000 + 300 for f in files)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert "record 199" in path.read_text(encoding="utf-8")
    assert "record 000" not in "".join(f.read_text(encoding="utf-8") for f in files)


def test_a_start_that_logs_nothing_does_not_load_the_rotation(tmp_path: Path) -> None:
    code = ("import logging, sys; from pathlib import Path; "
            "from forebygg_desktop.core.logs import setup_logging; "
            "setup_logging(Path(sys.argv[1]), console=False); "
            "print('logging.handlers' in sys.modules); "
            "logging.getLogger('x').warning('first'); "
            "print('logging.handlers' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                           text=True, check=True)
    assert found.stdout.split() == ["False", "True"]
    assert (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8").rstrip().endswith("first")


def test_a_log_folder_that_cannot_be_written_is_found_at_the_start(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / LOG_NAME).mkdir()  # the file's name taken by a folder
    with pytest.raises(OSError):
        setup_logging(tmp_path, console=False)


def test_without_a_console_only_the_file_handler_is_added(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A windowed Windows build has sys.stdout and sys.stderr set to None.
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    path = setup_logging(tmp_path)
    logging.getLogger("forebygg_desktop.test").warning("no console here")
    for handler in _ours():
        handler.flush()
    assert len(_ours()) == 1 and isinstance(_ours()[0], LogFile)
    assert "no console here" in path.read_text(encoding="utf-8")


def test_setting_up_twice_does_not_double_the_handlers(tmp_path: Path) -> None:
    setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "b")
    files = [h for h in _ours() if isinstance(h, LogFile)]
    assert [Path(h.baseFilename).parent.parent for h in files] == [tmp_path / "b"]


def test_a_log_records_no_exception_text_that_could_quote_saved_values() -> None:
    from forebygg_desktop.core.logs import safe_traceback

    def save() -> None:
        raise ValueError("answer: 'Lina, 8 år, mår inte bra'")
    try:
        try:
            save()
        except ValueError as error:
            raise RuntimeError("wrapped: Lina") from error
    except RuntimeError as error:
        text = safe_traceback(error)
    assert "Lina" not in text
    assert "builtins.ValueError" in text and "builtins.RuntimeError" in text
    assert "in save" in text and "which was caused by" in text


def test_sqlite_and_os_errors_keep_their_own_text() -> None:
    import errno
    import sqlite3

    from forebygg_desktop.core.logs import describe

    assert describe(sqlite3.OperationalError("database or disk is full")).endswith(
        "database or disk is full")
    assert describe(OSError(errno.ENOSPC, "x", "/home/anna/secret.txt")).endswith(
        "No space left on device")
