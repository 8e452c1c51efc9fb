"""Register or correct one quarter's use of a digital program."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtWidgets import QWidget

from forebygg_desktop.core.errors import UserError, ValidationError
from forebygg_desktop.core.i18n import _, format_quarter
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.records import DigitalUseData, DigitalUseRecord
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.choices import program_items
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.field_errors import error_list
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

# How far back the period choice reaches (the quarter of a correction is always offered).
YEARS_BACK = 5


def quarter_items(today: date, keep: tuple[int, int] | None = None
                  ) -> list[tuple[str, Callable[[], str]]]:
    """One choice per quarter, newest first: this quarter back to `YEARS_BACK` years ago.

    Each reads "Q3 2026" in the interface language: the year is part of the choice, so
    there is no separate year to contradict it.
    """
    year, quarter = today.year, quarter_number(today)
    wanted: list[tuple[int, int]] = []
    for _step in range(4 * YEARS_BACK):
        wanted.append((year, quarter))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    if keep is not None and keep not in wanted:
        wanted.append(keep)
        wanted.sort(reverse=True)
    return [(Period.quarter(y, q).code, partial(format_quarter, y, q)) for y, q in wanted]


def split_period(code: str | None) -> tuple[int | None, int | None]:
    """(year, quarter) of a quarter code such as `2026Q3`; (None, None) when none is chosen."""
    if not code:
        return None, None
    period = Period.parse(code)
    return period.start.year, quarter_number(period.start)


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
        keep = (record.year, record.quarter) if record else None
        self.add_field("period", lambda: _("Quarter"), CodeCombo(self)).set_items(
            quarter_items(date.today(), keep))
        self.add_field("logins_handed_out", lambda: _("Logins handed out"), CountSpin(self))
        self.add_field("started", lambda: _("Started"), CountSpin(self))
        self.add_field("completed", lambda: _("Completed"), CountSpin(self))
        today = date.today()
        start: dict[str, Any] = asdict(record) if record else {}
        start["period"] = (Period.quarter(record.year, record.quarter) if record
                           else Period.quarter_of(today)).code
        self.finish(start, focus="logins_handed_out" if record is None else "program_code")

    def show_error(self, error: UserError) -> None:
        # The Store's rules name the year or the quarter; here both are the one choice.
        for single in error_list(error):
            if isinstance(single, ValidationError) and single.field in ("year", "quarter"):
                single.field = "period"
        super().show_error(error)

    def draft_title(self) -> str:
        info = self.ctx.store.catalog.program(self.combo("program_code").current_code())
        return _("Digital program – {program}").format(program=info.name() if info else "")

    def retranslate_form(self) -> None:
        title = (_("Correct digital-program use") if self.record
                 else _("Register digital-program use"))
        self.setWindowTitle(title)
        self.heading.setText(title)

    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        fields = dict(values)
        fields["year"], fields["quarter"] = split_period(fields.pop("period"))
        data = DigitalUseData(**fields)
        if self.record is None:
            return lambda store: store.digital.create(data)
        record_id = self.record.id
        return lambda store: store.digital.update(record_id, data)
