"""The Reports area: pick a period, see the indicators and charts, export the workbook.

The figures come from the same core functions as the workbook (`store.stats` and
`core.reports.layout` / `summary`), labelled in the interface language.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import (
    N_,
    _,
    format_quarter,
    ngettext,
    separated,
)
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.release_cells import ReportProtection
from forebygg_desktop.core.reports.tables import Hidden
from forebygg_desktop.core.reports.workbook import ReportOptions
from forebygg_desktop.gui.areas.reports.chart import BarChart
from forebygg_desktop.gui.areas.reports.export import ExportJob
from forebygg_desktop.gui.areas.reports.figures_view import ReportView, read_report_view
from forebygg_desktop.gui.areas.reports.reported import ReportedPanel
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.choices import interface_language_items
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.date_field import date_edit
from forebygg_desktop.gui.widgets.heading import heading_label
from forebygg_desktop.gui.widgets.last_folder import PDF, REPORT, save_file
from forebygg_desktop.gui.widgets.save_target import pdf_target_error

CUSTOM = "custom"


def period_choices(today: date) -> list[tuple[str, Any]]:
    """The last eight quarters, the last three years and a custom range."""
    items: list[tuple[str, Any]] = []
    quarter = Period.quarter_of(today)
    for _step in range(8):
        year, number = quarter.quarters()[0]
        items.append((quarter.code, lambda y=year, n=number: format_quarter(y, n)))
        quarter = Period.quarter_of(quarter.start - timedelta(days=1))
    for year in (today.year, today.year - 1, today.year - 2):
        items.append((str(year), lambda y=year: str(y)))
    items.append((CUSTOM, lambda: _("Custom range…")))
    return items


class ReportsPage(Retranslatable):
    # An export ended: written, failed or cancelled (see last_path / last_error).
    export_done = Signal()
    # The figures of the chosen period are on screen (they are read off the screen's thread).
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or date.today()
        self.job: ExportJob | None = None
        self._generation = 0
        self._reading = self._again = False
        self.last_path: Path | None = None
        self.last_error: UserError | None = None
        self.heading = heading_label(self)

        self.period_label = QLabel(self)
        self.period_combo = CodeCombo(self)
        self.period_combo.set_items(period_choices(self.today))
        self.period_label.setBuddy(self.period_combo)
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.from_edit = date_edit(self, Period.quarter_of(self.today).start)
        self.to_edit = date_edit(self, self.today)
        self.from_label.setBuddy(self.from_edit)
        self.to_label.setBuddy(self.to_edit)
        self.suppress_box = QCheckBox(self)
        self.threshold_label = QLabel(self)
        self.threshold = QSpinBox(self)
        self.threshold.setRange(*settings.SUPPRESSION_THRESHOLDS)
        self.threshold.setValue(ctx.store.settings.get(settings.SUPPRESSION_THRESHOLD))
        self.threshold_label.setBuddy(self.threshold)
        # A year's workbook written with its four quarters', protected as one release.
        self.together_box = QCheckBox(self)
        self.together_box.setChecked(bool(ctx.store.settings.get(settings.REPORT_WITH_QUARTERS)))
        self.together_box.toggled.connect(self._remember_together)
        self.together_note = QLabel(self)
        self.together_note.setWordWrap(True)
        self.together_note.setObjectName("together-note")
        self.language_label = QLabel(self)
        self.language_combo = CodeCombo(self)
        self.language_combo.setMinimumContentsLength(8)
        self.language_combo.set_items(interface_language_items())
        self.language_combo.set_code("sv")
        self.language_label.setBuddy(self.language_combo)

        picker = QGridLayout()
        picker.addWidget(self.period_label, 0, 0)
        picker.addWidget(self.period_combo, 0, 1)
        picker.addWidget(self.from_label, 0, 2)
        picker.addWidget(self.from_edit, 0, 3)
        picker.addWidget(self.to_label, 0, 4)
        picker.addWidget(self.to_edit, 0, 5)
        # The protection box on a line of its own: beside the limit and the workbook's
        # language it made the page wider than 1366×768 at 150 % in English and Somali.
        picker.addWidget(self.suppress_box, 1, 0, 1, 6)
        picker.addWidget(self.threshold_label, 2, 0)
        picker.addWidget(self.threshold, 2, 1, Qt.AlignmentFlag.AlignLeading)
        picker.addWidget(self.language_label, 2, 2)
        picker.addWidget(self.language_combo, 2, 3)
        picker.addWidget(self.together_box, 3, 0, 1, 2)
        picker.addWidget(self.together_note, 3, 2, 1, 5)
        picker.setColumnStretch(6, 1)

        self.table = QTableWidget(self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # The charts scroll on their own: at 150 % on a 1366×768 laptop, or in Arabic's
        # taller script, their full height would push the page past the screen.
        self.chart_scroller = QScrollArea(self)
        self.chart_scroller.setObjectName("chart-scroller")
        self.chart_scroller.setWidgetResizable(True)
        self.chart_scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        chart_panel = QWidget(self.chart_scroller)
        self.program_chart = BarChart(chart_panel)
        self.trend_chart = BarChart(chart_panel)
        charts = QVBoxLayout(chart_panel)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.program_chart)
        charts.addWidget(self.trend_chart)
        charts.addStretch(1)
        self.chart_scroller.setWidget(chart_panel)
        # Never narrower than the charts (labels and values would be cut off).
        self.chart_scroller.setMinimumWidth(
            chart_panel.minimumSizeHint().width()
            + self.chart_scroller.verticalScrollBar().sizeHint().width())
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addWidget(self.chart_scroller, 2)

        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.choose_and_export)
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(self.choose_and_write_summary)
        self.reported = ReportedPanel(ctx, self)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton(self)
        self.folder_button = QPushButton(self)
        for button in (self.open_button, self.folder_button):
            button.setVisible(False)
        self.open_button.clicked.connect(lambda: self._open_local(self.last_path))
        self.folder_button.clicked.connect(
            lambda: self._open_local(self.last_path.parent if self.last_path else None))
        actions = QHBoxLayout()
        actions.addWidget(self.export_button)
        actions.addWidget(self.pdf_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.open_button)
        actions.addWidget(self.folder_button)

        layout_ = QVBoxLayout(self)
        layout_.addWidget(self.heading)
        layout_.addLayout(picker)
        self.protection: ReportProtection | None = None
        self.protection_note = QLabel(self)
        self.protection_note.setObjectName("protection-note")
        self.protection_note.setWordWrap(True)
        layout_.addWidget(self.protection_note)
        layout_.addLayout(body, 1)
        layout_.addWidget(self.reported)
        layout_.addLayout(actions)
        layout_.addWidget(self.status)

        self.period_combo.currentIndexChanged.connect(self.refresh)
        self.from_edit.dateChanged.connect(self.refresh)
        self.to_edit.dateChanged.connect(self.refresh)
        self.suppress_box.toggled.connect(self.refresh)
        self.together_box.toggled.connect(self.refresh)
        self.threshold.valueChanged.connect(self.refresh)
        # A bound method, not a lambda: Qt drops it when this widget is deleted.
        ctx.ops.changed.connect(self._on_changed)
        self.retranslate_ui()
        self.refresh()

    # --- period and figures --------------------------------------------------------------

    def period(self) -> Period:
        code = self.period_combo.current_code()
        if code == CUSTOM:
            start, end = self.from_edit.value(), self.to_edit.value()
            assert start is not None and end is not None  # neither field is optional
            return Period(min(start, end), max(start, end))
        return Period.parse(code)

    def threshold_value(self) -> int | None:
        return self.threshold.value() if self.suppress_box.isChecked() else None

    def can_protect_together(self) -> bool:
        """A suppressed report of a whole year can be protected with its quarters."""
        code = self.period_combo.current_code()
        return self.suppress_box.isChecked() and code is not None and code.isdigit()

    def with_quarters(self) -> bool:
        return self.can_protect_together() and self.together_box.isChecked()

    def _remember_together(self, checked: bool) -> None:
        if checked != self.ctx.store.settings.get(settings.REPORT_WITH_QUARTERS):
            self.ctx.ops.run(lambda store: store.settings.set(settings.REPORT_WITH_QUARTERS,
                                                              checked))

    def refresh(self) -> None:
        """Work the figures out on the reader; `refreshed` once they are on screen."""
        custom = self.period_combo.current_code() == CUSTOM
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(custom)
        self.threshold.setEnabled(self.suppress_box.isChecked())
        self.together_box.setEnabled(self.can_protect_together())
        # Its three lines only where the choice can be made (a suppressed year): at 150 % on
        # a 1366×768 laptop they took the figures table's rows (3 of them were left).
        self.together_note.setVisible(self.can_protect_together())
        if self._reading:
            self._again = True  # one read at a time: the newest choice is read next
            return
        period, threshold = self.period(), self.threshold_value()
        together = self.with_quarters()
        self._generation += 1
        generation = self._generation
        self._reading = True
        self.ctx.ops.read(
            lambda store: read_report_view(store, period, threshold, ReportedPanel.read,
                                           with_quarters=together),
            lambda view: self._show(view, generation),
            lambda _error: self._read_failed(generation))

    def _read_again(self) -> bool:
        """After a read: True when the choice changed meanwhile (and is being read now)."""
        self._reading = False
        if self._again:
            self._again = False
            self.refresh()
            return True
        return False

    def _read_failed(self, generation: int) -> None:
        if shiboken6.isValid(self) and not self._read_again():
            self.refreshed.emit()

    def _show(self, view: ReportView, generation: int) -> None:
        if not shiboken6.isValid(self) or self._read_again():
            return  # the page closed, or another period was chosen meanwhile
        if view.refused is not None or view.protection is None:
            self.protection = None
            self.protection_note.setText(view.refused.message() if view.refused else "")
            self.table.clear()
            self.table.setRowCount(0)
            self.program_chart.set_bars([])
            self.trend_chart.set_bars([])
            self.reported.show_read(view.reported)
            self.refreshed.emit()
            return
        self.protection = view.protection
        # Protected with the year's quarters, the note names them (as the About sheet does).
        self.protection_note.setText(protection_text(view.protection))
        self.table.clear()
        self.table.setColumnCount(len(view.headers))
        self.table.setRowCount(len(view.rows))
        self.table.setHorizontalHeaderLabels(list(view.headers))
        for r, row in enumerate(view.rows):
            for c, text in enumerate(row):
                # The same text as the workbook's cell: changes signed, shares' changes in
                # percentage points, never "-0".
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setToolTip(text)  # the measure's name, in full where elided
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        # The figures keep their full width ("+8 dhibcood boqolkiiba" in Somali); the
        # measures' names take what is left and elide, with the name as tooltip.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 0
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.program_chart.set_title(_("Participant visits in groups, per program"))
        self.program_chart.set_bars(list(view.program_bars))
        self.trend_chart.set_title(_("Participant visits by quarter"))
        self.trend_chart.set_bars(list(view.trend_bars))
        self.reported.show_read(view.reported)
        self.refreshed.emit()

    # --- export --------------------------------------------------------------------------

    def choose_and_export(self) -> None:
        name = f"forebygg-{self.period().code.replace('..', '_')}.xlsx"
        path = save_file(self.ctx, REPORT, self, _("Save report"), name,
                         _("Excel workbook (*.xlsx)"))
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the workbook off the UI thread, with progress and cancel."""
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        options = ReportOptions(self.period(), self.language_combo.current_code() or "sv",
                                self.threshold_value())
        self.last_path, self.last_error = None, None
        self.job = ExportJob(self.ctx.store, options, path, self,
                             with_quarters=self.with_quarters())
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._export_finished)
        self.job.failed.connect(self._failed)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.export_button.setEnabled(False)
        for button in (self.open_button, self.folder_button):
            button.setVisible(False)
        self.status.setText(_("Writing the report…"))
        self.job.start()

    def choose_and_write_summary(self) -> None:
        name = f"forebygg-{self.period().code.replace('..', '_')}.pdf"
        path = save_file(self.ctx, PDF, self, _("Save summary"), name, _("PDF document (*.pdf)"))
        if path is not None:
            self.write_summary(path)

    def write_summary(self, path: Path) -> None:
        """The one-page summary PDF (a second or so: written here, the cursor busy)."""
        from forebygg_desktop.render.summary_pdf import write_summary_pdf

        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        options = ReportOptions(self.period(), self.language_combo.current_code() or "sv",
                                self.threshold_value())
        self.last_path, self.last_error = None, None
        refusal = pdf_target_error(self.ctx, path)  # never over the program's own files
        if refusal is not None:
            self._failed(refusal)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = write_summary_pdf(self.ctx.store, options, path)
        except UserError as error:
            self._failed(error)
            return
        except OSError as error:
            self._failed(UserError(N_("The report could not be written to {path}: {detail}"),
                                   path=str(path), detail=error.strerror or str(error)))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._finished(written)
        self.reported.show_period(options.period)

    def cancel_export(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"%p %  {label}")

    def _end(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.export_button.setEnabled(True)

    def _finished(self, path: Path, keep_status: bool = False) -> None:
        self._end()
        self.reported.show_period(self.period())
        self.last_path = path
        if not keep_status:
            self.status.setText(_("The report was saved: {path}").format(path=path))
        for button in (self.open_button, self.folder_button):
            button.setVisible(True)
        self.export_done.emit()

    def _export_finished(self, path: Path) -> None:
        written = self.job.written if self.job is not None else [path]
        if len(written) > 1:
            self.status.setText(_(
                "The report was saved: {path}. Its quarters' workbooks, protected together "
                "with it, are beside it: {names}").format(
                    path=path, names=separated(p.name for p in written[1:])))
        self._finished(path, keep_status=len(written) > 1)

    def _failed(self, error: UserError) -> None:
        self._end()
        self.last_error = error
        self.status.setText(error.message())
        self.export_done.emit()

    @staticmethod
    def _open_local(path: Path | None) -> None:
        if path is not None:  # a local file URL: never anything on a network
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Reports"))
        self.table.setAccessibleName(_("Summary"))
        self.period_label.setText(_("&Period:"))
        self.period_combo.relabel()
        self.from_label.setText(_("&From:"))
        self.to_label.setText(_("&To:"))
        self.suppress_box.setText(_("&Suppress small numbers (for reports leaving the unit)"))
        self.threshold_label.setText(_("T&hreshold:"))
        self.together_box.setText(_("Protect together with the year's &quarters"))
        self.together_note.setText(_(
            "For a year: its four quarter workbooks are written beside it again (replacing "
            "earlier ones of the same name), so that the year and its quarters, published "
            "side by side, cannot be subtracted to find a hidden figure."))
        self.language_label.setText(_("Workbook &language:"))
        self.export_button.setText(_("&Export to Excel…"))
        self.pdf_button.setText(_("Summary as P&DF…"))
        self.cancel_button.setText(_("Cancel"))
        self.open_button.setText(_("&Open file"))
        self.folder_button.setText(_("Show &folder"))
        # Rebuilt on the next pass, not inside Qt's LanguageChange walk over the children:
        # replacing child widgets during that walk crashed Qt.
        # With the page as context: a page deleted before the pass drops the call.
        QTimer.singleShot(0, self, self.refresh)

    def _on_changed(self, _change: object) -> None:
        self.refresh()


def protection_text(prot: ReportProtection) -> str:
    """What the figures on screen are: unsuppressed (staff view) or suppressed and audited."""
    if prot.threshold is None:
        return _("Staff view: figures are shown unsuppressed, small numbers included. For use "
                 "within the unit only; tick the box to see them as a shared report shows them.")
    decision = prot.protection
    return ngettext(
        "Small numbers hidden (shown as ..): {n} figure. Checked: no hidden figure can be "
        "worked out from this report, nor shown to be below {k}.",
        "Small numbers hidden (shown as ..): {n} figures. Checked: no hidden figure can be "
        "worked out from this report, nor shown to be below {k}.",
        len(decision.hidden)).format(n=len(decision.hidden), k=prot.threshold) + (
        " " + _("Protected together with the reports of {periods}.").format(
            periods=separated(decision.together)) if decision.together else "")


def _number(value: Any) -> float | None:
    return None if isinstance(value, Hidden) or value is None else float(value)
