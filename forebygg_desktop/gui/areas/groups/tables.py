"""The columns of every registration list: series, meetings, open meetings, talks, digital."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.codes import (
    MEETING_KINDS,
    SERIES_STATUSES,
    TALK_OUTCOMES,
    WHO_CAME,
)
from forebygg_desktop.core.i18n import N_, _, format_number, format_quarter
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.core.store.records import (
    DigitalUseRecord,
    MeetingRecord,
    OpenMeetingRecord,
    TalkRecord,
)
from forebygg_desktop.gui.models.record_table import (
    EMPTY,
    Column,
    RecordTableModel,
    count_text,
    date_text,
)
from forebygg_desktop.gui.widgets.field_errors import WARNING_SIGN


class CatalogNames:
    """Program, locality, language and theme names looked up at display time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.reload()

    def reload(self) -> None:
        catalog = self.store.catalog
        self.programs = {p.code: p for p in catalog.programs(include_inactive=True)}
        self.localities = {loc.code: loc.name for loc in catalog.localities(include_inactive=True)}
        self.languages = {lang.code: lang for lang in catalog.languages(include_inactive=True)}
        self.themes = {t.code: t for t in catalog.themes()}

    def program(self, code: str | None) -> str:
        info = self.programs.get(code or "")
        return info.name() if info else (code or EMPTY)

    def locality(self, code: str | None) -> str:
        return self.localities.get(code or "", code or EMPTY)

    def language(self, code: str | None) -> str:
        info = self.languages.get(code or "")
        return info.name() if info else (code or EMPTY)

    def theme(self, code: str | None) -> str:
        info = self.themes.get(code or "")
        return info.name() if info else (code or EMPTY)


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


def series_model(names: CatalogNames, parent: Any = None) -> RecordTableModel[SeriesRow]:
    return RecordTableModel([
        Column(N_("Program"), lambda r: names.program(r.program_code)),
        Column(N_("Locality"), lambda r: names.locality(r.locality_code)),
        Column(N_("Venue"), lambda r: r.venue or EMPTY),
        Column(N_("Language"), lambda r: names.language(r.language_code)),
        Column(N_("Start"), lambda r: date_text(r.first_meeting or r.planned_start)),
        Column(N_("Latest meeting"), lambda r: date_text(r.last_meeting)),
        Column(N_("Meetings"), meetings_text, numeric=True),
        Column(N_("Status"), series_status_text,
               tooltip=lambda r: _("A planned meeting date has passed with no attendance "
                                   "registered.") if r.needs_attention else ""),
    ], parent)


def meeting_model(parent: Any = None) -> RecordTableModel[MeetingRecord]:
    return RecordTableModel([
        Column(N_("No."), lambda r: format_number(r.number), numeric=True),
        Column(N_("Date"), lambda r: date_text(r.held_on)),
        Column(N_("Kind"), lambda r: MEETING_KINDS.label(r.kind)),
        Column(N_("Minutes"), lambda r: count_text(r.minutes), numeric=True),
        Column(N_("Women"), lambda r: count_text(r.women), numeric=True),
        Column(N_("Men"), lambda r: count_text(r.men), numeric=True),
        Column(N_("Other"), lambda r: count_text(r.other_gender), numeric=True),
        Column(N_("Total"), lambda r: count_text(r.attendance), numeric=True),
        Column(N_("Other adults"), lambda r: count_text(r.other_adults), numeric=True),
        Column(N_("Children"), lambda r: count_text(r.children), numeric=True),
        Column(N_("Interpreter"), lambda r: interpreter_text(r.interpreter)),
    ], parent)


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


def digital_model(names: CatalogNames,
                  parent: Any = None) -> RecordTableModel[DigitalUseRecord]:
    return RecordTableModel([
        Column(N_("Quarter"), lambda r: format_quarter(r.year, r.quarter)),
        Column(N_("Program"), lambda r: names.program(r.program_code)),
        Column(N_("Logins handed out"), lambda r: count_text(r.logins_handed_out), numeric=True),
        Column(N_("Started"), lambda r: count_text(r.started), numeric=True),
        Column(N_("Completed"), lambda r: count_text(r.completed), numeric=True),
    ], parent)
