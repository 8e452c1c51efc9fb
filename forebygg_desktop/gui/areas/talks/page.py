"""Advice talks area: anonymous contact series, listed per period."""

from __future__ import annotations

from forebygg_desktop.core.i18n import N_, _, format_date
from forebygg_desktop.core.store.records import TalkRecord
from forebygg_desktop.gui.areas.talks.form import TalkForm
from forebygg_desktop.gui.areas.talks.table import talk_model
from forebygg_desktop.gui.pages import title_msgid
from forebygg_desktop.gui.widgets.period_list import PeriodListPage

TITLE = title_msgid("talks")


class TalksPage(PeriodListPage):
    area_key = "talks"
    change_kind = "advice_talk"
    service_name = "talks"
    title_msgid = TITLE
    new_msgid = N_("Register advice talks…")
    empty_msgid = N_("No advice talks registered in this period.")
    table_model = staticmethod(talk_model)
    form_class = TalkForm

    def describe(self, record: TalkRecord) -> str:
        return _("Delete the advice talks that started {date}?").format(
            date=format_date(record.first_talk_on))
