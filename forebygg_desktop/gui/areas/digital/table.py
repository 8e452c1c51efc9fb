"""The columns of the digital-program list."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.i18n import N_, format_quarter
from forebygg_desktop.core.store.records import DigitalUseRecord
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.record_table import Column, RecordTableModel, count_text


def digital_model(names: CatalogNames,
                  parent: Any = None) -> RecordTableModel[DigitalUseRecord]:
    return RecordTableModel([
        Column(N_("Quarter"), lambda r: format_quarter(r.year, r.quarter)),
        Column(N_("Program"), lambda r: names.program(r.program_code)),
        Column(N_("Logins handed out"), lambda r: count_text(r.logins_handed_out), numeric=True),
        Column(N_("Started"), lambda r: count_text(r.started), numeric=True),
        Column(N_("Completed"), lambda r: count_text(r.completed), numeric=True),
    ], parent)
