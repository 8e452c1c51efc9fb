"""Digital programs area: logins handed out, started and completed per quarter."""

from __future__ import annotations

from datetime import date
from typing import Any

from forebygg_desktop.core.i18n import N_, _, format_quarter
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import DigitalUseRecord
from forebygg_desktop.gui.areas.digital.form import DigitalForm
from forebygg_desktop.gui.areas.digital.table import digital_model
from forebygg_desktop.gui.pages import title_msgid
from forebygg_desktop.gui.widgets.period_list import PeriodListPage

TITLE = title_msgid("digital")


class DigitalPage(PeriodListPage):
    area_key = "digital"
    change_kind = "digital_use"
    service_name = "digital"
    title_msgid = TITLE
    new_msgid = N_("Register a quarter…")
    empty_msgid = N_("No digital-program use registered in this period.")
    table_model = staticmethod(digital_model)
    form_class = DigitalForm

    def fetch(self, store: Store, period: Period | None) -> list[Any]:
        rows = store.digital.in_period(period) if period else store.digital.list()
        return sorted(rows, key=lambda r: (-r.year, -r.quarter, r.program_code))

    def record_day(self, record: DigitalUseRecord) -> date:
        return Period.quarter(record.year, record.quarter).start

    def describe(self, record: DigitalUseRecord) -> str:
        return _("Delete {program}, {quarter}?").format(
            program=self.names.program(record.program_code),
            quarter=format_quarter(record.year, record.quarter))
