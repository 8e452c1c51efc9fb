"""One group series: its details, summary, meetings, and everything done to them.

"Register meeting" has focus when the page opens, so a repeat meeting is Enter, the
counts, Enter. Deletes ask once and offer Undo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.codes import CANCEL_REASONS, SERIES_STATUSES
from forebygg_desktop.core.errors import NotFoundError
from forebygg_desktop.core.i18n import N_, _, format_date, format_number, separated
from forebygg_desktop.core.store import Change
from forebygg_desktop.core.store.groups import GENDERS, STAGES
from forebygg_desktop.core.store.records import MeetingRecord, SeriesRecord
from forebygg_desktop.gui.areas.groups.meeting_form import MeetingForm
from forebygg_desktop.gui.areas.groups.series_form import GENDER_LABELS, STAGE_LABELS, SeriesForm
from forebygg_desktop.gui.areas.groups.status_form import StatusForm
from forebygg_desktop.gui.areas.groups.tables import meeting_model
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.catalog_names import CatalogNames
from forebygg_desktop.gui.widgets.heading import heading_label
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys
from forebygg_desktop.gui.widgets.notice_bar import NoticeBar
from forebygg_desktop.gui.widgets.record_dialog import RecordDialog
from forebygg_desktop.gui.widgets.record_list import (
    ActivatableTable,
    ask_to_delete,
    configure_table,
)
from forebygg_desktop.gui.widgets.record_table import EMPTY, count_text, isolated
from forebygg_desktop.gui.widgets.shortcuts import shortcut

TOTAL = N_("Total")


def _button(parent: QWidget, name: str) -> QPushButton:
    button = QPushButton(parent)
    button.setObjectName(name)
    return button


class SeriesView(Retranslatable):
    """Emits `back()` to return to the list, `series_deleted(id)` after a delete, and
    `gone(error)` when the series asked for no longer exists (deleted meanwhile: a list
    not yet refreshed, an undone registration, a draft of a deleted series)."""

    back = Signal()
    series_deleted = Signal(str)
    gone = Signal(object)

    def __init__(self, ctx: AppContext, names: CatalogNames,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.names = ctx, names
        self.confirm: Callable[[QWidget, str], bool] = ask_to_delete
        self.series: SeriesRecord | None = None
        self.form: RecordDialog | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.back_button = _button(self, "back")
        self.heading = heading_label(self)
        self.heading.setWordWrap(True)
        top.addWidget(self.back_button)
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        self.details = QLabel(self)
        self.details.setObjectName("series-details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        actions = QHBoxLayout()
        self.register_button = _button(self, "register-meeting")
        # Enter on the focused button opens the form (autoDefault outside a dialog).
        self.register_button.setAutoDefault(True)
        self.edit_series_button = _button(self, "edit-series")
        self.status_button = _button(self, "change-status")
        self.cancel_button = _button(self, "cancel-series")
        self.delete_series_button = _button(self, "delete-series")
        for button in (self.register_button, self.edit_series_button, self.status_button,
                       self.cancel_button, self.delete_series_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.notice = NoticeBar(self)
        layout.addWidget(self.notice)
        self.summary_box = QGroupBox(self)
        self._build_summary()
        layout.addWidget(self.summary_box)
        self.meetings_label = QLabel(self)
        meeting_actions = QHBoxLayout()
        meeting_actions.addWidget(self.meetings_label, 1)
        self.edit_meeting_button = _button(self, "edit-meeting")
        self.delete_meeting_button = _button(self, "delete-meeting")
        meeting_actions.addWidget(self.edit_meeting_button)
        meeting_actions.addWidget(self.delete_meeting_button)
        layout.addLayout(meeting_actions)
        self.filter = ListFilter(self, lambda text: self.model.set_filter_text(text))
        layout.addWidget(self.filter)
        self.model = meeting_model(ctx.ops, self)
        self.model.loaded.connect(self._meetings_loaded)
        self._keep_row = -1
        self.table = ActivatableTable(self)
        self.table.setObjectName("meetings-table")
        self.table.setModel(self.model)
        configure_table(self.table)
        self.meetings_label.setBuddy(self.table)
        layout.addWidget(self.table, 1)
        self.back_button.clicked.connect(self.back)
        self.register_button.clicked.connect(lambda: self.open_meeting_form(None))
        self.edit_series_button.clicked.connect(self.edit_series)
        self.status_button.clicked.connect(lambda: self.change_status(None))
        self.cancel_button.clicked.connect(lambda: self.change_status("cancelled"))
        self.delete_series_button.clicked.connect(self.delete_series)
        self.edit_meeting_button.clicked.connect(self._edit_current_meeting)
        self.delete_meeting_button.clicked.connect(self.delete_current_meeting)
        self.table.activated_row.connect(lambda row: self.open_meeting_form(self.model.record(row)))
        self.table.doubleClicked.connect(
            lambda index: self.open_meeting_form(self.model.record(index.row())))
        shortcut(QKeySequence("Ctrl+M"), self, lambda: self.open_meeting_form(None))
        shortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.back)
        # Ctrl+N registers a meeting, as it makes a new entry in every list.
        self.keys = ListKeys(self, self.table, self.filter,
                             new=lambda: self.open_meeting_form(None),
                             delete=self.delete_current_meeting,
                             new_button=self.register_button,
                             delete_button=self.delete_meeting_button)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        ctx.ops.changed.connect(self._on_changed)
        self.retranslate_ui()

    def _build_summary(self) -> None:
        grid = QGridLayout(self.summary_box)
        self._summary_headers: list[tuple[QLabel, str]] = []
        self.summary_cells: dict[tuple[str, str], QLabel] = {}
        for col, gender in enumerate((*GENDERS, "total"), start=1):
            header = QLabel(self.summary_box)
            self._summary_headers.append((header, GENDER_LABELS.get(gender, TOTAL)))
            grid.addWidget(header, 0, col)
        for row, stage in enumerate(STAGES, start=1):
            header = QLabel(self.summary_box)
            self._summary_headers.append((header, STAGE_LABELS[stage]))
            grid.addWidget(header, row, 0)
            for col, gender in enumerate((*GENDERS, "total"), start=1):
                cell = QLabel(self.summary_box)
                cell.setObjectName(f"summary-{stage}-{gender}")
                grid.addWidget(cell, row, col)
                self.summary_cells[(stage, gender)] = cell
        self.meeting_figures = QLabel(self.summary_box)
        self.meeting_figures.setObjectName("summary-meetings")
        grid.addWidget(self.meeting_figures, len(STAGES) + 1, 0, 1, 5)
        grid.setColumnStretch(5, 1)

    # --- showing ----------------------------------------------------------------------------
    def show_series(self, series_id: str) -> bool:
        """Show the series (False, after `gone`, when it no longer exists)."""
        self.notice.dismiss()
        try:
            self.series = self.ctx.store.groups.get_series(series_id)
        except NotFoundError as error:
            self._gone(error)
            return False
        self.refresh()
        self.register_button.setFocus()
        return True

    def title(self) -> str:
        if self.series is None:
            return ""
        parts = [self.names.program(self.series.program_code),
                 self.names.locality(self.series.locality_code)]
        if self.series.venue:
            parts.append(self.series.venue)
        return " – ".join(parts)

    def refresh(self) -> None:
        if self.series is None:
            return
        try:
            self.series = self.ctx.store.groups.get_series(self.series.id)
        except NotFoundError:
            self.series = None
            self.back.emit()
            return
        groups = self.ctx.store.groups
        self._keep_row = self.table.currentIndex().row()
        series_id = self.series.id
        self.model.set_loader(lambda store, query: store.lists.meetings(query, series_id))
        self.model.reload()
        self.summary = groups.summary(self.series.id)
        self._show_texts()

    def _show_texts(self) -> None:
        series = self.series
        if series is None:
            return
        self.heading.setText(self.title())
        status = SERIES_STATUSES.label(series.status)
        if series.status == "cancelled" and series.cancel_reason:
            status += f" ({CANCEL_REASONS.label(series.cancel_reason)})"
        start = isolated(format_date(series.planned_start)) if series.planned_start else EMPTY
        interpreters = separated(self.names.language(c) for c in series.interpreter_languages)
        self.details.setText(" · ".join(filter(None, [
            _("Status: {status}").format(status=status),
            _("Language: {language}").format(language=self.names.language(series.language_code)),
            _("Interpreter: {languages}").format(languages=interpreters) if interpreters else "",
            _("Planned start: {date}").format(date=start)])))
        for (stage, gender), cell in self.summary_cells.items():
            values = self.summary.stages[stage]
            value = self.summary.stage_total(stage) if gender == "total" else values[gender]
            cell.setText(count_text(value))
        planned = (EMPTY if self.summary.planned_meetings is None
                   else format_number(self.summary.planned_meetings))
        self.meeting_figures.setText(
            _("Meetings held: {held} of {planned} · Participant visits: {visits}").format(
                held=format_number(self.summary.meetings_held), planned=planned,
                visits=count_text(self.summary.participant_visits)))
        closed = series.status in ("completed", "cancelled")
        self.cancel_button.setEnabled(series.status != "cancelled")
        self.register_button.setEnabled(not closed or series.status == "completed")

    def _meetings_loaded(self) -> None:
        if 0 <= self._keep_row < self.model.rowCount():
            self.table.selectRow(self._keep_row)
        self._keep_row = -1

    def _on_changed(self, change: Change) -> None:
        if self.series is not None and (self.series.id in change.ids
                                        or change.affects()):
            self.refresh()

    # --- actions ----------------------------------------------------------------------------
    def _open(self, form: RecordDialog) -> RecordDialog:
        self.form = form
        form.saved.connect(self._saved)
        form.finished.connect(form.deleteLater)
        form.open()
        return form

    def _gone(self, error: NotFoundError) -> None:
        self.series = None
        self.gone.emit(error)

    def open_meeting_form(self, meeting: MeetingRecord | None) -> RecordDialog | None:
        if self.series is None:
            return None
        try:  # a new meeting's number and date are read from the series
            form = MeetingForm(self.ctx, self.series.id, self.title(), meeting, self)
        except NotFoundError as error:
            self._gone(error)
            return None
        return self._open(form)

    def _edit_current_meeting(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_meeting_form(self.model.record(index.row()))

    def edit_series(self) -> RecordDialog | None:
        if self.series is None:
            return None
        return self._open(SeriesForm(self.ctx, self.series, self))

    def change_status(self, status: str | None) -> RecordDialog | None:
        if self.series is None:
            return None
        return self._open(StatusForm(self.ctx, self.series, self.title(), status, self))

    def _saved(self, change: Change) -> None:
        self.notice.show_notice(lambda: _("Saved."))
        self.register_button.setFocus()

    def delete_current_meeting(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        meeting = self.model.record(index.row())
        question = _("Delete meeting {number} of {date}?").format(
            number=meeting.number, date=isolated(format_date(meeting.held_on)))
        if not self.confirm(self, question):
            return
        meeting_id = meeting.id
        self.ctx.ops.run(lambda store: store.groups.delete_meeting(meeting_id),
                         on_done=lambda _c: self.notice.show_notice(
                             lambda: _("Meeting deleted."), action_text=lambda: _("Undo"),
                             action=lambda: self._restore_meeting(meeting_id)))

    def _restore_meeting(self, meeting_id: str) -> None:
        self.ctx.ops.run(lambda store: store.groups.restore_meeting(meeting_id),
                         on_done=lambda _c: self.notice.show_notice(lambda: _("Restored.")))

    def delete_series(self) -> None:
        if self.series is None:
            return
        question = _("Delete the series {series} and its meetings?").format(series=self.title())
        if not self.confirm(self, question):
            return
        series_id = self.series.id
        self.ctx.ops.run(lambda store: store.groups.delete_series(series_id),
                         on_done=lambda _c: self.series_deleted.emit(series_id))

    def open_target(self, target: str) -> RecordDialog | None:
        """Open a form from a draft key (`groups/meeting/<series>/new`, …)."""
        parts = target.split("/")
        if parts[1] == "meeting":
            if not self.show_series(parts[2]):
                return None
            if parts[3] == "new":
                return self.open_meeting_form(None)
            meetings = self.ctx.store.groups.meetings(parts[2])
            meeting = next((m for m in meetings if m.id == parts[3]), None)
            return self.open_meeting_form(meeting) if meeting is not None else None
        if parts[1] in ("series", "status") and parts[2] != "new":
            if not self.show_series(parts[2]):
                return None
            return self.edit_series() if parts[1] == "series" else self.change_status(None)
        return None

    # --- language ---------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.back_button.setText(_("Back to the list"))
        self.back_button.setAccessibleName(_("Back to the group list"))
        self.register_button.setText(_("Register meeting…"))
        self.edit_series_button.setText(_("Correct series…"))
        self.status_button.setText(_("Change status…"))
        self.cancel_button.setText(_("Cancel series…"))
        self.delete_series_button.setText(_("Delete series…"))
        self.edit_meeting_button.setText(_("Correct meeting…"))
        self.delete_meeting_button.setText(_("Delete meeting…"))
        self.summary_box.setTitle(_("Summary"))
        self.meetings_label.setText(_("Meetings"))
        for header, msgid in self._summary_headers:
            header.setText(_(msgid))
        self.keys.retranslate_ui()
        self.model.refresh_texts()
        self._show_texts()
        if self.notice.isVisible():
            self.notice.retranslate_ui()
