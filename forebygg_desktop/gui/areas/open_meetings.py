"""Open meetings area: parents' cafés and lectures, listed per period."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.i18n import N_, _, format_date
from forebygg_desktop.core.store.records import OpenMeetingRecord
from forebygg_desktop.gui.forms.open_meeting_form import OpenMeetingForm
from forebygg_desktop.gui.models.record_table import RecordTableModel
from forebygg_desktop.gui.models.registration_tables import CatalogNames, open_meeting_model
from forebygg_desktop.gui.pages import PageSpec
from forebygg_desktop.gui.views.record_list import RecordListPage
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

TITLE = N_("Open meetings")


class OpenMeetingsPage(RecordListPage):
    area_key = "open_meetings"
    change_kind = "open_meeting"
    service_name = "open_meetings"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retranslate_ui()

    def title(self) -> str:
        return _(TITLE)

    def new_text(self) -> str:
        return _("Register an open meeting…")

    def empty_text(self) -> str:
        return _("No open meetings registered in this period.")

    def make_model(self) -> RecordTableModel[Any]:
        self.names = CatalogNames(self.ctx.store)
        return open_meeting_model(self.names, self)

    def make_form(self, record: Any | None) -> RecordDialog:
        return OpenMeetingForm(self.ctx, record, self)

    def describe(self, record: OpenMeetingRecord) -> str:
        return _("Delete the {kind} of {date}?").format(
            kind=self.names.program(record.program_code), date=format_date(record.held_on))


def page_spec() -> PageSpec:
    return PageSpec(key="open_meetings", title=lambda: _(TITLE), factory=OpenMeetingsPage)
