"""The columns of the open-meetings list."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.core.store.records import OpenMeetingRecord
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.paged_model import PagedRecordModel
from forebygg_desktop.gui.widgets.record_table import (
    CODE,
    DATE,
    Column,
    count_text,
    date_text,
)


def open_meeting_model(names: CatalogNames, ops: Operations | None = None,
                       parent: Any = None) -> PagedRecordModel[OpenMeetingRecord]:
    return PagedRecordModel([
        Column(N_("Date"), lambda r: date_text(r.held_on), field="held_on", kind=DATE),
        Column(N_("Kind"), lambda r: names.program(r.program_code), field="program_code",
               kind=CODE, labels=names.program_labels),
        Column(N_("Theme"), lambda r: names.theme(r.theme_code), field="theme_code",
               kind=CODE, labels=names.theme_labels),
        Column(N_("Locality"), lambda r: names.locality(r.locality_code),
               field="locality_code", kind=CODE, labels=names.locality_labels),
        Column(N_("Language"), lambda r: names.language(r.language_code),
               field="language_code", kind=CODE, labels=names.language_labels),
        Column(N_("Women"), lambda r: count_text(r.women), numeric=True, field="women"),
        Column(N_("Men"), lambda r: count_text(r.men), numeric=True, field="men"),
        Column(N_("Other"), lambda r: count_text(r.other_gender), numeric=True,
               field="other_gender"),
        Column(N_("Total"), lambda r: count_text(r.attendance) + (" ≈" if r.estimated else ""),
               numeric=True, tooltip=lambda r: _("Estimated") if r.estimated else "",
               field="attendance"),
    ], ops, parent)
