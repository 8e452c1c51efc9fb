"""Advice talks area: anonymous contact series, listed per period."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.i18n import N_, _, format_date
from forebygg_desktop.core.store.records import TalkRecord
from forebygg_desktop.gui.forms.talk_form import TalkForm
from forebygg_desktop.gui.models.record_table import RecordTableModel
from forebygg_desktop.gui.models.registration_tables import CatalogNames, talk_model
from forebygg_desktop.gui.pages import PageSpec
from forebygg_desktop.gui.views.record_list import RecordListPage
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

TITLE = N_("Advice talks")


class TalksPage(RecordListPage):
    area_key = "talks"
    change_kind = "advice_talk"
    service_name = "talks"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retranslate_ui()

    def title(self) -> str:
        return _(TITLE)

    def new_text(self) -> str:
        return _("Register advice talks…")

    def empty_text(self) -> str:
        return _("No advice talks registered in this period.")

    def make_model(self) -> RecordTableModel[Any]:
        self.names = CatalogNames(self.ctx.store)
        return talk_model(self.names, self)

    def make_form(self, record: Any | None) -> RecordDialog:
        return TalkForm(self.ctx, record, self)

    def describe(self, record: TalkRecord) -> str:
        return _("Delete the advice talks that started {date}?").format(
            date=format_date(record.first_talk_on))


def page_spec() -> PageSpec:
    return PageSpec(key="talks", title=lambda: _(TITLE), factory=TalksPage)
