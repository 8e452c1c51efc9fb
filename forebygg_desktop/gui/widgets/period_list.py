"""A record list filtered by period that never lets a saved row vanish.

A row saved for a quarter the list does not show used to disappear with only "Saved.".
Now the list moves to the row's quarter (or to all periods, when that quarter is not among
the choices), selects the row and says where it went: "Saved for Q3 2026; the list now
shows that quarter." Used by the open meetings, advice talks and digital programs areas.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _, format_quarter
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.store import Change
from forebygg_desktop.gui.widgets.record_list import RecordListPage


class PeriodListPage(RecordListPage):
    """`record_day(record)`: the day that puts a record in a period (subclasses may say)."""

    def record_day(self, record: Any) -> date:
        column = getattr(self.ctx.store, self.service_name).date_column
        day = getattr(record, column)
        assert isinstance(day, date)
        return day

    def _saved(self, change: Change) -> None:
        try:
            record = self.get_record(change.id)
        except (UserError, IndexError):  # gone meanwhile (an undo, another window)
            record = None
        if record is None:
            super()._saved(change)
            return
        day = self.record_day(record)
        shown = self.period.period()
        moved: Callable[[], str] | None = None
        if shown is not None and not shown.contains(day):
            quarter = Period.quarter_of(day)
            year, number = quarter.start.year, quarter_number(quarter.start)
            if quarter.code in self.period.codes():
                self.period.set_code(quarter.code)
                moved = lambda: _("Saved for {quarter}; the list now shows that "  # noqa: E731
                                  "quarter.").format(quarter=format_quarter(year, number))
            else:
                self.period.set_code(None)
                moved = lambda: _("Saved for {quarter}; the list now shows all "  # noqa: E731
                                  "periods.").format(quarter=format_quarter(year, number))
        # The list's own refresh on `ops.changed` comes after this; it keeps the selection.
        self.refresh()
        self._select(record.id)
        if moved is None:
            super()._saved(change)
            return
        warnings = change.warnings
        say = moved
        self.notice.show_notice(
            lambda: " ".join([say(), *(w.message() for w in warnings)]),
            warning=bool(warnings))

    def _select(self, record_id: str) -> None:
        row = self.model.row_of(lambda r: r.id == record_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
