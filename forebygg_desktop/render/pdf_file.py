"""A PDF written by Qt, saved whole or not at all.

`QPdfWriter` given a file name reports no write error: on a full disk it left a truncated
PDF and the program said "written". So the PDF is written into memory, and its bytes are
saved by `files.replace_durably` (temporary name, fsync, rename), which raises the disk's
error (ENOSPC) for the caller to say in words.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QPdfWriter

from forebygg_desktop.core.files import replace_durably


@contextmanager
def pdf_file(path: Path, title: str) -> Iterator[QPdfWriter]:
    """A `QPdfWriter` (titled, Forebygg Desktop as creator) whose PDF becomes the file
    `path` when the block ends without an error; nothing is written otherwise."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Forebygg Desktop")
    try:
        yield writer
    finally:
        shiboken6.delete(writer)  # ends the PDF (its trailer goes into the buffer)
        content = bytes(buffer.data().data())
        buffer.close()
    if not content.startswith(b"%PDF"):
        raise OSError(f"no PDF was made for {path.name}")
    replace_durably(path, content)
