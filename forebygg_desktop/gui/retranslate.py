"""Widgets that re-read their texts when the language changes (no restart needed)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget


class Retranslatable(QWidget):
    """A widget whose `retranslate_ui()` runs at construction and on every language change.

    Subclasses build their widgets, then call `self.retranslate_ui()` themselves at the end
    of `__init__`; every visible text is set there, never in the constructor.
    """

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
