"""Register or correct one meeting of a group series.

Pre-filled from `store.groups.next_meeting`: next number, today, the usual minutes and the
last meeting's interpreter answer. Focus starts on the first head count, so a repeat
meeting is: open, women, Tab, men, Enter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from forebygg_desktop.core.codes import MEETING_KINDS
from forebygg_desktop.core.i18n import _, pgettext
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.records import MeetingData, MeetingRecord
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.choices import code_items, interpreter_items
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.date_field import date_edit
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

COUNT_FIELDS = ("women", "men", "other_gender", "other_adults", "children")


def meeting_draft_key(series_id: str, meeting_id: str | None = None) -> str:
    return f"groups/meeting/{series_id}/{meeting_id or 'new'}"


class MeetingForm(RecordDialog):
    def __init__(self, ctx: AppContext, series_id: str, series_title: str,
                 meeting: MeetingRecord | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, meeting_draft_key(series_id, meeting.id if meeting else None),
                         parent)
        self.series_id, self.series_title, self.meeting = series_id, series_title, meeting
        self.setObjectName("meeting-form")
        number = QSpinBox(self)
        number.setRange(1, 100)
        self.add_field("number", lambda: _("Meeting number"), number)
        self.add_field("held_on", lambda: _("Date"), date_edit(self))
        self.add_field("minutes", lambda: _("Minutes"), CountSpin(self, maximum=24 * 60, minimum=1))
        self.add_field("kind", lambda: pgettext("meeting", "Kind of meeting"), CodeCombo(self))
        self.add_field("women", lambda: _("Women"), CountSpin(self))
        self.add_field("men", lambda: _("Men"), CountSpin(self))
        self.add_field("other_gender", lambda: _("Other or not stated"), CountSpin(self))
        # "More attended than registered" is about the three counts above together.
        self.form.addRow(QLabel(self), self.errors.register("attendance", self.fields["women"],
                                                            self))
        self.add_field("other_adults", lambda: _("Other important adults"), CountSpin(self))
        self.add_field("children", lambda: _("Children who came along"), CountSpin(self))
        self.add_field("interpreter", lambda: _("Interpreter"), CodeCombo(self))
        self.fields["kind"].set_items(code_items(MEETING_KINDS))  # type: ignore[attr-defined]
        self.fields["interpreter"].set_items(interpreter_items())  # type: ignore[attr-defined]
        start = meeting if meeting is not None else ctx.store.groups.next_meeting(series_id)
        self.finish(asdict(start), focus="women")

    def draft_title(self) -> str:
        number = self.values()["number"]
        return _("Meeting {number} – {series}").format(number=number, series=self.series_title)

    def retranslate_form(self) -> None:
        title = (_("Correct meeting {number}").format(number=self.meeting.number)
                 if self.meeting else _("Register a meeting"))
        self.setWindowTitle(title)
        self.heading.setText(f"{title}: {self.series_title}")

    def ready_to_save(self, values: dict[str, Any]) -> bool:
        """No counts at all, or a second meeting on one date: allowed, but asked about."""
        if all(values[name] is None for name in COUNT_FIELDS) and not self.confirm(
                _("No one is counted at this meeting. Save it without counts? They are "
                  "recorded as not entered, not as zero.")):
            self.fields["women"].setFocus()
            return False
        same_day = self.ctx.store.groups.meetings_on(
            self.series_id, values["held_on"], self.meeting.id if self.meeting else None)
        if same_day and not self.confirm(
                _("Meeting {number} of this series is already registered on this date. "
                  "Save another meeting on the same date?").format(number=same_day[0].number)):
            self.fields["held_on"].setFocus()
            return False
        return True

    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        data = MeetingData(**values)
        if self.meeting is None:
            series_id = self.series_id
            return lambda store: store.groups.register_meeting(series_id, data)
        meeting_id = self.meeting.id
        return lambda store: store.groups.update_meeting(meeting_id, data)
