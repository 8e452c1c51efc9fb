"""A stack of pages as large as the page on top, not as the largest page ever shown.

`QStackedWidget` asks for the biggest minimum size of all its pages. Once the evaluation
area (660 pixels high in Arabic) had been opened, every other area asked for that height
too, and at 125 % the whole window scrolled — Help and About under the navigation slid out
of sight on pages that fit.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class PageStack(QStackedWidget):
    """Size hints follow the current page only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return super().sizeHint() if page is None else page.sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())
