"""The keyboard focus shows as a clear ring, set once for the application, in both
directions: around a focused field, button, drop-down, spin box, check box, slider and table
the window carries the ring's colour; around an unfocused one it does not. The ring follows
the focus into a dialog and back after the dialog is gone, and leaves painting to the
platform style (no Python runs while Qt paints a widget)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QProxyStyle,
    QPushButton,
    QSlider,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.gui.focus_ring import RING_COLOUR, apply_focus_ring, remove_focus_ring


@pytest.fixture
def ring(qapp: QApplication) -> Iterator[None]:
    apply_focus_ring(qapp)
    yield
    remove_focus_ring(qapp)


def _ring_pixels(image: QImage, area: QRect) -> int:
    target = RING_COLOUR
    count = 0
    for y in range(max(area.top(), 0), min(area.bottom() + 1, image.height())):
        for x in range(max(area.left(), 0), min(area.right() + 1, image.width())):
            colour = QColor(image.pixel(x, y))
            if (abs(colour.red() - target.red()) < 40 and abs(colour.green() - target.green()) < 40
                    and abs(colour.blue() - target.blue()) < 40):
                count += 1
    return count


def _around(widget: QWidget) -> QRect:
    return widget.geometry().adjusted(-4, -4, 4, 4)


def _focus(qtbot, widget: QWidget) -> None:
    with qtbot.waitSignal(QApplication.instance().focusChanged, timeout=2000):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def _window(qtbot, direction: Qt.LayoutDirection, widgets: list[QWidget]) -> QWidget:
    window = QWidget()
    window.setLayoutDirection(direction)
    layout = QVBoxLayout(window)
    layout.setSpacing(12)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.resize(420, 520)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight,
                                       Qt.LayoutDirection.RightToLeft])
def test_every_focusable_kind_shows_the_ring(ring: None, qtbot, direction) -> None:
    apply_focus_ring(QApplication.instance())  # a second call changes nothing
    combo = QComboBox()
    combo.addItems(["Rimbo", "Norrtälje"])
    table = QTableWidget(3, 2)
    table.setMinimumHeight(110)
    widgets = [QLineEdit("Biblioteket"), QPushButton("Spara"), combo, QSpinBox(),
               QCheckBox("Tolk"), QSlider(Qt.Orientation.Horizontal), table]
    window = _window(qtbot, direction, widgets)
    for widget in widgets:
        _focus(qtbot, widget)
        qtbot.waitUntil(lambda w=widget: _ring_pixels(window.grab().toImage(), _around(w))
                        > w.width() + w.height(), timeout=2000)
        image = window.grab().toImage()
        focused = _ring_pixels(image, _around(widget))
        for other in widgets:
            if other is not widget and other is not table:  # a table's cells may be blue
                assert _ring_pixels(image, other.geometry()) < focused // 4, \
                    (type(widget).__name__, type(other).__name__)


def test_the_ring_shows_on_every_side_of_a_widget_that_fills_its_parent_and_follows_its_size(
        ring: None, qtbot) -> None:
    box = QWidget()  # a field filling a container without margins: nothing outside it shows
    inner = QVBoxLayout(box)
    inner.setContentsMargins(0, 0, 0, 0)
    field = QLineEdit("Grisslehamn")
    inner.addWidget(field)
    window = _window(qtbot, Qt.LayoutDirection.LeftToRight, [box])
    _focus(qtbot, field)

    def sides() -> list[int]:
        image = window.grab().toImage()
        area = QRect(field.mapTo(window, field.rect().topLeft()), field.size())
        return [_ring_pixels(image, band) for band in (
            QRect(area.left(), area.top(), area.width(), 3),
            QRect(area.left(), area.bottom() - 2, area.width(), 3),
            QRect(area.left(), area.top() + 4, 3, area.height() - 8),
            QRect(area.right() - 2, area.top() + 4, 3, area.height() - 8))]
    qtbot.waitUntil(lambda: min(sides()) > 4)
    width, top = field.width(), sides()[0]
    box.setFixedWidth(width - 120)  # the field shrinks: the ring with it
    qtbot.waitUntil(lambda: field.width() == width - 120 and min(sides()) > 4
                    and sides()[0] < top - 100)


def test_a_widget_the_keyboard_cannot_reach_gets_no_ring(ring: None, qtbot) -> None:
    clicked = QPushButton("Bara med musen")
    clicked.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    field = QLineEdit()
    window = _window(qtbot, Qt.LayoutDirection.LeftToRight, [field, clicked])
    _focus(qtbot, field)
    qtbot.waitUntil(lambda: _ring_pixels(window.grab().toImage(), _around(field)) > 0)
    _focus(qtbot, clicked)
    assert _ring_pixels(window.grab().toImage(), window.rect()) == 0


def test_the_ring_follows_into_a_dialog_and_back_after_it_is_deleted(ring: None,
                                                                      qtbot) -> None:
    field = QLineEdit("Rimbo")
    window = _window(qtbot, Qt.LayoutDirection.RightToLeft, [field, QPushButton("Spara")])
    dialog = QDialog(window)
    inner = QLineEdit("Hallstavik", dialog)
    QVBoxLayout(dialog).addWidget(inner)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    _focus(qtbot, inner)
    qtbot.waitUntil(lambda: _ring_pixels(dialog.grab().toImage(), _around(inner))
                    > inner.width())
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        dialog.deleteLater()  # the ring, inside the dialog, goes with it
    window.activateWindow()
    _focus(qtbot, field)
    qtbot.waitUntil(lambda: _ring_pixels(window.grab().toImage(), _around(field))
                    > field.width())


def test_painting_stays_with_the_platform_style(ring: None) -> None:
    style = QApplication.style()
    assert not isinstance(style, QProxyStyle)  # no Python call for each painted primitive
    assert type(style).__module__.startswith("PySide6")
