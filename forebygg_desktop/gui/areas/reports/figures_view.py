"""What the reports page shows for a period, worked out off the screen's thread.

Reading a decade of a central store's figures takes seconds; the page asks the reader
(`ops.read`) for a `ReportView` and only puts its texts on screen. Nothing here calls Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import current_language
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports import layout
from forebygg_desktop.core.reports.release_cells import ReportProtection, protect_report
from forebygg_desktop.core.reports.summary import summary_table
from forebygg_desktop.core.reports.tables import COUNT, Hidden
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.reports.together import protect_year_with_quarters, year_and_quarters
from forebygg_desktop.core.reports.workbook import catalog_names, period_text
from forebygg_desktop.core.stats.service import ReportData
from forebygg_desktop.core.store import Store

Bar = tuple[str, float | None, str]


@dataclass(frozen=True)
class ReportView:
    period: Period
    report: ReportData
    protection: ReportProtection | None
    refused: UserError | None = None
    headers: tuple[str, ...] = ()
    # Each row: its texts; the first column is a label, the others numbers.
    rows: tuple[tuple[str, ...], ...] = ()
    program_bars: tuple[Bar, ...] = ()
    trend_bars: tuple[Bar, ...] = ()
    reported: Any = None
    with_quarters: bool = False  # protected together with the year's quarters


def _number(value: Any) -> float | None:
    return None if isinstance(value, Hidden) or value is None else float(value)


def read_report_view(store: Store, period: Period, threshold: int | None,
                     read_reported: Any, with_quarters: bool = False) -> ReportView:
    """The figures, their protection and every text of the page (runs on the reader).

    `with_quarters` (a suppressed year): the year is protected together with its quarters,
    the decision the exported workbooks of the year and its quarters get, so the screen
    shows no figure those files hide."""
    joint = threshold if with_quarters and period == Period.year(period.start.year) else None
    together = joint is not None
    if joint is not None:
        reports = {p.code: store.stats.report(p) for p in year_and_quarters(period.start.year)}
        report = reports[period.code]
    else:
        report = store.stats.report(period)
    reported = read_reported(store, period, report)
    tx = ReportTexts(current_language(), catalog_names(store))
    try:
        # One release, audited, as the workbook (and with the quarters when they go together).
        prot = (protect_year_with_quarters(reports, joint)[period.code] if joint is not None
                else protect_report(report, threshold))
    except UserError as error:
        return ReportView(period, report, None, refused=error, reported=reported)
    current, earlier = report.comparison.current, report.comparison.year_earlier
    summary = summary_table(current, earlier, tx, prot,
                            (period_text(period, tx), period_text(period.year_earlier(), tx)))
    rows = tuple(tuple(value if c == 0 else tx.cell(value, summary.cell_kind(r, c))
                       for c, value in enumerate(row)) for r, row in enumerate(summary.rows))
    programs = layout.breakdown_tables(report, tx, prot)["program"]
    total = programs.column("visits_total")
    trend = layout.trend_table(report, tx, prot)
    visits = trend.column("visits")
    return ReportView(
        period, report, prot, headers=tuple(c.header for c in summary.columns), rows=rows,
        program_bars=tuple((row[0], _number(row[total]), tx.cell(row[total], COUNT))
                           for row in programs.rows),
        trend_bars=tuple((row[0], _number(row[visits]), tx.cell(row[visits], COUNT))
                         for row in trend.rows),
        reported=reported, with_quarters=together)
