"""The columns of the advice-talks list."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.codes import TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.i18n import N_, format_number
from forebygg_desktop.core.store.records import TalkRecord
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.record_table import Column, RecordTableModel, date_text


def talk_model(names: CatalogNames, parent: Any = None) -> RecordTableModel[TalkRecord]:
    return RecordTableModel([
        Column(N_("First talk"), lambda r: date_text(r.first_talk_on)),
        Column(N_("Talks"), lambda r: format_number(r.talks), numeric=True),
        Column(N_("Who came"), lambda r: WHO_CAME.label(r.who_came)),
        Column(N_("Theme"), lambda r: names.theme(r.theme_code)),
        Column(N_("Language"), lambda r: names.language(r.language_code)),
        Column(N_("Locality"), lambda r: names.locality(r.locality_code)),
        Column(N_("Outcome"), lambda r: TALK_OUTCOMES.label(r.outcome)),
    ], parent)
