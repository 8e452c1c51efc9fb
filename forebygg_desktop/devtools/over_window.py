"""A dialog drawn over its window, as a 1366×768 screen shows it (for the screenshot scripts)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget


def save_over(window: QWidget, dialog: QWidget, path: Path) -> Path:
    """Save the window with `dialog` centred over it as a PNG at `path`."""
    screen = window.grab()
    picture = dialog.grab()
    painter = QPainter(screen)
    painter.drawPixmap((screen.width() - picture.width()) // 2,
                       (screen.height() - picture.height()) // 2, picture)
    painter.end()
    screen.save(str(path))
    return path
