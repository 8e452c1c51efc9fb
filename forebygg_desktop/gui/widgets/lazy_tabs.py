"""Tabs built the first time they are shown: an area opens with one tab's widgets, not all.

Each tab starts as an empty stand-in; when the tab is chosen (or its widget asked for) the
real one is made and put in the stand-in's place, with the same text. What the user sees
does not change: a tab is built before it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    """`LazyTabs(tabs, [make_a, make_b, …])`; `widget(i)` builds tab `i` when still missing."""

    def __init__(self, tabs: QTabWidget, makers: list[Callable[[], QWidget]]) -> None:
        self.tabs = tabs
        self._makers = makers
        self._built: dict[int, QWidget] = {}
        for _maker in makers:
            tabs.addTab(QWidget(tabs), "")
        tabs.currentChanged.connect(self._shown)

    def built(self) -> list[QWidget]:
        """The tabs made so far."""
        return [self._built[index] for index in sorted(self._built)]

    def widget(self, index: int) -> QWidget:
        made = self._built.get(index)
        if made is not None:
            return made
        made = self._makers[index]()
        self._built[index] = made
        tabs = self.tabs
        stand_in = tabs.widget(index)
        current = tabs.currentIndex()
        blocked = tabs.blockSignals(True)
        try:
            tabs.insertTab(index, made, tabs.tabText(index))
            tabs.removeTab(index + 1)
            tabs.setCurrentIndex(current)
        finally:
            tabs.blockSignals(blocked)
        if stand_in is not None:
            stand_in.deleteLater()
        return made

    def _shown(self, index: int) -> None:
        if 0 <= index < len(self._makers):
            self.widget(index)
