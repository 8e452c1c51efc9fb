"""The meeting form catches the usual mistakes: no counts, a second meeting on one date,
an error beside the fields it is about without squeezing them, Escape on a changed form."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData
from forebygg_desktop.gui.areas.groups.meeting_form import COUNT_FIELDS, MeetingForm
from forebygg_desktop.gui.areas.groups.page import GroupsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow


def meeting_form(window: MainWindow, series_id: str) -> MeetingForm:
    window.show_page("groups")
    page = window.pages["groups"]
    assert isinstance(page, GroupsPage)
    page.show_series(series_id)
    form = page.series_view.open_meeting_form(None)
    assert isinstance(form, MeetingForm)
    return form


def answer(form: MeetingForm, reply: bool) -> list[str]:
    asked: list[str] = []
    form.confirm = lambda question: asked.append(question) or reply  # type: ignore[method-assign]
    return asked


def test_a_meeting_without_counts_asks_and_no_keeps_the_form(
        window: MainWindow, ctx: AppContext, store: Store, series_id: str, qtbot) -> None:
    form = meeting_form(window, series_id)
    asked = answer(form, False)
    qtbot.keyClick(form.fields["women"], Qt.Key.Key_Return)  # one Return on the untouched form
    assert len(asked) == 1 and "ej angivna" in asked[0]  # Swedish: "not entered"
    ctx.ops.wait()
    assert store.groups.meetings(series_id) == []
    assert form.isVisible()
    assert form.focusWidget() is form.fields["women"]


def test_saving_without_counts_records_not_entered(window: MainWindow, ctx: AppContext,
                                                   store: Store, series_id: str,
                                                   qtbot) -> None:
    form = meeting_form(window, series_id)
    asked = answer(form, True)
    with qtbot.waitSignal(ctx.ops.changed):
        form.save_button.click()
    assert len(asked) == 1
    [meeting] = store.groups.meetings(series_id)
    assert all(getattr(meeting, name) is None for name in COUNT_FIELDS)


def test_a_counted_meeting_is_saved_without_a_question(window: MainWindow, ctx: AppContext,
                                                       series_id: str, qtbot) -> None:
    form = meeting_form(window, series_id)
    asked = answer(form, False)
    form.fields["men"].set_count(0)  # an entered 0 is a count
    with qtbot.waitSignal(ctx.ops.changed):
        form.save_button.click()
    assert asked == []


def test_a_second_meeting_on_the_same_date_warns(window: MainWindow, ctx: AppContext,
                                                 store: Store, series_id: str, qtbot) -> None:
    store.groups.register_meeting(series_id, MeetingData(number=1, held_on=date.today(),
                                                         women=3))
    form = meeting_form(window, series_id)
    form.fields["women"].set_count(4)
    asked = answer(form, False)
    form.save_button.click()
    assert len(asked) == 1 and "1" in asked[0]
    ctx.ops.wait()
    assert len(store.groups.meetings(series_id)) == 1
    assert form.focusWidget() is form.fields["held_on"]
    asked = answer(form, True)
    with qtbot.waitSignal(ctx.ops.changed):
        form.save_button.click()
    assert len(store.groups.meetings(series_id)) == 2


def test_too_many_attending_is_shown_beside_the_counts_without_squeezing(
        window: MainWindow, ctx: AppContext, series_id: str, qtbot) -> None:
    form = meeting_form(window, series_id)
    qtbot.waitExposed(form)
    widths = {name: widget.width() for name, widget in form.fields.items()}
    form.fields["women"].set_count(9)
    form.fields["men"].set_count(4)  # 13 attended, 10 registered
    with qtbot.waitSignal(ctx.ops.failed):
        form.save_button.click()
    assert form.errors.fields_shown() == ["attendance"]
    label = form.errors.label("attendance")
    assert label is not None and label.isVisible() and "13" in label.text()
    # Beside the counts: right below "Other or not stated", not under "Women" alone.
    other = form.fields["other_gender"]
    assert label.mapTo(form, label.rect().topLeft()).y() > \
        other.mapTo(form, other.rect().bottomLeft()).y()
    assert form.errors.label("women").isHidden()  # type: ignore[union-attr]
    QApplication.processEvents()
    for name, widget in form.fields.items():
        assert widget.width() >= min(widths[name], widget.sizeHint().width()), name
        assert widget.width() >= widget.minimumSizeHint().width(), name


def test_every_error_keeps_the_form_layout(window: MainWindow, ctx: AppContext,
                                           series_id: str, qtbot) -> None:
    from forebygg_desktop.core.errors import ValidationError, ValidationErrors

    form = meeting_form(window, series_id)
    qtbot.waitExposed(form)
    widths = {name: widget.width() for name, widget in form.fields.items()}
    heights = {name: widget.height() for name, widget in form.fields.items()}
    long = "A long explanation that wraps over several lines of the form " * 4
    form.show_error(ValidationErrors([ValidationError(long, field=name)
                                      for name in form.fields]))
    QApplication.processEvents()
    for name, widget in form.fields.items():
        assert widget.width() >= widths[name], name
        assert widget.height() >= heights[name], name
        assert form.errors.label(name).isVisible()  # type: ignore[union-attr]


def press_escape(form: MeetingForm) -> None:
    QApplication.sendEvent(form, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                                           Qt.KeyboardModifier.NoModifier))


def test_escape_on_a_changed_form_asks_before_discarding(window: MainWindow,
                                                         series_id: str) -> None:
    form = meeting_form(window, series_id)
    form.fields["women"].set_count(6)
    asked = answer(form, False)
    press_escape(form)
    assert len(asked) == 1 and form.isVisible()
    assert form.values()["women"] == 6
    answer(form, True)
    press_escape(form)
    assert not form.isVisible()


def test_escape_on_an_untouched_form_closes_without_asking(window: MainWindow,
                                                          series_id: str) -> None:
    form = meeting_form(window, series_id)
    asked = answer(form, False)
    press_escape(form)
    assert asked == [] and not form.isVisible()
