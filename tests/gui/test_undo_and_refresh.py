"""Undo in the window, and every visible view following every source of change.

One change signal (`ctx.ops.changed`) and one rule (`Change.affects`): a registration in
another area, an undo, an import, a configuration package and a language switch each
leave the start page's figures and the open lists current, without a restart.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.i18n import format_number
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.records import MeetingData, OpenMeetingData
from forebygg_desktop.gui.areas.groups.page import GroupsPage
from forebygg_desktop.gui.areas.home.page import HomePage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow
from tests.core.conftest import connect

CAFE = OpenMeetingData(program_code="CAFE", held_on=date.today(), locality_code="RIMBO",
                       language_code="sv", women=4, men=2)


@pytest.fixture
def window(ctx: AppContext, qtbot) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def home(window: MainWindow) -> HomePage:
    window.show_page("home")
    page = window.pages["home"]
    assert isinstance(page, HomePage)
    return page


def shown(page: HomePage, key: str) -> str:
    return page.cards[key].value.text()


def test_undo_and_redo_buttons_take_back_a_save(window: MainWindow, ctx: AppContext,
                                                store: Store, qtbot) -> None:
    bar = window.undo_bar
    assert bar is not None and bar.undo_button.isVisible()
    assert not bar.undo_button.isEnabled() and not bar.redo_button.isEnabled()
    page = home(window)
    with qtbot.waitSignal(ctx.ops.changed):
        ctx.ops.run(lambda s: s.open_meetings.create(CAFE))
    assert shown(page, "meetings_all") == format_number(1)
    assert bar.undo_button.isEnabled()
    i18n.set_language("en")
    bar.retranslate_ui()
    assert "open meeting: saved" in bar.undo_button.toolTip()
    with qtbot.waitSignal(ctx.ops.changed) as blocker:
        bar.undo_button.click()
    assert blocker.args[0].action == "undone"
    assert store.open_meetings.list() == []
    assert shown(page, "meetings_all") == format_number(0)
    assert bar.redo_button.isEnabled() and not bar.undo_button.isEnabled()
    with qtbot.waitSignal(ctx.ops.changed):
        bar.redo_button.click()
    assert len(store.open_meetings.list()) == 1
    assert shown(page, "meetings_all") == format_number(1)


def test_ctrl_z_and_ctrl_shift_z_undo_and_redo(window: MainWindow, ctx: AppContext,
                                               store: Store, series_id: str, qtbot) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("groups")
    page = window.pages["groups"]
    assert isinstance(page, GroupsPage)
    loaded = page.series_view.model.loaded
    with qtbot.waitSignal(loaded):
        page.show_series(series_id)
    with qtbot.waitSignals([ctx.ops.changed, loaded]):
        ctx.ops.run(lambda s: s.groups.register_meeting(
            series_id, MeetingData(number=1, held_on=date.today(), women=5)))
    assert page.series_view.model.rowCount() == 1
    with qtbot.waitSignals([ctx.ops.changed, loaded]):
        QTest.keyClick(page.series_view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.series_view.model.rowCount() == 0
    assert store.groups.meetings(series_id) == []
    with qtbot.waitSignals([ctx.ops.changed, loaded]):
        QTest.keyClick(page.series_view.table, Qt.Key.Key_Z,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.series_view.model.rowCount() == 1
    with qtbot.waitSignal(ctx.ops.changed):
        QTest.keyClick(page.series_view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(ctx.ops.changed):
        QTest.keyClick(page.series_view.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(store.groups.meetings(series_id)) == 1


def test_undo_of_a_row_changed_since_says_so(window: MainWindow, ctx: AppContext,
                                             store: Store, qtbot) -> None:
    from sqlalchemy import text

    change = store.open_meetings.create(CAFE)
    with store.engine.begin() as connection:  # a newer version arrived meanwhile
        connection.execute(text("UPDATE open_meeting SET version = version + 1 WHERE id = :i"),
                           {"i": change.id})
    bar = window.undo_bar
    assert bar is not None
    bar.update_state()
    with qtbot.waitSignal(ctx.ops.failed) as blocker:
        bar.undo_button.click()
    assert "changed since" in blocker.args[0].msgid
    assert window.statusBar().currentMessage() == blocker.args[0].message()
    assert not bar.undo_button.isEnabled()


# --- every source of change -------------------------------------------------------------

def test_a_change_in_another_area_refreshes_the_visible_start_page(
        window: MainWindow, ctx: AppContext, qtbot) -> None:
    page = home(window)
    assert shown(page, "visits_all") == "–"
    with qtbot.waitSignal(ctx.ops.changed):
        ctx.ops.run(lambda s: s.open_meetings.create(CAFE))
    assert shown(page, "visits_all") == format_number(6)


def test_a_hidden_list_is_current_when_shown_again(window: MainWindow, ctx: AppContext,
                                                  store: Store, qtbot) -> None:
    window.show_page("open_meetings")
    listing = window.pages["open_meetings"]
    home(window)
    with qtbot.waitSignal(ctx.ops.changed):
        ctx.ops.run(lambda s: s.open_meetings.create(CAFE))
    with qtbot.waitSignal(listing.model.loaded):  # type: ignore[attr-defined]
        window.show_page("open_meetings")
    assert listing.model.rowCount() == 1  # type: ignore[attr-defined]


def test_the_central_start_page_follows_an_import(window: MainWindow, ctx: AppContext,
                                                  store: Store, tmp_path: Path,
                                                  qtbot) -> None:
    store.settings.set(settings.ROLE, "central")
    page = home(window)
    assert shown(page, "meetings_all") == format_number(0)
    assert page.attention_list.count() == 1  # "Nothing needs attention."
    laptop = open_store(tmp_path / "laptop" / "forebygg.sqlite3")
    try:
        laptop.settings.set(settings.DEPARTMENT, store.settings.get(settings.DEPARTMENT))
        connect(laptop, store)  # packages are signed and sealed to the department's key
        laptop.open_meetings.create(CAFE)
        (tmp_path / "out").mkdir()
        exported = laptop.exchange.export(tmp_path / "out")
    finally:
        laptop.close()
    store.exchange.import_files([exported.path])
    # What the exchange page announces after an import.
    with qtbot.waitSignal(ctx.ops.changed):
        ctx.ops.changed.emit(Change("imported_file", "created"))
    assert shown(page, "meetings_all") == format_number(1)
    assert shown(page, "visits_all") == format_number(6)


def test_a_configuration_package_refreshes_every_view(window: MainWindow, ctx: AppContext,
                                                      store: Store, series_id: str,
                                                      qtbot) -> None:
    window.show_page("groups")
    groups = window.pages["groups"]
    assert isinstance(groups, GroupsPage)
    page = home(window)
    store.open_meetings.create(CAFE)  # written by another door: no signal yet
    with qtbot.waitSignal(ctx.ops.changed):
        ctx.ops.changed.emit(Change("catalog", "updated"))
    assert shown(page, "meetings_all") == format_number(1)
    assert groups._dirty or groups.list_view.model.rowCount() == 1


def test_a_language_switch_reformats_every_visible_figure(window: MainWindow,
                                                          ctx: AppContext, qtbot) -> None:
    page = home(window)
    caption = page.cards["visits_all"].caption.text()
    with qtbot.waitSignal(ctx.ops.changed) as blocker:
        ctx.language.apply("ar")
    assert blocker.args[0].kind == "language"
    assert page.cards["visits_all"].caption.text() != caption
    assert page.cards["visits_all"].caption.text() == i18n._(
        "Participant visits, groups and open meetings")
    with qtbot.waitSignal(ctx.ops.changed):
        ctx.language.apply("sv")
