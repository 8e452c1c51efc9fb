"""The columns of the advice-talks list."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.codes import TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.i18n import N_, format_number
from forebygg_desktop.core.store.records import TalkRecord
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.paged_model import PagedRecordModel
from forebygg_desktop.gui.widgets.record_table import CODE, DATE, Column, code_labels, date_text


def talk_model(names: CatalogNames, ops: Operations | None = None,
               parent: Any = None) -> PagedRecordModel[TalkRecord]:
    return PagedRecordModel([
        Column(N_("First talk"), lambda r: date_text(r.first_talk_on), field="first_talk_on",
               kind=DATE),
        Column(N_("Talks"), lambda r: format_number(r.talks), numeric=True, field="talks"),
        Column(N_("Who came"), lambda r: WHO_CAME.label(r.who_came), field="who_came",
               kind=CODE, labels=lambda: code_labels(WHO_CAME, WHO_CAME.label)),
        Column(N_("Theme"), lambda r: names.theme(r.theme_code), field="theme_code",
               kind=CODE, labels=names.theme_labels),
        Column(N_("Language"), lambda r: names.language(r.language_code),
               field="language_code", kind=CODE, labels=names.language_labels),
        Column(N_("Locality"), lambda r: names.locality(r.locality_code),
               field="locality_code", kind=CODE, labels=names.locality_labels),
        Column(N_("Outcome"), lambda r: TALK_OUTCOMES.label(r.outcome), field="outcome",
               kind=CODE, labels=lambda: code_labels(TALK_OUTCOMES, TALK_OUTCOMES.label)),
    ], ops, parent)
