"""A form whose save is still running, and a series that is gone by the time it is asked for.

Found from outside (a monkey on the real window): Escape pressed right after Save closed the
form at once, the save went through anyway, and its answer then reached a deleted form (an
"unexpected error"); "Register meeting" on a series deleted meanwhile raised out of the
window. The worker is held on a gate here, so "meanwhile" is not left to timing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt

from forebygg_desktop.core.errors import NotFoundError, UserError
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.areas.groups.meeting_form import MeetingForm
from forebygg_desktop.gui.areas.groups.page import GroupsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow
from tests.gui.test_form_rules import meeting_form


@pytest.fixture
def gate(ctx: AppContext) -> Iterator[threading.Event]:
    """The one write worker busy until the gate opens: what is run next waits behind it."""
    gate = threading.Event()
    ctx.ops.run(lambda _store: gate.wait(10))
    yield gate
    gate.set()
    ctx.ops.wait()


def _meeting_form(window: MainWindow, series_id: str) -> MeetingForm:
    """A new meeting's form (test_form_rules.meeting_form) with a count typed in."""
    form = meeting_form(window, series_id)
    form.fields["women"].set_count(6)
    return form


@pytest.mark.parametrize("how", ["escape", "cancel", "close"])
def test_a_form_stays_open_while_its_save_runs_and_closes_when_it_is_done(
        window: MainWindow, ctx: AppContext, store: Store, series_id: str,
        gate: threading.Event, qtbot, how: str) -> None:
    form = _meeting_form(window, series_id)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.save_button.isEnabled()  # under way
    if how == "escape":
        qtbot.keyClick(form, Qt.Key.Key_Escape)
    elif how == "cancel":
        qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    else:
        form.close()
    assert form.isVisible(), "the form closed while its save was still running"
    assert store.groups.meetings(series_id) == []
    with qtbot.waitSignal(form.saved, timeout=5000):
        gate.set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(form) or not form.isVisible())
    assert [m.women for m in store.groups.meetings(series_id)] == [6]


def test_the_answer_to_a_save_whose_form_is_gone_goes_to_the_window(
        window: MainWindow, ctx: AppContext, store: Store, series_id: str,
        gate: threading.Event, qtbot) -> None:
    """The form deleted while its save runs (its window closed): the save's refusal is not
    handed to the deleted form, and still reaches the window's error handler."""
    form = _meeting_form(window, series_id)
    store.groups.delete_series(series_id)  # the save will be refused: the series is gone
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    shiboken6.delete(form)
    with qtbot.waitSignal(ctx.ops.failed, timeout=5000) as failed:
        gate.set()
    assert isinstance(failed.args[0], UserError)


def test_a_save_done_after_its_form_is_gone_is_still_announced(
        window: MainWindow, ctx: AppContext, store: Store, series_id: str,
        gate: threading.Event, qtbot) -> None:
    form = _meeting_form(window, series_id)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    shiboken6.delete(form)
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        gate.set()
    assert [m.women for m in store.groups.meetings(series_id)] == [6]


def _gone_notice(page: GroupsPage) -> None:
    assert page.stack.currentWidget() is page.list_view
    assert page.list_view.notice.isVisible()
    assert page.list_view.notice.text.text().endswith(_(NotFoundError.msgid))


def test_register_meeting_on_a_series_deleted_meanwhile_says_so(
        window: MainWindow, ctx: AppContext, store: Store, series_id: str, qtbot) -> None:
    window.show_page("groups")
    page = window.pages["groups"]
    assert isinstance(page, GroupsPage)
    page.show_series(series_id)
    view = page.series_view
    store.groups.delete_series(series_id)  # elsewhere, before this page heard of it
    qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    _gone_notice(page)
    assert view.series is None and view.open_meeting_form(None) is None


@pytest.mark.parametrize("target", ["series:{id}", "draft:groups/meeting/{id}/new",
                                    "draft:groups/series/{id}"])
def test_opening_a_deleted_series_shows_the_list_and_why(
        window: MainWindow, ctx: AppContext, store: Store, series_id: str, qtbot,
        target: str) -> None:
    """From a list not yet refreshed, or an unfinished form of a series deleted since."""
    window.show_page("groups")
    page = window.pages["groups"]
    assert isinstance(page, GroupsPage)
    store.groups.delete_series(series_id)
    page.open_target(target.format(id=series_id))
    _gone_notice(page)
    assert page.form is None
