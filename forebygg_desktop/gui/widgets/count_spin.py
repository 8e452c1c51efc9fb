"""A spin box for an optional head count: empty ("–") and 0 stay different.

The value one below the real minimum stands for "not entered"; it shows as "–". Clearing
the text also means "not entered", so a wrong entry can be taken back without typing -1.
"""

from __future__ import annotations

from PySide6.QtGui import QFocusEvent, QValidator
from PySide6.QtWidgets import QSpinBox, QWidget

EMPTY_TEXT = "–"


class CountSpin(QSpinBox):
    """`count()` is None when nothing was entered, else the number (0 included)."""

    def __init__(self, parent: QWidget | None = None, maximum: int = 10_000,
                 minimum: int = 0) -> None:
        super().__init__(parent)
        self.setRange(minimum - 1, maximum)
        self.setSpecialValueText(EMPTY_TEXT)
        self.setValue(self.minimum())
        self.setMinimumWidth(90)
        self.setMaximumWidth(140)

    def count(self) -> int | None:
        value = self.value()
        return None if value == self.minimum() else value

    def set_count(self, value: int | None) -> None:
        self.setValue(self.minimum() if value is None else value)

    # Typing over the "–" must give a number, and an emptied box means "not entered".
    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        clean = text.replace(EMPTY_TEXT, "").strip()
        if not clean:
            return QValidator.State.Acceptable, text, pos
        if clean != text:
            return QValidator.State.Intermediate, text, pos
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:
        return text.replace(EMPTY_TEXT, "").strip()

    def valueFromText(self, text: str) -> int:
        clean = text.replace(EMPTY_TEXT, "").strip()
        if not clean:
            return self.minimum()
        return super().valueFromText(clean)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Select all, however focus came, so the first digit typed replaces the "–".
        super().focusInEvent(event)
        self.selectAll()
