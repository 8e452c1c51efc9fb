"""GUI fixtures: an AppContext on the shared `store` / `demo_store` fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import SeriesData
from forebygg_desktop.gui.collector import collect_on_screen_thread
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations


@pytest.fixture(scope="session", autouse=True)
def _cycles_collected_on_the_screen_thread(qapp: QApplication) -> None:
    """As in the program: a window a test left behind is deleted on the screen's thread,
    never by a collection that happens to run on a worker."""
    collect_on_screen_thread()


# The windows a test left open, held from the moment it returns until they are deleted
# below: pytest-qt passes events first, and a collection then could delete a window that
# only a reference cycle kept (Python deleting a shown window crashed in Qt's teardown).
_left_open: list[QWidget] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    yield
    _left_open.extend(QApplication.topLevelWidgets())


@pytest.fixture(autouse=True)
def _no_windows_outlive_their_test(qapp: QApplication) -> Iterator[None]:
    """Delete every top-level widget a test made and left behind.

    A leaked window would still receive later tests' language switches and refresh itself
    from a store that test already closed (seen as a rare crash in a full run).
    """
    before = set(QApplication.topLevelWidgets())  # windows of wider-scoped fixtures stay
    yield
    for widget in set(QApplication.topLevelWidgets()) - before:
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _left_open.clear()
    QApplication.processEvents()


def _context(store: Store, app: QApplication) -> Iterator[AppContext]:
    language = LanguageController(app)
    language.apply("sv")
    ctx = AppContext(store, Operations(store), language)
    yield ctx
    ctx.ops.wait()
    # Let queued results reach their (still living) widgets before the store closes.
    QApplication.processEvents()
    # Delete now, not later: its Qt translators must leave the application before the
    # next test, or they would keep translating Qt's own buttons into Swedish.
    shiboken6.delete(language)


@pytest.fixture
def ctx(store: Store, qapp: QApplication) -> Iterator[AppContext]:
    yield from _context(store, qapp)


@pytest.fixture
def demo_ctx(demo_store: Store, qapp: QApplication) -> Iterator[AppContext]:
    yield from _context(demo_store, qapp)


@pytest.fixture
def window(ctx: AppContext, qtbot) -> MainWindow:
    """The main window on the `ctx` store, shown (files may define their own `window`)."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def series_id(store: Store) -> str:
    """A planned ABC series that started three weeks ago, 10 registered."""
    return store.groups.create_series(SeriesData(
        program_code="ABC-3-12", locality_code="HALLSTAVIK", language_code="sv",
        venue="Biblioteket", planned_meetings=4,
        planned_start=date.today() - timedelta(days=21),
        registered_women=7, registered_men=3)).id


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


@pytest.fixture(autouse=True)
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forms' yes/no questions are answered Yes (a blocking message box would hang a test);
    the questions asked are listed. A test wanting No replaces `form.confirm`."""
    from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

    asked: list[str] = []

    def yes(_form: RecordDialog, question: str) -> bool:
        asked.append(question)
        return True

    monkeypatch.setattr(RecordDialog, "confirm", yes)
    return asked
