"""A stack of pages as large as the page on top, not as the largest page ever shown.

`QStackedWidget` asks for the biggest minimum size of all its pages. Once the evaluation
area (660 pixels high in Arabic) had been opened, every other area asked for that height
too, and at 125 % the whole window scrolled — Help and About under the navigation slid out
of sight on pages that fit.

It also asks for no more than the page's minimum and never for a height-for-width: the
window-wide scroll area (for screens smaller than an area) sizes its contents by their
*preferred* height when they have a height-for-width, and a page's preferred height is that
of every row of its tables and both its charts (742 pixels for Reports), so pages that fit
scrolled as a whole instead of their tables scrolling inside.
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
        return self.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return False

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())
