"""The columns of the series list and of one series' meetings."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.codes import MEETING_KINDS, SERIES_STATUSES
from forebygg_desktop.core.i18n import N_, _, format_number
from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.core.store.records import MeetingRecord
from forebygg_desktop.gui.operations import Operations
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.field_errors import WARNING_SIGN
from forebygg_desktop.gui.widgets.paged_model import PagedRecordModel
from forebygg_desktop.gui.widgets.record_table import (
    CODE,
    DATE,
    EMPTY,
    TEXT,
    Column,
    code_labels,
    count_text,
    date_text,
)


def interpreter_text(value: bool | None) -> str:
    if value is None:
        return EMPTY
    return _("Yes") if value else _("No")


def series_status_text(row: SeriesRow) -> str:
    label = SERIES_STATUSES.label(row.status)
    return f"{WARNING_SIGN} {label}" if row.needs_attention else label


def meetings_text(row: SeriesRow) -> str:
    planned = EMPTY if row.planned_meetings is None else format_number(row.planned_meetings)
    return f"{format_number(row.meetings_held)} / {planned}"


def series_model(names: CatalogNames, ops: Operations | None = None,
                 parent: Any = None) -> PagedRecordModel[SeriesRow]:
    return PagedRecordModel([
        Column(N_("Program"), lambda r: names.program(r.program_code), field="program_code",
               kind=CODE, labels=names.program_labels),
        Column(N_("Locality"), lambda r: names.locality(r.locality_code),
               field="locality_code", kind=CODE, labels=names.locality_labels),
        Column(N_("Venue"), lambda r: r.venue or EMPTY, field="venue", kind=TEXT),
        Column(N_("Language"), lambda r: names.language(r.language_code),
               field="language_code", kind=CODE, labels=names.language_labels),
        Column(N_("Start"), lambda r: date_text(r.first_meeting or r.planned_start),
               field="start", kind=DATE),
        Column(N_("Latest meeting"), lambda r: date_text(r.last_meeting),
               field="last_meeting", kind=DATE),
        Column(N_("Meetings"), meetings_text, numeric=True, field="meetings_held"),
        Column(N_("Status"), series_status_text, field="status", kind=CODE,
               labels=lambda: code_labels(SERIES_STATUSES, SERIES_STATUSES.label),
               tooltip=lambda r: _("A planned meeting date has passed with no attendance "
                                   "registered.") if r.needs_attention else ""),
    ], ops, parent)


def meeting_model(ops: Operations | None = None,
                  parent: Any = None) -> PagedRecordModel[MeetingRecord]:
    return PagedRecordModel([
        Column(N_("No."), lambda r: format_number(r.number), numeric=True, field="number"),
        Column(N_("Date"), lambda r: date_text(r.held_on), field="held_on", kind=DATE),
        Column(N_("Kind"), lambda r: MEETING_KINDS.label(r.kind), field="kind", kind=CODE,
               labels=lambda: code_labels(MEETING_KINDS, MEETING_KINDS.label)),
        Column(N_("Minutes"), lambda r: count_text(r.minutes), numeric=True, field="minutes"),
        Column(N_("Women"), lambda r: count_text(r.women), numeric=True, field="women"),
        Column(N_("Men"), lambda r: count_text(r.men), numeric=True, field="men"),
        Column(N_("Other"), lambda r: count_text(r.other_gender), numeric=True,
               field="other_gender"),
        Column(N_("Total"), lambda r: count_text(r.attendance), numeric=True,
               field="attendance"),
        Column(N_("Other adults"), lambda r: count_text(r.other_adults), numeric=True,
               field="other_adults"),
        Column(N_("Children"), lambda r: count_text(r.children), numeric=True,
               field="children"),
        Column(N_("Interpreter"), lambda r: interpreter_text(r.interpreter),
               field="interpreter"),
    ], ops, parent)
