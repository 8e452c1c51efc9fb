"""Logging to a rotating file in the data folder (a windowed Windows build has no console).

Only program events are logged: never counts, answers or anything a user typed.
"""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "forebygg.log"
LOG_FOLDER = "logs"


def log_dir(data_dir: Path) -> Path:
    """The folder of the program's log: `<data_dir>/logs`."""
    return data_dir / LOG_FOLDER


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the program's log to `<data_dir>/logs/forebygg.log` (5 × 1 MB) and stderr."""
    folder = log_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_forebygg", False):
            root.removeHandler(handler)
    file_handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._forebygg = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream._forebygg = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return path
