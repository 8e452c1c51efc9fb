"""Evaluation results per series, program and period: n, mean and distribution per item.

Neither the mean nor the distribution of fewer answers than the suppression threshold is
shown (the core does not give them); the table says so in words (never by colour alone).

With "suppress small numbers" ticked, the tab shows a quarter's or a year's results as a
shared report shows them: the same protection call as the Reports page and the workbook
(`protect_report`), so every count is the release's cell, hidden ("..") where the report
hides it. Results of one series or program are not part of any report and are then not
offered.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QVBoxLayout,
)

from forebygg_desktop.core import settings
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import (
    _,
    current_language,
    format_number,
    format_percent,
    ngettext,
)
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.questionnaires import QuestionnaireError
from forebygg_desktop.core.reports.layout import ItemCells, item_cells
from forebygg_desktop.core.reports.release_cells import CURRENT, ReportProtection, protect_report
from forebygg_desktop.core.reports.tables import Hidden
from forebygg_desktop.core.stats.figures import EvaluationFigures
from forebygg_desktop.core.store.evaluation_records import (
    ItemResult,
    QuestionnaireResult,
    ResultFilter,
)
from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.core.store.unit import Change
from forebygg_desktop.gui.areas.evaluations.choices import (
    EMPTY_LIST,
    ChoiceSource,
    lazy_combo,
    refill,
)
from forebygg_desktop.gui.areas.evaluations.context import (
    questionnaire_label,
    questionnaire_title,
)
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.retranslate import Retranslatable
from forebygg_desktop.gui.widgets.item_lists import SortItem, fill_table, filter_table
from forebygg_desktop.gui.widgets.list_keys import ListFilter, ListKeys


class ResultsTab(Retranslatable):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.series, self.program, self.period = QComboBox(), QComboBox(), QComboBox()
        self.series_label, self.program_label, self.period_label = QLabel(), QLabel(), QLabel()
        self.source = ChoiceSource.of(ctx.ops)
        self.series_model = lazy_combo(self.series, self)
        self.source.ready.connect(self._fill_series)
        for label, combo in ((self.series_label, self.series),
                             (self.program_label, self.program),
                             (self.period_label, self.period)):
            label.setBuddy(combo)
            form.addRow(label, combo)
            combo.currentIndexChanged.connect(self.refresh)
        layout.addLayout(form)
        self.suppress_box = QCheckBox()
        self.suppress_box.toggled.connect(self.refresh)
        layout.addWidget(self.suppress_box)
        self.protection: ReportProtection | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.filter = ListFilter(self, lambda text: filter_table(self.table, text))
        self.keys = ListKeys(self, self.table, self.filter)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        ctx.ops.changed.connect(self._on_change)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # TRANSLATORS: the table of evaluation results per question, for screen readers.
        self.table.setAccessibleName(_("Results per question"))
        self.series_label.setText(_("Group &series"))
        self.program_label.setText(_("&Program"))
        self.period_label.setText(_("P&eriod"))
        self.suppress_box.setText(_("S&uppress small numbers as a shared report does "
                                    "(a quarter or a year, all groups)"))
        self.table.setHorizontalHeaderLabels([_("Question"), _("Answers (n)"), _("Mean"),
                                              _("Distribution"), _("Questionnaire")])
        self.keys.retranslate_ui()
        self._fill_filters()

    def _fill_filters(self) -> None:
        store = self.ctx.store
        programs = {p.code: p.name() for p in store.catalog.programs(True)}
        for combo in (self.series, self.program, self.period):
            combo.blockSignals(True)
        for combo in (self.program, self.period):
            combo.clear()
        self._fill_series()
        self.program.addItem(_("All"), None)
        for code, name in programs.items():
            self.program.addItem(name, code)
        self.period.addItem(_("All time"), None)
        year = date.today().year
        for y in (year, year - 1):
            self.period.addItem(str(y), str(y))
            for q in (1, 2, 3, 4):
                period = Period.quarter(y, q)
                if period.start <= date.today():
                    self.period.addItem(f"{y} Q{q}", period.code)
        for combo in (self.series, self.program, self.period):
            combo.blockSignals(False)
        self.refresh()

    def _fill_series(self) -> None:
        """"All", then every series (read once for the area, off the screen's thread)."""
        store = self.ctx.store
        programs = {p.code: p.name() for p in store.catalog.programs(True)}
        localities = {loc.code: loc.name for loc in store.catalog.localities(True)}
        choices = self.source.choices
        if choices is None:
            self.source.request()
        rows = choices.series if choices is not None else EMPTY_LIST

        def text(row: SeriesRow | None) -> str:
            if row is None:
                return _("All")
            return (f"{programs.get(row.program_code, row.program_code)} · "
                    f"{localities.get(row.locality_code, row.locality_code)}")

        refill(self.series, self.series_model, rows, text, head=((None, None),))
        if not self.series.signalsBlocked() and choices is not None:
            self.refresh()

    def current_filter(self) -> ResultFilter:
        period = self.period.currentData()
        return ResultFilter(series_id=self.series.currentData(),
                            program_code=self.program.currentData(),
                            period=Period.parse(period) if period else None)

    def _questionnaire_text(self, result: QuestionnaireResult | EvaluationFigures) -> str:
        """The questionnaire's title and the versions answered ("… (version 1/2)")."""
        if isinstance(result, EvaluationFigures):  # a report's figures: the latest title
            return questionnaire_title(
                self.ctx.store.evaluations.questionnaire(result.questionnaire_code))
        versions = "/".join(map(str, result.versions))
        try:
            questionnaire = self.ctx.store.evaluations.questionnaire(result.questionnaire_code)
        except UserError:
            return f"{result.questionnaire_code} ({versions})"
        return questionnaire_label(questionnaire, versions)

    def refresh(self) -> None:
        suppressed = self.suppress_box.isChecked()
        for combo in (self.series, self.program):
            if suppressed and combo.currentIndex() != 0:
                combo.blockSignals(True)
                combo.setCurrentIndex(0)  # "All": a report covers every group
                combo.blockSignals(False)
            combo.setEnabled(not suppressed)
        if suppressed and self.period.currentData() is None:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(1)  # this year: a report is of a period
            self.period.blockSignals(False)
        if suppressed:
            self._refresh_protected()
            return
        self.protection = None
        evaluations = self.ctx.store.evaluations
        results = evaluations.results(self.current_filter())
        rows = [(result, item) for result in results for item in result.items]
        cells = []
        for result, item in rows:
            mean = None if item.suppressed else item.mean
            cells.append([SortItem(self._item_text(result, item)),
                          SortItem(format_number(item.n), item.n),
                          SortItem(self._mean_text(result, item), mean),
                          SortItem(self._distribution_text(result, item)),
                          SortItem(self._questionnaire_text(result))])
        fill_table(self.table, cells)
        filter_table(self.table, self.filter.text())
        self.table.resizeColumnsToContents()
        total = sum(r.responses for r in results)
        threshold = results[0].threshold if results else 0
        self.summary.setText(ngettext(
            "{n} answer. Means and distributions of fewer than {k} answers are not shown.",
            "{n} answers. Means and distributions of fewer than {k} answers are not shown.",
            total).format(n=format_number(total), k=threshold))

    def _refresh_protected(self) -> None:
        """The period's results as the report of the period shows them (one decision)."""
        period = Period.parse(self.period.currentData())
        threshold = self.ctx.store.settings.get(settings.SUPPRESSION_THRESHOLD)
        report = self.ctx.store.stats.report(period)
        self.table.setRowCount(0)
        try:
            prot = protect_report(report, threshold)  # the Reports page's call
        except UserError as error:
            self.protection = None
            self.summary.setText(error.message())
            return
        self.protection = prot
        figures = report.comparison.current.evaluations
        rows = [(e, item, item_cells(prot, e.questionnaire_code, item))
                for e in figures for item in e.items]
        table_rows = []
        for e, item, cells in rows:
            answered = cells.answered if isinstance(cells.answered, int) else None
            mean = cells.mean if isinstance(cells.mean, float | int) else None
            table_rows.append([
                SortItem(self._question(e.questionnaire_code, item.code)),
                SortItem(_count(cells.answered), answered),
                SortItem("" if item.type == "yes_no" else _mean(cells), mean),
                SortItem(_values(item.type, cells)),
                SortItem(self._questionnaire_text(e))])
        fill_table(self.table, table_rows)
        filter_table(self.table, self.filter.text())
        self.table.resizeColumnsToContents()
        total = prot.show(("eval", CURRENT))
        self.summary.setText(_(
            "Answers: {n}. Shown as a shared report of the period shows them: counts below "
            "{k}, and counts that would give them away, are hidden (..); a mean only with "
            "every count it is made of.").format(n=_count(total), k=threshold))

    def _item_text(self, result: QuestionnaireResult, item: ItemResult) -> str:
        return self._question(result.questionnaire_code, item.code, max(result.versions))

    def _question(self, code: str, item: str, version: int | None = None) -> str:
        questionnaire = self.ctx.store.evaluations.questionnaire(code, version)
        language = current_language()
        shown = language if language in questionnaire.languages else "sv"
        try:
            return questionnaire.text(item, shown)
        except QuestionnaireError:  # an item only an older version had
            return item

    @staticmethod
    def _not_shown(result: QuestionnaireResult) -> str:
        return _("Not shown (fewer than {k})").format(k=result.threshold)

    def _mean_text(self, result: QuestionnaireResult, item: ItemResult) -> str:
        if item.suppressed:
            return self._not_shown(result)
        if item.mean is None:
            return ""
        if item.type == "yes_no":
            return _("{share} yes").format(share=format_percent(item.mean))
        return format_number(round(item.mean, 1))

    def _distribution_text(self, result: QuestionnaireResult, item: ItemResult) -> str:
        if item.type == "free_text":
            return ""
        if item.suppressed:
            return self._not_shown(result)
        if item.distribution is None:
            return ""
        if item.type == "yes_no":
            return _("Yes {yes} · No {no}").format(yes=item.distribution[0],
                                                   no=item.distribution[1])
        # Isolated left to right, so "1: 0 · 2: 3 …" keeps its order in Arabic too.
        return "\u2066" + " · ".join(f"{score}: {count}" for score, count in
                                      enumerate(item.distribution, start=1)) + "\u2069"

    def _on_change(self, change: object) -> None:
        if isinstance(change, Change) and change.affects("evaluation_response",
                                                         "group_series"):
            self.refresh()


def _count(value: object) -> str:
    if isinstance(value, Hidden):
        return value.text()
    return format_number(value if isinstance(value, int) else 0)


def _mean(cells: ItemCells) -> str:
    if isinstance(cells.mean, Hidden):
        return cells.mean.text()
    return "" if cells.mean is None else format_number(round(cells.mean, 1))


def _values(kind: str, cells: ItemCells) -> str:
    texts = [_count(v) for v in cells.values]
    if kind == "yes_no":
        return _("Yes {yes} · No {no}").format(yes=texts[0], no=texts[1])
    return "\u2066" + " · ".join(f"{score}: {text}" for score, text in
                                  enumerate(texts, start=1)) + "\u2069"
