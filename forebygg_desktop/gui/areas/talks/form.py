"""Register or correct one anonymous contact series of advice talks (no identity, ever)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget

from forebygg_desktop.core import settings
from forebygg_desktop.core.codes import REFERRED_TO, TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.records import TalkData, TalkRecord
from forebygg_desktop.core.store.talks import MAX_TALKS
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.choices import (
    code_items,
    group_program_items,
    interpreter_items,
    language_items,
    locality_items,
    none_item,
    theme_items,
)
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.date_field import date_edit
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog


def talk_draft_key(record_id: str | None = None) -> str:
    return f"talks/{record_id}" if record_id else "talks/new"


class TalkForm(RecordDialog):
    def __init__(self, ctx: AppContext, record: TalkRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, talk_draft_key(record.id if record else None), parent)
        self.record = record
        self.setObjectName("talk-form")
        store = ctx.store
        self.add_field("first_talk_on", lambda: _("Date of the first talk"), date_edit(self))
        talks = QSpinBox(self)
        talks.setRange(1, MAX_TALKS)
        self.add_field("talks", lambda: _("Number of talks"), talks)
        self.add_field("who_came", lambda: _("Who came"), CodeCombo(self)).set_items(
            code_items(WHO_CAME))
        self.add_field("theme_code", lambda: _("Theme"), CodeCombo(self)).set_items(
            theme_items(store, "talk"))
        self.add_field("language_code", lambda: _("Language"), CodeCombo(self)).set_items(
            language_items(store))
        self.add_field("interpreter", lambda: _("Interpreter"), CodeCombo(self)).set_items(
            interpreter_items())
        self.add_field("locality_code", lambda: _("Locality"), CodeCombo(self)).set_items(
            [none_item(), *locality_items(store)])
        self.add_field("outcome", lambda: _("Outcome"), CodeCombo(self)).set_items(
            code_items(TALK_OUTCOMES))
        self.add_field("referred_to", lambda: _("Referred to"), CodeCombo(self)).set_items(
            [none_item(), *code_items(REFERRED_TO)])
        self.add_field("moved_to_program", lambda: _("Moved to group program"),
                       CodeCombo(self)).set_items([none_item(), *group_program_items(store)])
        if record is None:
            start = asdict(store.talks.defaults(store.settings.get(settings.DEFAULT_LOCALITY)))
        else:
            start = asdict(record)
        self.finish(start, focus="talks" if record is None else "first_talk_on")

    def values_loaded(self) -> None:
        outcome = self.fields["outcome"].current_code()  # type: ignore[attr-defined]
        self.fields["referred_to"].setEnabled(outcome == "referred")
        self.fields["moved_to_program"].setEnabled(outcome == "moved_to_group")

    def draft_title(self) -> str:
        return _("Advice talks")

    def retranslate_form(self) -> None:
        title = _("Correct the advice talks") if self.record else _("Register advice talks")
        self.setWindowTitle(title)
        self.heading.setText(title)

    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        # Only the follow-up that fits the outcome is kept.
        if values["outcome"] != "referred":
            values["referred_to"] = None
        if values["outcome"] != "moved_to_group":
            values["moved_to_program"] = None
        data = TalkData(**values)
        if self.record is None:
            return lambda store: store.talks.create(data)
        record_id = self.record.id
        return lambda store: store.talks.update(record_id, data)
