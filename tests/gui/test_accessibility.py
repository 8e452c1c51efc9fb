"""Screen readers: every interactive widget of every area and dialog has an accessible name.

The name is what a screen reader announces when the widget gets focus. Qt finds it in the
widget's accessibleName, its own text (buttons, check boxes) or a label whose buddy it is;
a drop-down without any of these is read by its current value ("Mamma") instead of what
it asks for, and a field wrapped in a container loses its label. The test asks Qt's own
accessibility interface, as AT-SPI does, in Swedish and after switching live to Arabic.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from unittest import mock

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from forebygg_desktop.core.store import Store
from forebygg_desktop.devtools.dialogs import constructible_dialogs
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.pages import built_areas

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QTextEdit,
               QPlainTextEdit, QAbstractItemView, QSlider)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return "" if interface is None else interface.text(QAccessible.Text.Name).strip()


def _describe(widget: QWidget) -> str:
    parents = []
    node: QWidget | None = widget
    while node is not None and len(parents) < 4:
        parents.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return " < ".join(parents)


def unnamed(root: QWidget) -> list[str]:
    """Visible interactive widgets under `root` that a screen reader cannot name."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(),
                                                        QComboBox | QAbstractSpinBox):
            continue  # the editor inside a combo box or spin box: the box is named
        if (widget.parentWidget() is not None and type(widget).__name__ in (
                "QScrollBar", "QTabBarScroller")) or widget.objectName().startswith("qt_"):
            continue  # Qt's own inner parts
        if widget.focusPolicy() == widget.focusPolicy().NoFocus and \
                not isinstance(widget, QAbstractButton):
            continue
        name = accessible_name(widget)
        if not name:
            found.append(f"{_describe(widget)}: no name")
        elif isinstance(widget, QComboBox) and widget.isEditable() is False and \
                name == widget.currentText() and widget.accessibleName() == "":
            found.append(f"{_describe(widget)}: read by its value {name!r}, not its label")
    return found


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from forebygg_desktop.core.demo import generate_demo
    from forebygg_desktop.core.startup import open_store

    folder = tmp_path_factory.mktemp("a11y")
    store = open_store(folder / "forebygg.sqlite3", folder / "backups")
    generate_demo(store, years=1)
    yield store
    store.close()


@pytest.fixture
def window(qapp: QApplication, demo_store: Store) -> Iterator[tuple[MainWindow, AppContext]]:
    load_fonts(qapp)
    language = LanguageController(qapp)
    language.apply("sv")
    ctx = AppContext(store=demo_store, ops=Operations(demo_store), language=language)
    specs = built_areas()
    with mock.patch("forebygg_desktop.gui.main_window.built_areas", return_value=specs):
        main = MainWindow(ctx)
    main.show()
    yield main, ctx
    ctx.language.apply("sv")
    ctx.ops.wait()


def _settle(ops: Operations | None = None) -> None:
    """Let the loop run, and the area's reads (off the screen's thread) arrive."""
    for _round in range(3):
        QApplication.processEvents()
    for _round in range(2000):  # at most about 10 s
        if ops is None or ops.idle():
            break
        QApplication.processEvents()
        time.sleep(0.005)
    for _round in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("language", ["sv", "ar"])
@pytest.mark.parametrize("key", [spec.key for spec in built_areas()])
def test_every_interactive_widget_of_an_area_has_a_name(
        window: tuple[MainWindow, AppContext], key: str, language: str) -> None:
    main, ctx = window
    ctx.language.apply(language)
    main.show_page(key)
    _settle(ctx.ops)
    missing = unnamed(main)
    # Every tab of the area too (the evaluation area's kiosk, paper, results … tabs).
    for tabs in main.findChildren(QTabWidget):
        if tabs.isVisibleTo(main):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                _settle()
                missing += [m for m in unnamed(main) if m not in missing]
    assert not missing, f"area {key} ({language}):\n" + "\n".join(missing)


@pytest.mark.parametrize("dialog_class", [pytest.param(c, id=c.__qualname__)
                                          for c in constructible_dialogs()])
def test_every_interactive_widget_of_a_dialog_has_a_name(
        window: tuple[MainWindow, AppContext], dialog_class: type[QDialog]) -> None:
    _main, ctx = window
    dialog = dialog_class(ctx)
    try:
        dialog.show()
        ctx.language.apply("ar")
        _settle()
        missing = unnamed(dialog)
        assert not missing, f"{dialog_class.__qualname__}:\n" + "\n".join(missing)
    finally:
        dialog.close()
        dialog.deleteLater()


def test_the_check_finds_a_combo_box_read_by_its_value(qtbot) -> None:
    from PySide6.QtWidgets import QFormLayout, QLabel

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    combo = QComboBox()
    combo.addItems(["Mamma", "Pappa"])
    form.addRow(combo)  # no label at all
    root.show()
    assert unnamed(root) and "Mamma" in unnamed(root)[0]
    label = QLabel("&Vem kom")
    label.setBuddy(combo)
    form.addRow(label)
    _settle()
    assert not unnamed(root)
