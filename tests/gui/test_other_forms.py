"""Open meetings, advice talks and digital use: defaults, saving, warnings, undo."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core import settings
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import DigitalUseData
from forebygg_desktop.gui.areas.digital.page import DigitalPage
from forebygg_desktop.gui.areas.open_meetings.page import OpenMeetingsPage
from forebygg_desktop.gui.areas.talks.page import TalksPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow
from tests.gui.conftest import focused


def _save(qtbot, ctx: AppContext, form) -> None:
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        form.save_button.click()


def test_open_meeting_by_keyboard_with_defaults(window: MainWindow, ctx: AppContext,
                                                store: Store, qtbot) -> None:
    store.settings.set(settings.DEFAULT_LOCALITY, "HALLSTAVIK")
    window.show_page("open_meetings")
    page = window.pages["open_meetings"]
    assert isinstance(page, OpenMeetingsPage)
    form = page.open_form(None)
    values = form.values()
    assert values["held_on"] == date.today()
    assert values["locality_code"] == "HALLSTAVIK"
    assert values["language_code"] == "sv"
    assert values["minutes"] == store.catalog.program(values["program_code"]).default_minutes
    form.fields["program_code"].set_code("LECTURE")
    assert form.values()["minutes"] == 90  # the program's usual length follows the choice
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["women"])
    qtbot.keyClicks(focused(), "34")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "0")
    with qtbot.waitSignal(ctx.ops.changed):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    [record] = store.open_meetings.list()
    assert (record.program_code, record.women, record.men, record.other_gender) == (
        "LECTURE", 34, 0, None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_open_meeting_validation_inline(window: MainWindow, ctx: AppContext, qtbot) -> None:
    window.show_page("open_meetings")
    page = window.pages["open_meetings"]
    form = page.open_form(None)
    form.fields["held_on"].setDate(date.today() + timedelta(days=3))
    form.fields["women"].set_count(5)
    with qtbot.waitSignal(ctx.ops.failed):
        form.save_button.click()
    assert form.errors.fields_shown() == ["held_on"]
    assert form.errors.label("held_on").text().startswith("⚠")
    assert form.values()["women"] == 5


def test_a_fourth_talk_warns_but_saves(window: MainWindow, ctx: AppContext, store: Store,
                                       qtbot) -> None:
    window.show_page("talks")
    page = window.pages["talks"]
    assert isinstance(page, TalksPage)
    form = page.open_form(None)
    assert form.values()["talks"] == 1 and form.values()["who_came"] == "mother"
    # Follow-up fields only open for the outcome they belong to.
    assert not form.fields["referred_to"].isEnabled()
    form.fields["outcome"].set_code("referred")
    assert form.fields["referred_to"].isEnabled()
    form.fields["referred_to"].set_code("child_psychiatry")
    form.fields["talks"].setValue(4)
    _save(qtbot, ctx, form)
    [record] = store.talks.list()
    assert (record.talks, record.outcome, record.referred_to) == (4, "referred",
                                                                  "child_psychiatry")
    assert page.notice.isVisible()
    assert page.notice.text.text().startswith("⚠") and "3" in page.notice.text.text()


def test_talk_correct_delete_and_undo(window: MainWindow, ctx: AppContext, store: Store,
                                      qtbot) -> None:
    store.talks.create(store.talks.defaults("RIMBO"))
    window.show_page("talks")
    page = window.pages["talks"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    form = page.open_form(page.current_record())
    form.fields["outcome"].set_code("moved_to_group")
    form.fields["moved_to_program"].set_code("FOS")
    _save(qtbot, ctx, form)
    assert store.talks.list()[0].moved_to_program == "FOS"
    page.confirm = lambda _parent, _question: True
    page.table.selectRow(0)
    with qtbot.waitSignal(ctx.ops.changed):
        page.delete_current()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert store.talks.list() == []
    with qtbot.waitSignal(ctx.ops.changed):
        page.notice.action_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert store.talks.list()[0].moved_to_program == "FOS"


def test_digital_quarter_defaults_and_duplicate(window: MainWindow, ctx: AppContext,
                                                store: Store, qtbot) -> None:
    window.show_page("digital")
    page = window.pages["digital"]
    assert isinstance(page, DigitalPage)
    today = date.today()
    form = page.open_form(None)
    assert form.values()["period"] == Period.quarter_of(today).code
    form.fields["program_code"].set_code("SES")
    form.fields["logins_handed_out"].set_count(12)
    form.fields["started"].set_count(0)
    _save(qtbot, ctx, form)
    [record] = store.digital.for_quarter(today.year, quarter_number(today))
    assert (record.logins_handed_out, record.started, record.completed) == (12, 0, None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    # The same program and quarter again is refused next to the quarter field.
    form = page.open_form(None)
    form.fields["program_code"].set_code("SES")
    with qtbot.waitSignal(ctx.ops.failed):
        form.save_button.click()
    assert form.errors.fields_shown() == ["period"]


def test_digital_list_follows_the_period(ctx: AppContext, store: Store, qtbot) -> None:
    today = date.today()
    last = Period.quarter_of(Period.quarter_of(today).start - timedelta(days=1))
    year, quarter = last.quarters()[0]
    store.digital.create(DigitalUseData("IKOMET", year, quarter, logins_handed_out=3))
    page = DigitalPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded):
        page.show()
    assert page.model.rowCount() == 0  # this quarter
    with qtbot.waitSignal(page.model.loaded):
        page.period.set_code(last.code)
    assert page.model.rowCount() == 1


def test_a_date_field_sits_next_to_its_label_in_arabic_too(ctx: AppContext, qtbot) -> None:
    """A date editor reads left to right in every language (its own direction), and a layout
    aligns a widget by the widget's own direction: in Arabic the form's dates went to the far
    side of the form, away from their labels. Every input starts at the form's leading edge."""
    from forebygg_desktop.devtools.dialogs import constructible_dialogs
    from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

    def leading_edge(form: RecordDialog, widget) -> int:
        rect = widget.rect()
        corner = rect.topRight() if form.isRightToLeft() else rect.topLeft()
        return widget.mapTo(form, corner).x()

    checked = 0
    for language in ("ar", "sv"):
        with qtbot.waitSignal(ctx.language.language_changed):
            ctx.language.apply(language)
        for dialog_class in constructible_dialogs():
            if not issubclass(dialog_class, RecordDialog):
                continue
            form = dialog_class(ctx)
            qtbot.addWidget(form)
            form.show()
            qtbot.waitExposed(form)
            assert form.isRightToLeft() == (language == "ar")
            edges = {name: leading_edge(form, widget) for name, widget in form.fields.items()
                     if widget.isVisibleTo(form)}
            dates = [name for name, widget in form.fields.items()
                     if widget.testAttribute(Qt.WidgetAttribute.WA_SetLayoutDirection)
                     and name in edges]
            others = [edges[name] for name in edges if name not in dates]
            for name in dates:
                assert abs(edges[name] - others[0]) <= 2, (language, dialog_class.__name__,
                                                           name, edges)
                checked += 1
            form.done(0)
    assert checked >= 4  # the series, open-meeting, talk and digital forms have dates
    # A form open during a switch to Arabic moves its date with the other fields.
    from forebygg_desktop.gui.areas.talks.form import TalkForm

    form = TalkForm(ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    with qtbot.waitSignal(ctx.language.language_changed):
        ctx.language.apply("ar")
    qtbot.waitUntil(lambda: abs(leading_edge(form, form.fields["first_talk_on"])
                                - leading_edge(form, form.fields["talks"])) <= 2)
    assert form.isRightToLeft()
    form.done(0)
