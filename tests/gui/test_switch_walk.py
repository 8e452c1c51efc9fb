"""A switch leaves nothing behind: after sv → ar → so → en → sv every visible text, the
direction and every standard button of every area and dialog equal a fresh start in that
language.

A text set only in a constructor, a standard button that Qt re-labels, a pane that keeps
the language it was built in, or a status message from before the switch all show up as a
difference between the walked window and a window started in the language.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from unittest import mock

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTreeView,
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

WALK = ("sv", "ar", "so", "en", "sv")
AREAS = [spec.key for spec in built_areas()]


def visible_texts(root: QWidget) -> Counter[str]:
    """Every text a person sees in `root`, with the widget kind, as a multiset."""
    texts: Counter[str] = Counter()
    texts[f"window: {root.windowTitle()}"] += 1
    texts[f"direction: {root.layoutDirection().name}"] += 1
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        kind = type(widget).__name__
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            texts[f"{kind}: {widget.text()}"] += 1
        elif isinstance(widget, QComboBox):
            texts[f"{kind}: {[widget.itemText(i) for i in range(widget.count())]}"] += 1
        elif isinstance(widget, QLineEdit) and widget.placeholderText():
            texts[f"{kind} placeholder: {widget.placeholderText()}"] += 1
        elif isinstance(widget, QGroupBox):
            texts[f"{kind}: {widget.title()}"] += 1
        elif isinstance(widget, QTabWidget):
            texts[f"{kind}: {[widget.tabText(i) for i in range(widget.count())]}"] += 1
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            headers = [model.headerData(c, Qt.Orientation.Horizontal)
                       for c in range(model.columnCount(QModelIndex()))]
            texts[f"{kind} headers: {headers}"] += 1
        if widget.accessibleName():
            texts[f"{kind} name: {widget.accessibleName()}"] += 1
    return texts


def difference(walked: Counter[str], fresh: Counter[str]) -> str:
    only_walked = sorted((walked - fresh).elements())
    only_fresh = sorted((fresh - walked).elements())
    return ("left behind by the switch:\n  " + "\n  ".join(only_walked)
            + "\nexpected (fresh start):\n  " + "\n  ".join(only_fresh))


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from forebygg_desktop.core.demo import generate_demo
    from forebygg_desktop.core.startup import open_store

    folder = tmp_path_factory.mktemp("walk")
    store = open_store(folder / "forebygg.sqlite3", folder / "backups")
    generate_demo(store, years=1)
    yield store
    store.close()


def _settle() -> None:
    for _round in range(4):
        QApplication.processEvents()


def _window(ctx: AppContext) -> MainWindow:
    with mock.patch("forebygg_desktop.gui.main_window.built_areas",
                    return_value=built_areas()):
        window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    return window


def _area_texts(window: MainWindow, key: str) -> Counter[str]:
    window.show_page(key)
    _settle()
    # Lists and figures are read off the screen's thread: compare once they are in.
    ops = window.ctx.ops if window.ctx is not None else None
    deadline = time.monotonic() + 60
    while ops is not None and not ops.idle() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    _settle()
    return visible_texts(window)


@pytest.fixture
def ctx(qapp: QApplication, demo_store: Store) -> Iterator[AppContext]:
    load_fonts(qapp)
    language = LanguageController(qapp)
    language.apply("sv")
    context = AppContext(store=demo_store, ops=Operations(demo_store), language=language)
    yield context
    language.apply("sv")
    context.ops.wait()


def test_a_walk_through_every_language_leaves_nothing_behind_in_any_area(
        ctx: AppContext) -> None:
    walked = _window(ctx)
    try:
        for key in AREAS:  # every area built before the walk, as a user would have
            walked.show_page(key)
        _settle()
        problems = []
        for step, language in enumerate(WALK):
            ctx.language.apply(language)
            _settle()
            walked_texts = {key: _area_texts(walked, key) for key in AREAS}
            walked.hide()
            fresh = _window(ctx)  # started in this language
            try:
                for key in AREAS:
                    fresh_texts = _area_texts(fresh, key)
                    if walked_texts[key] != fresh_texts:
                        problems.append(f"step {step} ({language}), area {key}: "
                                        + difference(walked_texts[key], fresh_texts))
            finally:
                fresh.close()
                fresh.deleteLater()
            walked.show()
        assert not problems, "\n\n".join(problems)
    finally:
        walked.close()
        walked.deleteLater()


@pytest.mark.parametrize("dialog_class", [pytest.param(c, id=c.__qualname__)
                                          for c in constructible_dialogs()])
def test_a_walk_leaves_nothing_behind_in_a_dialog(ctx: AppContext,
                                                  dialog_class: type[QDialog]) -> None:
    for key in ctx.store.drafts.pending():
        ctx.store.drafts.discard(key)
    walked = dialog_class(ctx)
    walked.show()
    try:
        for language in WALK[1:]:
            ctx.language.apply(language)
            _settle()
        walked_texts = visible_texts(walked)
        for key in ctx.store.drafts.pending():  # a form's draft is not the switch's doing
            ctx.store.drafts.discard(key)
        fresh = dialog_class(ctx)
        fresh.show()
        _settle()
        try:
            assert walked_texts == visible_texts(fresh), difference(walked_texts,
                                                                   visible_texts(fresh))
        finally:
            fresh.close()
            fresh.deleteLater()
    finally:
        walked.close()
        walked.deleteLater()
