"""The columns of the digital-program list."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.i18n import N_, format_quarter
from forebygg_desktop.core.store.records import DigitalUseRecord
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.paged_model import PagedRecordModel
from forebygg_desktop.gui.widgets.record_table import CODE, Column, count_text


def digital_model(names: CatalogNames, ops: Operations | None = None,
                  parent: Any = None) -> PagedRecordModel[DigitalUseRecord]:
    return PagedRecordModel([
        Column(N_("Quarter"), lambda r: format_quarter(r.year, r.quarter), field="period"),
        Column(N_("Program"), lambda r: names.program(r.program_code), field="program_code",
               kind=CODE, labels=names.program_labels),
        Column(N_("Logins handed out"), lambda r: count_text(r.logins_handed_out), numeric=True,
               field="logins_handed_out"),
        Column(N_("Started"), lambda r: count_text(r.started), numeric=True, field="started"),
        Column(N_("Completed"), lambda r: count_text(r.completed), numeric=True,
               field="completed"),
    ], ops, parent)
