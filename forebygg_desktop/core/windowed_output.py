"""Text for a program without a console: `--version` and `--help` of the windowed build.

The Windows window program is built without a console, so `sys.stdout` and `sys.stderr`
are None and argparse's `--version` or `--help` would print nothing at all. There the text
goes to a Windows message box instead (plain ctypes, before Qt is loaded); with a console
(Linux, macOS, a source run) it is printed as usual.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

MB_ICONINFORMATION = 0x40


def _message_box(text: str, title: str) -> None:  # pragma: no cover - Windows only
    import ctypes

    windll = getattr(ctypes, "windll", None)
    if windll is not None:
        windll.user32.MessageBoxW(None, text, title, MB_ICONINFORMATION)


def show_text(text: str, title: str, file: SupportsWrite[str] | None = None) -> None:
    """Write `text` to `file` (default stdout); without any stream, show it in a box."""
    stream = file if file is not None else sys.stdout
    if stream is not None:
        stream.write(text)
        flush = getattr(stream, "flush", None)
        if flush is not None:
            flush()
    else:
        _message_box(text.strip(), title)


class WindowedArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help, version and usage errors reach a windowed user too."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            show_text(message, self.prog, file)
