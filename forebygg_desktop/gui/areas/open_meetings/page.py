"""Open meetings area: parents' cafés and lectures, listed per period."""

from __future__ import annotations

from forebygg_desktop.core.i18n import N_, _, format_date
from forebygg_desktop.core.store.records import OpenMeetingRecord
from forebygg_desktop.gui.areas.open_meetings.form import OpenMeetingForm
from forebygg_desktop.gui.areas.open_meetings.table import open_meeting_model
from forebygg_desktop.gui.pages import title_msgid
from forebygg_desktop.gui.widgets.period_list import PeriodListPage

TITLE = title_msgid("open_meetings")


class OpenMeetingsPage(PeriodListPage):
    area_key = "open_meetings"
    change_kind = "open_meeting"
    service_name = "open_meetings"
    title_msgid = TITLE
    new_msgid = N_("Register an open meeting…")
    empty_msgid = N_("No open meetings registered in this period.")
    table_model = staticmethod(open_meeting_model)
    form_class = OpenMeetingForm

    def describe(self, record: OpenMeetingRecord) -> str:
        return _("Delete the {kind} of {date}?").format(
            kind=self.names.program(record.program_code), date=format_date(record.held_on))
