"""A combo box that holds codes and shows labels in the current language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

Label = Callable[[], str]


class CodeCombo(QComboBox):
    """Items are (code, label function); `relabel()` re-reads the labels after a switch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[Label] = []
        # As wide as the longest label, in whatever language is shown.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def set_items(self, items: Iterable[tuple[Any, Label]]) -> None:
        """Replace the items, keeping the current code when it is still offered."""
        had_items = self.count() > 0
        current = self.current_code()
        self.blockSignals(True)
        self.clear()
        self._labels = []
        for code, label in items:
            self._labels.append(label)
            self.addItem(label(), code)
        self.blockSignals(False)
        if had_items:
            self.set_code(current)

    def relabel(self) -> None:
        for row, label in enumerate(self._labels):
            self.setItemText(row, label())

    def current_code(self) -> Any:
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_code(self, code: Any) -> bool:
        """Select `code`; False (and the first item) when it is not offered."""
        for row in range(self.count()):
            if self.itemData(row) == code:
                self.setCurrentIndex(row)
                return True
        if self.count():
            self.setCurrentIndex(0)
        return False

    def codes(self) -> list[Any]:
        return [self.itemData(row) for row in range(self.count())]
