"""Register or correct an open meeting (parents' café or lecture)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from forebygg_desktop.core import settings
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.records import OpenMeetingData, OpenMeetingRecord
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.choices import (
    interpreter_items,
    language_items,
    locality_items,
    program_items,
    theme_items,
)
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.date_field import date_edit
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog


def open_meeting_draft_key(record_id: str | None = None) -> str:
    return f"open_meetings/{record_id}" if record_id else "open_meetings/new"


class OpenMeetingForm(RecordDialog):
    def __init__(self, ctx: AppContext, record: OpenMeetingRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, open_meeting_draft_key(record.id if record else None), parent)
        self.record = record
        self.setObjectName("open-meeting-form")
        store = ctx.store
        program = self.add_field("program_code", lambda: _("Kind of meeting"), CodeCombo(self))
        program.set_items(program_items(store, ["open_meeting"]))
        self.add_field("held_on", lambda: _("Date"), date_edit(self))
        self.add_field("minutes", lambda: _("Minutes"), CountSpin(self, maximum=24 * 60, minimum=1))
        self.add_field("theme_code", lambda: _("Theme"), CodeCombo(self)).set_items(
            theme_items(store, "open_meeting"))
        self.add_field("locality_code", lambda: _("Locality"), CodeCombo(self)).set_items(
            locality_items(store))
        self.add_field("venue", lambda: _("Venue"), QLineEdit(self)).setMaxLength(128)
        self.add_field("language_code", lambda: _("Language"), CodeCombo(self)).set_items(
            language_items(store))
        self.add_field("interpreter", lambda: _("Interpreter"), CodeCombo(self)).set_items(
            interpreter_items())
        self.add_field("women", lambda: _("Women"), CountSpin(self))
        self.add_field("men", lambda: _("Men"), CountSpin(self))
        self.add_field("other_gender", lambda: _("Other or not stated"), CountSpin(self))
        self.add_field("estimated", lambda: _("Counts are estimated"), QCheckBox(self))
        program.currentIndexChanged.connect(self._program_changed)
        if record is None:
            first = program.current_code()
            locality = store.settings.get(settings.DEFAULT_LOCALITY) or "NORRTALJE"
            start = asdict(store.open_meetings.defaults(first, locality))
        else:
            start = asdict(record)
        self.finish(start, focus="women" if record is None else "program_code")

    def _program_changed(self) -> None:
        if self.record is None and not self._loading:
            info = self.ctx.store.catalog.program(self.combo("program_code").current_code())
            if info is not None:
                self.fields["minutes"].set_count(info.default_minutes)  # type: ignore[attr-defined]

    def draft_title(self) -> str:
        info = self.ctx.store.catalog.program(self.combo("program_code").current_code())
        return _("Open meeting – {kind}").format(kind=info.name() if info else "")

    def retranslate_form(self) -> None:
        title = _("Correct the open meeting") if self.record else _("Register an open meeting")
        self.setWindowTitle(title)
        self.heading.setText(title)

    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        data = OpenMeetingData(**values)
        if self.record is None:
            return lambda store: store.open_meetings.create(data)
        record_id = self.record.id
        return lambda store: store.open_meetings.update(record_id, data)
