"""Groups: create a series, register all its meetings, correct one, delete and undo."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core import settings
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.areas.groups.meeting_form import MeetingForm
from forebygg_desktop.gui.areas.groups.page import GroupsPage
from forebygg_desktop.gui.areas.groups.series_form import SeriesForm
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow
from tests.gui.conftest import focused


def _groups(window: MainWindow) -> GroupsPage:
    window.show_page("groups")
    page = window.pages["groups"]
    assert isinstance(page, GroupsPage)
    return page


def _save(qtbot, ctx: AppContext, form) -> None:
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def test_create_series_register_all_meetings_correct_delete_undo(
        window: MainWindow, ctx: AppContext, store: Store, qtbot) -> None:
    store.settings.set(settings.DEFAULT_LOCALITY, "RIMBO")
    page = _groups(window)
    form = page.new_series()
    assert isinstance(form, SeriesForm)
    # The program's defaults are filled in, and the worker's locality.
    form.fields["program_code"].set_code("FOS")
    assert form.fields["planned_meetings"].count() == 5
    assert form.fields["locality_code"].current_code() == "RIMBO"
    form.fields["program_code"].set_code("ABC-3-12")
    assert form.fields["planned_meetings"].count() == 4
    form.fields["planned_start"].setDate(date.today() - timedelta(days=30))
    form.fields["registered_women"].set_count(8)
    form.fields["registered_men"].set_count(0)
    form.fields["venue"].setText("Biblioteket")
    _save(qtbot, ctx, form)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.series_view)
    view = page.series_view
    assert view.series is not None and view.series.program_code == "ABC-3-12"
    series_id = view.series.id
    assert store.groups.get_series(series_id).registered_men == 0  # 0, not empty
    assert store.groups.get_series(series_id).registered_other is None

    for number in range(1, 5):
        form = view.open_meeting_form(None)
        assert isinstance(form, MeetingForm)
        values = form.values()
        assert values["number"] == number
        assert values["minutes"] == 150
        assert values["held_on"] == date.today()
        form.fields["held_on"].setDate(date.today() - timedelta(days=30 - 7 * number))
        form.fields["women"].set_count(7)
        form.fields["men"].set_count(0)
        _save(qtbot, ctx, form)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert store.groups.get_series(series_id).status == "running"
    assert view.summary.meetings_held == 4
    assert view.summary.participant_visits == 28

    # Correct meeting 2.
    view.table.selectRow(1)
    form = view.open_meeting_form(view.model.record(1))
    assert form.values()["number"] == 2
    form.fields["women"].set_count(5)
    _save(qtbot, ctx, form)
    qtbot.waitUntil(lambda: view.model.record(1).women == 5)

    # Delete meeting 3 (asked once), then Undo.
    asked: list[str] = []
    view.confirm = lambda _parent, question: asked.append(question) or True
    view.table.selectRow(2)
    with qtbot.waitSignal(ctx.ops.changed):
        view.delete_current_meeting()
    assert len(asked) == 1
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert view.notice.action_button.isVisible()
    with qtbot.waitSignal(ctx.ops.changed):
        qtbot.mouseClick(view.notice.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert [m.number for m in store.groups.meetings(series_id)] == [1, 2, 3, 4]

    # Delete the whole series, then Undo from the list.
    with qtbot.waitSignal(ctx.ops.changed):
        view.delete_series()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.list_view)
    assert page.list_view.model.row_of(lambda r: r.id == series_id) == -1
    with qtbot.waitSignal(ctx.ops.changed):
        page.list_view.notice.action_button.click()
    assert store.groups.get_series(series_id).id == series_id
    assert len(store.groups.meetings(series_id)) == 4


def test_a_declined_delete_changes_nothing(window: MainWindow, ctx: AppContext,
                                           store: Store, series_id: str, qtbot) -> None:
    page = _groups(window)
    page.show_series(series_id)
    view = page.series_view
    view.confirm = lambda _parent, _question: False
    view.delete_series()
    ctx.ops.wait()
    assert store.groups.get_series(series_id)


def test_repeat_meeting_takes_at_most_six_keystrokes(
        window: MainWindow, ctx: AppContext, store: Store, series_id: str, qtbot) -> None:
    page = _groups(window)
    page.show_series(series_id)
    view = page.series_view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.register_button)
    keys = 0

    def press(key: Qt.Key) -> None:
        nonlocal keys
        keys += 1
        qtbot.keyClick(focused(), key)

    press(Qt.Key.Key_Return)  # open the form: number, today, minutes already there
    form = view.form
    assert isinstance(form, MeetingForm) and form.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["women"])
    press(Qt.Key.Key_8)
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_2)
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        press(Qt.Key.Key_Return)  # Enter saves
    assert keys <= 6
    meetings = store.groups.meetings(series_id)
    assert [(m.number, m.held_on, m.minutes, m.women, m.men, m.other_gender)
            for m in meetings] == [(1, date.today(), 150, 8, 2, None)]
    qtbot.waitUntil(lambda: not form.isVisible())
    # The window's focus is back on "Register meeting" (the offscreen platform does not
    # re-activate the window itself): the next meeting starts the same way.
    assert window.focusWidget() is view.register_button


def test_tab_order_follows_the_form(window: MainWindow, series_id: str, qtbot) -> None:
    page = _groups(window)
    page.show_series(series_id)
    form = page.series_view.open_meeting_form(None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["women"])
    order = list(form.fields.values())
    form.fields["number"].setFocus()
    seen = [focused()]
    for _ in range(len(order) - 1):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen == order
    for name, widget in form.fields.items():
        buddy_labels = [label for label, _text in form._labels if label.buddy() is widget]
        assert buddy_labels, f"{name} has no visible label"


def test_validation_shows_inline_and_keeps_input(window: MainWindow, ctx: AppContext,
                                                 series_id: str, qtbot) -> None:
    page = _groups(window)
    page.show_series(series_id)
    form = page.series_view.open_meeting_form(None)
    form.fields["women"].set_count(9)
    form.fields["men"].set_count(4)  # 13 attended, only 10 registered
    form.fields["held_on"].setDate(date.today() - timedelta(days=400))  # before the start
    with qtbot.waitSignal(ctx.ops.failed):
        form.save_button.click()
    assert set(form.errors.fields_shown()) == {"attendance", "held_on"}
    women_error = form.errors.label("attendance")
    assert women_error.text().startswith("⚠") and "13" in women_error.text()
    assert not form.errors.label("held_on").isHidden()
    assert form.isVisible()
    assert form.values()["women"] == 9 and form.values()["men"] == 4
    assert QApplication.focusWidget() is form.fields["held_on"]
    # Fixing the input and saving again works, and the marks go.
    form.fields["men"].set_count(1)
    form.fields["held_on"].setDate(date.today())
    _save(qtbot, ctx, form)
    assert form.errors.fields_shown() == []


def test_status_change_and_cancel_with_reason(window: MainWindow, ctx: AppContext,
                                              store: Store, series_id: str, qtbot) -> None:
    page = _groups(window)
    page.show_series(series_id)
    view = page.series_view
    form = view.change_status(None)
    form.fields["status"].set_code("running")
    assert not form.fields["cancel_reason"].isEnabled()
    _save(qtbot, ctx, form)
    assert store.groups.get_series(series_id).status == "running"
    form = view.change_status("cancelled")
    assert form.fields["cancel_reason"].isEnabled()
    with qtbot.waitSignal(ctx.ops.failed):  # no reason chosen
        form.save_button.click()
    assert form.errors.fields_shown() == ["cancel_reason"]
    form.fields["cancel_reason"].set_code("too_few_registered")
    _save(qtbot, ctx, form)
    series = store.groups.get_series(series_id)
    assert (series.status, series.cancel_reason) == ("cancelled", "too_few_registered")
    qtbot.waitUntil(lambda: "too" in view.details.text().lower()
                    or "få" in view.details.text().lower())
    assert not view.cancel_button.isEnabled()


def test_list_filters_and_search(demo_ctx: AppContext, qtbot) -> None:
    page = GroupsPage(demo_ctx)
    qtbot.addWidget(page)
    view = page.list_view
    loaded = view.model.loaded
    with qtbot.waitSignal(loaded):
        page.show()
    total = view.model.rowCount()
    assert total > 20
    with qtbot.waitSignal(loaded):
        view.program.set_code("FOS")
    fos = view.model.records()
    assert fos and all(r.program_code == "FOS" for r in fos)
    with qtbot.waitSignal(loaded):
        view.status.set_code("completed")
    assert all(r.status == "completed" and r.program_code == "FOS"
               for r in view.model.records())
    with qtbot.waitSignal(loaded):
        view.program.set_code(None)
    with qtbot.waitSignal(loaded):
        view.status.set_code(None)
    with qtbot.waitSignal(loaded):
        view.locality.set_code("HALLSTAVIK")
    assert all(r.locality_code == "HALLSTAVIK" for r in view.model.records())
    with qtbot.waitSignal(loaded):
        view.locality.set_code(None)
    with qtbot.waitSignal(loaded):
        qtbot.keyClicks(view.search, "rimbo bibliotek")
    found = view.model.records()
    assert found and all(r.locality_code == "RIMBO" and r.venue == "Biblioteket"
                         for r in found)
    with qtbot.waitSignal(loaded):
        view.search.clear()
    quarter = view.period.codes()[0]
    with qtbot.waitSignal(loaded):
        view.period.set_code(quarter)
    assert 0 < view.model.rowCount() < total
    # Enter on a row opens the series.
    view.table.setFocus()
    view.table.selectRow(0)
    chosen = view.model.record(0).id
    with qtbot.waitSignal(view.open_series) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [chosen]


def test_editing_a_series_without_planned_start_keeps_it_empty(
        ctx: AppContext, store: Store, qtbot) -> None:
    from forebygg_desktop.core.store.records import SeriesData

    series_id = store.groups.create_series(SeriesData(
        program_code="BIFF", locality_code="RIMBO", language_code="sv")).id
    form = SeriesForm(ctx, store.groups.get_series(series_id))
    qtbot.addWidget(form)
    assert form.fields["planned_start"].text() == "–"
    form.fields["venue"].setText("Skolan")
    _save(qtbot, ctx, form)
    saved = store.groups.get_series(series_id)
    assert saved.venue == "Skolan"
    assert saved.planned_start is None


def test_group_leaders_are_chosen_in_the_series_form(
        ctx: AppContext, store: Store, qtbot) -> None:
    from PySide6.QtCore import Qt as QtCore

    form = SeriesForm(ctx)
    qtbot.addWidget(form)
    leaders = form.fields["leader_ids"]
    staff = store.catalog.staff()
    assert leaders.count() == len(staff)
    form.fields["program_code"].set_code("BIFF")
    form.fields["locality_code"].set_code("RIMBO")
    leaders.item(1).setCheckState(QtCore.CheckState.Checked)
    _save(qtbot, ctx, form)
    series = store.groups.list_series()[0]
    assert store.groups.get_series(series.id).leader_ids == (staff[1].id,)
