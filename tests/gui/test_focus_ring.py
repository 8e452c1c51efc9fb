"""The keyboard focus shows as a clear ring, set once for the application, in both
directions: a focused field, button, drop-down and list carry the ring's colour; an
unfocused one does not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.gui.focus_ring import RING_COLOUR, FocusRingStyle, apply_focus_ring


@pytest.fixture
def ring(qapp: QApplication) -> Iterator[None]:
    before = qapp.style().name()
    apply_focus_ring(qapp)
    yield
    qapp.setStyle(before)


def _ring_pixels(image: QImage) -> int:
    target = RING_COLOUR
    count = 0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            colour = QColor(image.pixel(x, y))
            if (abs(colour.red() - target.red()) < 40 and abs(colour.green() - target.green()) < 40
                    and abs(colour.blue() - target.blue()) < 40):
                count += 1
    return count


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight,
                                       Qt.LayoutDirection.RightToLeft])
def test_every_focusable_kind_shows_the_ring(ring: None, qtbot, direction) -> None:
    assert isinstance(QApplication.style(), FocusRingStyle)
    apply_focus_ring(QApplication.instance())  # a second call changes nothing
    assert isinstance(QApplication.style(), FocusRingStyle)
    window = QWidget()
    window.setLayoutDirection(direction)
    layout = QVBoxLayout(window)
    combo = QComboBox()
    combo.addItems(["Rimbo", "Norrtälje"])
    table = QTableWidget(3, 2)
    widgets = [QLineEdit("Biblioteket"), QPushButton("Spara"), combo, table]
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(400, 300)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    for widget in widgets:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        focused = _ring_pixels(widget.grab().toImage())
        others = [w for w in widgets if w is not widget and not isinstance(w, QTableWidget)]
        assert focused > 2 * (widget.width() + widget.height()) // 2, type(widget).__name__
        assert all(_ring_pixels(w.grab().toImage()) < focused // 4 for w in others), \
            type(widget).__name__
