"""Logging to a rotating file in the data folder (a windowed Windows build has no console).

Only program events are logged: never counts, answers or anything a user typed. The log is
0600 in a 0700 folder (POSIX). An unexpected error is logged with `safe_traceback`: the
stack (files, lines, functions) and the exception types, but an exception's own text only
when it comes from SQLite or the operating system (SQLAlchemy engines hide bound values):
any other exception text might quote what was being saved.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import traceback
from pathlib import Path
from typing import Any

from forebygg_desktop.core.files import make_private, private_folder

LOG_NAME = "forebygg.log"
LOG_FOLDER = "logs"


def log_dir(data_dir: Path) -> Path:
    """The folder of the program's log: `<data_dir>/logs`."""
    return data_dir / LOG_FOLDER


MAX_BYTES = 1_000_000
BACKUPS = 5


class LogFile(logging.Handler):
    """The log file, `MAX_BYTES` a file and `BACKUPS` older ones, for this user only.

    The file is opened at once (a folder that cannot be written stops the start with a
    message). The rotation is `logging.handlers.RotatingFileHandler`, made at the first
    record: importing that module (with `socket`) costs about 8 ms, and most starts write
    no record at all.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = os.path.abspath(path)
        self.maxBytes, self.backupCount = MAX_BYTES, BACKUPS
        self._stream = open(path, "a", encoding="utf-8")  # noqa: SIM115  # closed in close()
        make_private(path)
        self._rotating: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._rotating is None:
            self._rotating = _rotating(self.baseFilename, self._stream, self.maxBytes,
                                      self.backupCount)
            self._rotating.setFormatter(self.formatter)
        self._rotating.emit(record)

    def setFormatter(self, fmt: logging.Formatter | None) -> None:
        super().setFormatter(fmt)
        if self._rotating is not None:
            self._rotating.setFormatter(fmt)

    def flush(self) -> None:
        self.acquire()
        try:
            if self._rotating is not None:
                self._rotating.flush()
            elif not self._stream.closed:
                self._stream.flush()
        finally:
            self.release()

    def close(self) -> None:
        self.acquire()
        try:
            if self._rotating is not None:
                self._rotating.close()
            self._stream.close()
        finally:
            self.release()
        super().close()


def _rotating(path: str, stream: Any, max_bytes: int, backups: int) -> logging.Handler:
    """The rotating handler over the already open `stream`, its next files private too."""
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingFileHandler(RotatingFileHandler):
        def _open(self):  # type: ignore[no-untyped-def]
            opened = super()._open()
            make_private(Path(self.baseFilename))
            return opened

    handler = PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups,
                                         encoding="utf-8", delay=True)
    handler.setStream(stream)
    return handler


def log_path(data_dir: Path) -> Path:
    return log_dir(data_dir) / LOG_NAME


def setup_logging(data_dir: Path, level: int = logging.INFO, console: bool = True) -> Path:
    """Send the program's log to `<data_dir>/logs/forebygg.log` (5 × 1 MB) and stderr."""
    path = log_path(data_dir)
    private_folder(path.parent)
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_forebygg", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = LogFile(path)
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler._forebygg = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if console and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        stream._forebygg = True  # type: ignore[attr-defined]
        root.addHandler(stream)
    return path


def describe(error: BaseException) -> str:
    """An exception's type and, only when it cannot quote saved values, its text."""
    kind = f"{type(error).__module__}.{type(error).__qualname__}"
    orig = getattr(error, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return f"{kind}: {orig}"  # SQLite's own text: no values
    if isinstance(error, sqlite3.Error):
        return f"{kind}: {error}"
    if isinstance(error, OSError):
        name = os.strerror(error.errno) if error.errno else ""
        return f"{kind}: {name}".rstrip(": ")
    return kind


def safe_traceback(error: BaseException) -> str:
    """The stack of `error` and its causes, without texts that could hold personal data."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        stack = "".join(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n'
                        for f in frames)
        parts.append(f"{stack}{describe(current)}\n")
        current = current.__cause__ or current.__context__
    return "\nwhich was caused by:\n".join(parts)
