"""Create or correct a group series; a new one gets the program's defaults filled in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from forebygg_desktop.core import settings
from forebygg_desktop.core.codes import COMPOSITIONS, DELIVERY_MODES
from forebygg_desktop.core.i18n import N_, _, ngettext, pgettext, separated
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.groups import GENDERS, STAGES
from forebygg_desktop.core.store.records import SeriesData, SeriesRecord
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.check_list import CheckList
from forebygg_desktop.gui.widgets.choices import (
    code_items,
    group_program_items,
    language_items,
    locality_items,
    none_item,
)
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.date_field import date_edit
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog

STAGE_LABELS = {"registered": N_("Registered"), "started": N_("Started"),
                "completed": N_("Completed"), "dropped": N_("Dropped out")}
GENDER_LABELS = {"women": N_("Women"), "men": N_("Men"), "other": N_("Other or not stated")}


def series_draft_key(series_id: str | None = None) -> str:
    return f"groups/series/{series_id}" if series_id else "groups/series/new"


class SeriesForm(RecordDialog):
    def __init__(self, ctx: AppContext, series: SeriesRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, series_draft_key(series.id if series else None), parent)
        self.series = series
        self.setObjectName("series-form")
        self.setMinimumWidth(720)  # the 4 × 3 count grid with its headers
        store = ctx.store
        program = self.add_field("program_code", lambda: _("Program"), CodeCombo(self))
        program.set_items(group_program_items(store, include_inactive=series is not None))
        self.program_hint = QLabel(self)
        self.form.addRow("", self.program_hint)
        locality = self.add_field("locality_code", lambda: _("Locality"), CodeCombo(self))
        locality.set_items(locality_items(store))
        self.add_field("venue", lambda: _("Venue"), QLineEdit(self)).setMaxLength(128)
        language = self.add_field("language_code", lambda: _("Language of the group"),
                                  CodeCombo(self))
        language.set_items(language_items(store))
        interpreter = self.add_field("interpreter_language", lambda: _("Interpreter language"),
                                     CodeCombo(self))
        interpreter.set_items([none_item(lambda: pgettext("interpreter", "No interpreter")),
                               *language_items(store)])
        self.add_field("delivery_mode", lambda: _("Delivery"), CodeCombo(self)).set_items(
            code_items(DELIVERY_MODES))
        self.add_field("composition", lambda: _("Group composition"), CodeCombo(self)).set_items(
            code_items(COMPOSITIONS))
        self.add_field("planned_meetings", lambda: _("Planned meetings"),
                       CountSpin(self, maximum=100, minimum=1))
        self.add_field("planned_start", lambda: _("Planned start"),
                       date_edit(self, optional=True))
        leaders = self.add_field("leader_ids", lambda: _("Group leaders"), CheckList(self))
        # Leaders no longer active still show on the series they led.
        current = set(series.leader_ids) if series else set()
        leaders.set_items((person.id, person.name)
                          for person in store.catalog.staff(include_inactive=True)
                          if person.active or person.id in current)
        self._build_counts()
        program.currentIndexChanged.connect(self._program_changed)
        if series is not None:
            values = asdict(series)
            languages = series.interpreter_languages
            values["interpreter_language"] = languages[0] if languages else None
        else:
            values = {"locality_code": store.settings.get(settings.DEFAULT_LOCALITY),
                      "language_code": "sv", "planned_start": date.today()}
        self.finish(values, focus="program_code")
        if series is None and not ctx.store.drafts.load(self.draft_key):
            self._program_changed()
            # The program's planned meetings are part of what the form starts with: Cancel
            # on an untouched form must not ask whether to discard "changes".
            self._initial = self.values()
        self._show_program_hint()

    def _build_counts(self) -> None:
        self.count_caption = QLabel(self)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        column.addLayout(grid)
        self._count_headers: list[tuple[QLabel, str]] = []
        for col, gender in enumerate(GENDERS, start=1):
            header = QLabel(box)
            header.setWordWrap(True)
            self._count_headers.append((header, GENDER_LABELS[gender]))
            grid.addWidget(header, 0, col)
        self._count_names: dict[str, tuple[str, str]] = {}
        for row, stage in enumerate(STAGES, start=1):
            header = QLabel(box)
            self._count_headers.append((header, STAGE_LABELS[stage]))
            grid.addWidget(header, row, 0)
            for col, gender in enumerate(GENDERS, start=1):
                name = f"{stage}_{gender}"
                spin = CountSpin(box)
                spin.setObjectName(f"field-{name}")
                grid.addWidget(spin, row, col)
                if col == 1:
                    header.setBuddy(spin)
                self._count_names[name] = (stage, gender)
                self.track(name, spin)
        for name in self._count_names:
            column.addWidget(self.errors.register(name, self.fields[name], box))
        self.form.addRow(self.count_caption, box)

    def _program_changed(self) -> None:
        """A new series takes the program's planned number of meetings."""
        self._show_program_hint()
        if self.series is not None or self._loading:
            return
        info = self.ctx.store.catalog.program(self.combo("program_code").current_code())
        if info is not None and info.default_meetings:
            self.fields["planned_meetings"].set_count(info.default_meetings)  # type: ignore[attr-defined]

    def _show_program_hint(self) -> None:
        info = self.ctx.store.catalog.program(self.combo("program_code").current_code())
        if info is None or not info.default_meetings:
            self.program_hint.clear()
            return
        meetings = ngettext("Usually {count} meeting", "Usually {count} meetings",
                            info.default_meetings).format(count=info.default_meetings)
        minutes = (ngettext("{count} minute each", "{count} minutes each", info.default_minutes)
                   .format(count=info.default_minutes) if info.default_minutes else "")
        self.program_hint.setText(separated(t for t in (meetings, minutes) if t))

    def draft_title(self) -> str:
        info = self.ctx.store.catalog.program(self.combo("program_code").current_code())
        name = info.name() if info else ""
        return (_("Series – {program}").format(program=name) if self.series
                else _("New series – {program}").format(program=name))

    def retranslate_form(self) -> None:
        title = _("Correct the series") if self.series else _("New group series")
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.count_caption.setText(_("Participants"))
        for header, msgid in self._count_headers:
            header.setText(_(msgid))
        for name, (stage, gender) in self._count_names.items():
            self.fields[name].setAccessibleName(
                f"{_(STAGE_LABELS[stage])}, {_(GENDER_LABELS[gender])}")
        if hasattr(self, "program_hint"):
            self._show_program_hint()

    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        interpreter = values.pop("interpreter_language")
        extra = self.series.interpreter_languages[1:] if self.series else ()
        values["interpreter_languages"] = tuple(
            dict.fromkeys(((interpreter,) if interpreter else ()) + tuple(extra)))
        data = SeriesData(**values)
        if self.series is None:
            return lambda store: store.groups.create_series(data)
        series_id = self.series.id
        return lambda store: store.groups.update_series(series_id, data)
