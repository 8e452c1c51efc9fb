"""Register or correct one quarter's use of a digital program."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtWidgets import QSpinBox, QWidget

from forebygg_desktop.core.i18n import _, format_quarter
from forebygg_desktop.core.period import quarter_number
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.records import DigitalUseData, DigitalUseRecord
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.choices import program_items
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog


def digital_draft_key(record_id: str | None = None) -> str:
    return f"digital/{record_id}" if record_id else "digital/new"


class DigitalForm(RecordDialog):
    def __init__(self, ctx: AppContext, record: DigitalUseRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, digital_draft_key(record.id if record else None), parent)
        self.record = record
        self.setObjectName("digital-form")
        self.add_field("program_code", lambda: _("Digital program"), CodeCombo(self)).set_items(
            program_items(ctx.store, ["digital_program"]))
        year = QSpinBox(self)
        year.setRange(2000, 2100)
        year.setGroupSeparatorShown(False)
        self.add_field("year", lambda: _("Year"), year)
        self.add_field("quarter", lambda: _("Quarter"), CodeCombo(self))
        self._fill_quarters()
        self.add_field("logins_handed_out", lambda: _("Logins handed out"), CountSpin(self))
        self.add_field("started", lambda: _("Started"), CountSpin(self))
        self.add_field("completed", lambda: _("Completed"), CountSpin(self))
        today = date.today()
        start = (asdict(record) if record else
                 {"year": today.year, "quarter": quarter_number(today)})
        self.finish(start, focus="logins_handed_out" if record is None else "program_code")

    def _fill_quarters(self) -> None:
        quarters = [(q, partial(self._quarter_label, q)) for q in (1, 2, 3, 4)]
        self.combo("quarter").set_items(quarters)

    def _quarter_label(self, quarter: int) -> str:
        return format_quarter(self._year(), quarter)

    def _year(self) -> int:
        year = self.fields.get("year")
        return year.value() if isinstance(year, QSpinBox) else date.today().year

    def values_loaded(self) -> None:
        self.combo("quarter").relabel()

    def draft_title(self) -> str:
        info = self.ctx.store.catalog.program(self.combo("program_code").current_code())
        return _("Digital program – {program}").format(program=info.name() if info else "")

    def retranslate_form(self) -> None:
        title = (_("Correct digital-program use") if self.record
                 else _("Register digital-program use"))
        self.setWindowTitle(title)
        self.heading.setText(title)

    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        data = DigitalUseData(**values)
        if self.record is None:
            return lambda store: store.digital.create(data)
        record_id = self.record.id
        return lambda store: store.digital.update(record_id, data)
