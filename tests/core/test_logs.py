"""The log goes to a rotating file in the data folder, with or without a console."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from forebygg_desktop.core.logs import LOG_NAME, setup_logging


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
    rotating = [h for h in _ours() if isinstance(h, RotatingFileHandler)]
    assert len(rotating) == 1 and rotating[0].backupCount > 0 and rotating[0].maxBytes > 0


def test_without_a_console_only_the_file_handler_is_added(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A windowed Windows build has sys.stdout and sys.stderr set to None.
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    path = setup_logging(tmp_path)
    logging.getLogger("forebygg_desktop.test").warning("no console here")
    for handler in _ours():
        handler.flush()
    assert [type(h) for h in _ours()] == [RotatingFileHandler]
    assert "no console here" in path.read_text(encoding="utf-8")


def test_setting_up_twice_does_not_double_the_handlers(tmp_path: Path) -> None:
    setup_logging(tmp_path / "a")
    setup_logging(tmp_path / "b")
    files = [h for h in _ours() if isinstance(h, RotatingFileHandler)]
    assert [Path(h.baseFilename).parent.parent for h in files] == [tmp_path / "b"]
