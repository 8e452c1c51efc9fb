"""Keyboard shortcuts bound to a widget, typed for mypy (PySide6's stubs lack `activated=`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def shortcut(key: QKeySequence | QKeySequence.StandardKey | str, parent: QWidget,
             action: Callable[[], Any] | SignalInstance) -> QShortcut:
    """A shortcut active while `parent`'s window is, calling `action` (or emitting a signal)."""
    bound = QShortcut(QKeySequence(key), parent)
    bound.activated.connect(action)
    return bound
