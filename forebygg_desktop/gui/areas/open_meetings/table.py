"""The columns of the open-meetings list."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.core.store.records import OpenMeetingRecord
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.record_table import (
    Column,
    RecordTableModel,
    count_text,
    date_text,
)


def open_meeting_model(names: CatalogNames,
                       parent: Any = None) -> RecordTableModel[OpenMeetingRecord]:
    return RecordTableModel([
        Column(N_("Date"), lambda r: date_text(r.held_on)),
        Column(N_("Kind"), lambda r: names.program(r.program_code)),
        Column(N_("Theme"), lambda r: names.theme(r.theme_code)),
        Column(N_("Locality"), lambda r: names.locality(r.locality_code)),
        Column(N_("Language"), lambda r: names.language(r.language_code)),
        Column(N_("Women"), lambda r: count_text(r.women), numeric=True),
        Column(N_("Men"), lambda r: count_text(r.men), numeric=True),
        Column(N_("Other"), lambda r: count_text(r.other_gender), numeric=True),
        Column(N_("Total"), lambda r: count_text(r.attendance) + (" ≈" if r.estimated else ""),
               numeric=True, tooltip=lambda r: _("Estimated") if r.estimated else ""),
    ], parent)
