"""A short list of checkable choices (e.g. a series' group leaders), stored as codes."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

CODE_ROLE = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    """Checkable items; Space toggles the current one, so it works by keyboard alone."""

    checked_changed = Signal()

    def __init__(self, parent: QWidget | None = None, visible_rows: int = 4) -> None:
        super().__init__(parent)
        self.setMaximumHeight(self.sizeHintForRow(0) * visible_rows + 8
                              if self.count() else 24 * visible_rows)
        self.itemChanged.connect(lambda _item: self.checked_changed.emit())

    def set_items(self, items: Iterable[tuple[str, str]]) -> None:
        """(code, label) pairs; codes already checked stay checked."""
        checked = set(self.checked_codes())
        self.clear()
        for code, label in items:
            item = QListWidgetItem(label, self)
            item.setData(CODE_ROLE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in checked
                               else Qt.CheckState.Unchecked)

    def checked_codes(self) -> tuple[str, ...]:
        return tuple(str(self.item(row).data(CODE_ROLE)) for row in range(self.count())
                     if self.item(row).checkState() == Qt.CheckState.Checked)

    def set_checked(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for row in range(self.count()):
            item = self.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in wanted
                               else Qt.CheckState.Unchecked)
