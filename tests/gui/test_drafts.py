"""A form being filled in when the program died is offered back on the next start."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QPushButton

from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.preferences import DRAFT_TITLE
from forebygg_desktop.gui.areas.groups.meeting_form import MeetingForm, meeting_draft_key
from forebygg_desktop.gui.areas.home.page import HomePage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.operations import Operations


def test_draft_survives_a_killed_window_and_is_offered_back(
        ctx: AppContext, store: Store, series_id: str, qtbot) -> None:
    first = MainWindow(ctx)
    first.show()
    first.navigate("groups", f"series:{series_id}")
    form = first.pages["groups"].series_view.open_meeting_form(None)
    form.fields["women"].set_count(6)
    form.fields["men"].set_count(0)
    # The draft is saved shortly after typing stops, on the worker.
    qtbot.waitUntil(lambda: store.drafts.load(meeting_draft_key(series_id)) is not None)
    ctx.ops.wait()
    draft = store.drafts.load(meeting_draft_key(series_id))
    assert draft["women"] == 6 and draft["men"] == 0 and draft["other_gender"] is None
    assert "ABC" in draft[DRAFT_TITLE]
    # Kill the window: no close event, no cancel, nothing tidied up.
    shiboken6.delete(form)
    shiboken6.delete(first)

    # A new start: a new window with its own worker on the same database.
    ctx = AppContext(store, Operations(store), ctx.language)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    home = second.pages["home"]
    assert isinstance(home, HomePage)
    assert home.drafts_box.isVisible()
    [resume] = [b for b in home.drafts_box.findChildren(QPushButton)
                if b.property("draft_key") == meeting_draft_key(series_id)
                and b.objectName().startswith("resume-")]
    resume.click()
    groups = second.pages["groups"]
    assert second.stack.currentWidget() is groups
    restored = groups.series_view.form
    assert isinstance(restored, MeetingForm) and restored.isVisible()
    assert restored.values()["women"] == 6 and restored.values()["men"] == 0
    assert restored.values()["number"] == 1
    assert restored.draft_notice.isVisible()
    # Saving it registers the meeting and the draft goes.
    with qtbot.waitSignal(ctx.ops.changed):
        restored.save_button.click()
    ctx.ops.wait()
    assert store.drafts.pending() == []
    assert [(m.women, m.men) for m in store.groups.meetings(series_id)] == [(6, 0)]


def test_cancel_discards_the_draft_and_discarding_restored_input(
        ctx: AppContext, store: Store, series_id: str, qtbot) -> None:
    key = meeting_draft_key(series_id)
    store.drafts.save(key, {"women": 3, "number": 1, DRAFT_TITLE: "x"})
    form = MeetingForm(ctx, series_id, "ABC")
    qtbot.addWidget(form)
    assert form.values()["women"] == 3
    form.draft_notice.action_button.click()  # "discard what was restored"
    assert form.values()["women"] is None
    ctx.ops.wait()
    assert store.drafts.load(key) is None
    form.fields["women"].set_count(2)
    qtbot.waitUntil(lambda: store.drafts.load(key) is not None)
    ctx.ops.wait()
    form.reject()
    ctx.ops.wait()
    QApplication.processEvents()
    assert store.drafts.load(key) is None
