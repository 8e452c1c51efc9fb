"""Digital-program use per quarter: logins handed out, started, completed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import DigitalUse, Program
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.records import DigitalUseData, DigitalUseRecord, data_values
from forebygg_desktop.core.store.simple import SimpleRecords
from forebygg_desktop.core.store.unit import WriteTransaction

# Is this program's quarter already registered by this device in another live row (the
# data, the device id, the row's own id)? The import answers it from rows read at once.
QuarterTaken = Callable[[DigitalUseData, str, str], bool]


class DigitalUseService(SimpleRecords[DigitalUseData, DigitalUseRecord]):
    model = DigitalUse
    record_class = DigitalUseRecord
    kind = "digital_use"
    date_column = "year"

    def check(self, tx: WriteTransaction, data: DigitalUseData, row_id: str | None,
              taken: QuarterTaken | None = None) -> list[UserError]:
        checker = Checker()
        program = tx.session.get(Program, data.program_code)
        checker.check(program is not None and program.kind == "digital_program",
                      "program_code", N_("Choose a digital program."))
        checker.row("digital_use", data_values(data))
        if checker.errors:
            checker.done()  # the comparisons below need whole numbers
        if data.started is not None and data.completed is not None:
            checker.check(data.completed <= data.started, "completed",
                          N_("More completed than started."))
        duplicate = taken(data, tx.device_id, row_id or "") if taken is not None \
            else tx.session.scalar(select(DigitalUse.id).where(
                DigitalUse.program_code == data.program_code, DigitalUse.year == data.year,
                DigitalUse.quarter == data.quarter, DigitalUse.deleted.is_(False),
                DigitalUse.device_id == tx.device_id,
                DigitalUse.id != (row_id or ""))) is not None
        checker.check(not duplicate, "quarter",
                      N_("This quarter is already registered for the program: edit that row."))
        checker.done()
        return []

    def for_quarter(self, year: int, quarter: int) -> list[DigitalUseRecord]:
        """This quarter's rows (from every device)."""
        return self.list(year=year, quarter=quarter)

    def in_period(self, period: Period) -> list[DigitalUseRecord]:
        """Rows of every quarter the period touches."""
        return self.list(period)

    def list(self, period: Period | None = None, **equals: Any) -> list[DigitalUseRecord]:
        """Live rows, newest year first; a period selects every quarter it touches.

        (The rows hold a year and a quarter, not a date: comparing `year` with the
        period's dates, as the generic `list` would, matched nothing.)
        """
        rows = super().list(None, **equals)
        if period is None:
            return rows
        quarters = set(period.quarters())
        return [r for r in rows if (r.year, r.quarter) in quarters]
