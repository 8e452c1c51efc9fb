"""The quarterly Excel workbook: Summary, breakdowns, open meetings, talks, digital,
evaluations, trend, Data, Definitions and About, in the report's language.

`write_report(store, options, path, progress, cancelled)` reads everything through
`store.stats`, writes to a temporary file beside `path` and renames it into place, so a
cancelled or failed export never leaves a half workbook that looks whole.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, Reference
from openpyxl.workbook import Workbook

from forebygg_desktop.core import fsretry, settings
from forebygg_desktop.core.errors import OutputDiskFullError, UserError
from forebygg_desktop.core.files import is_disk_full, write_private
from forebygg_desktop.core.i18n import N_, UI_LANGUAGES
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.quiet_gc import collector_paused
from forebygg_desktop.core.reports import layout
from forebygg_desktop.core.reports.data_rows import write_meetings
from forebygg_desktop.core.reports.fast_rows import FastRows
from forebygg_desktop.core.reports.printing import ROW_PT
from forebygg_desktop.core.reports.reference_sheets import (
    ROW_STEP,
    about_sheet,
    data_rows,
    data_sheet,
    data_title,
    definitions_sheet,
    page_texts,
)
from forebygg_desktop.core.reports.release_cells import ReportProtection, protect_report
from forebygg_desktop.core.reports.sheets import SheetWriter, split_breakdown, table_widths
from forebygg_desktop.core.reports.summary import summary_table
from forebygg_desktop.core.reports.tables import TEXT, ReportTable
from forebygg_desktop.core.reports.texts import CatalogNames, ReportTexts
from forebygg_desktop.core.stats.collect import LocalityFacts, MeetingFacts
from forebygg_desktop.core.stats.service import ReportData
from forebygg_desktop.core.targets import check_target

if TYPE_CHECKING:
    from forebygg_desktop.core.store import Store

Progress = Callable[[int, int, str], None]
__all__ = ["ROW_STEP", "ReportOptions", "write_report", "write_workbook"]


class ReportCancelledError(UserError):
    msgid = N_("The report was cancelled; no file was written.")


class ReportWriteError(UserError):
    msgid = N_("The report could not be written to {path}: {detail}")


@dataclass(frozen=True)
class ReportOptions:
    period: Period
    language: str = "sv"
    # None: no suppression (the unit's own use); else the threshold, e.g. 5.
    suppress: int | None = None


def period_text(period: Period, tx: ReportTexts) -> str:
    """"3:e kvartalet 2026", "2026" or "1 jan. 2026 – 15 feb. 2026" in the report's language."""
    if period == Period.quarter_of(period.start):
        return tx.quarter(period.start.year, quarter_number(period.start))
    if period == Period.year(period.start.year):
        return str(period.start.year)
    return f"{tx.date(period.start)} – {tx.date(period.end)}"


def catalog_names(store: Store) -> CatalogNames:
    return CatalogNames(
        programs={p.code: p.names for p in store.catalog.programs(include_inactive=True)},
        languages={lang.code: lang.names for lang in
                   store.catalog.languages(include_inactive=True)},
        localities={loc.code: loc.name for loc in store.catalog.localities(include_inactive=True)},
        questionnaires=questionnaire_names(store), questions=question_texts(store))


def questionnaire_names(store: Store) -> dict[str, dict[str, str]]:
    """Each questionnaire's title in every interface language."""
    out: dict[str, dict[str, str]] = {}
    for questionnaire in store.evaluations.questionnaires():
        out[questionnaire.code] = {lang: questionnaire.title(lang) for lang in UI_LANGUAGES}
    return out


def question_texts(store: Store) -> dict[str, dict[str, dict[str, str]]]:
    """Each question's text in every interface language its questionnaire has (the latest
    version's wording; an item only older versions had keeps its last wording)."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for questionnaire in store.evaluations.questionnaires():  # by version, oldest first
        items = out.setdefault(questionnaire.code, {})
        for item in questionnaire.items:
            items[item.code] = {lang: questionnaire.text(item.code, lang)
                                for lang in UI_LANGUAGES if lang in questionnaire.languages}
    return out


class Steps:
    """Progress (`done` of `total`, with what is being written) and where a cancel takes
    effect."""

    def __init__(self, total: int, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled

    def __call__(self, label: str, n: int = 1) -> None:
        self.to(label, self.done + n)

    def to(self, label: str, done: int) -> None:
        """As far as `done` (never back)."""
        if self._cancelled is not None and self._cancelled():
            raise ReportCancelledError()
        self.done = max(self.done, done)
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total, label)


# Progress steps of the sheets other than Data.
SHEET_STEPS = 11


def write_report(store: Store, options: ReportOptions, path: Path,
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, force: bool = False) -> Path:
    """Build the workbook of `options.period` at `path` (atomically); returns `path`.

    `path` is never the database, a backup, the log or another kind of file; an existing
    workbook is replaced only with `force` (the user agreed).

    The Data sheet's rows (a decade: ≈ 130,000 meetings) are written while the meetings are
    read for the figures — one read of them, in the figures' snapshot, so the sheet holds
    the meetings the figures counted — and its progress runs over the period's days.
    Python's cycle collector is paused meanwhile (`quiet_gc`: the report makes millions of
    short-lived objects and no cycles).
    """
    with collector_paused():
        return _write_report(store, options, path, progress, cancelled, force)


def _write_report(store: Store, options: ReportOptions, path: Path, progress: Progress | None,
                  cancelled: Callable[[], bool] | None, force: bool) -> Path:
    check_target(path, "report", data_dir=store.data_dir, database=store.path, force=force)
    texts = ReportTexts(options.language, catalog_names(store))
    period = options.period
    days = 0 if options.suppress else (period.end - period.start).days + 1
    steps = Steps(SHEET_STEPS + days, progress, cancelled)
    rows = None if options.suppress else data_rows()
    try:
        if rows is None:
            report = store.stats.report(period)
        else:
            title, yes_no = data_title(texts), (texts._("Yes"), texts._("No"))

            def fill(meetings: Iterator[MeetingFacts],
                     localities: Mapping[str, LocalityFacts]) -> None:
                assert rows is not None
                areas = {code: loc.area for code, loc in localities.items()}
                write_meetings(rows, meetings, texts, areas, yes_no,
                               lambda _n, day: steps.to(title, 0 if day is None
                                                        else (day - period.start).days + 1))

            report = store.stats.report(period, fill)
            steps.to(title, days)
        written = write_workbook(report, () if rows is None else rows, 0, path, texts,
                                 options.suppress, steps=steps,
                                 department=store.settings.get(settings.DEPARTMENT))
    finally:
        if rows is not None:
            rows.close()  # its temporary file, also when cancelled or failed
    from forebygg_desktop.core.reports.records import shown_figures

    store.reported.record(options.period, "workbook", options.language, options.suppress,
                          written, shown_figures(report, options.suppress))
    return written


def write_workbook(report: ReportData, meetings: Iterable[MeetingFacts] | FastRows,
                   meeting_count: int, path: Path, tx: ReportTexts, threshold: int | None,
                   progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   now: datetime | None = None, department: str = "",
                   protection: ReportProtection | None = None,
                   steps: Steps | None = None) -> Path:
    """Write a workbook from report data already read (the benchmark and tests use this).

    `meetings`: the Data sheet's meetings (`meeting_count` of them), or its rows already
    written (`reference_sheets.data_rows`). `protection`: a decision already made for this
    report (e.g. together with other reports); by default the report is protected on its
    own. `steps`: progress already under way (else made of `progress` and `cancelled`)."""
    step = steps or Steps(SHEET_STEPS + meeting_count, progress, cancelled)
    book = Workbook(write_only=True)
    fast: list[FastRows] = []
    try:
        prot = protection or protect_report(report, threshold)
        _fill(book, report, meetings, tx, prot, step, now or datetime.now(), department, fast)
    except BaseException:
        _discard(book)
        for rows in fast:
            rows.close()
        raise
    return _save(book, path, fast)


def _discard(book: Workbook) -> None:
    """Close a write-only book that will not be saved and delete its temporary files."""
    for ws in book.worksheets:
        try:
            ws.close()
            ws._writer.cleanup()
        except Exception:  # a sheet never written to has nothing to clean up
            continue


def _fill(book: Workbook, report: ReportData, meetings: Iterable[MeetingFacts] | FastRows,
          tx: ReportTexts, prot: ReportProtection, step: Callable[..., None],
          now: datetime, department: str, fast: list[FastRows]) -> None:
    taken: set[str] = set()
    period_label = period_text(report.period, tx)
    page = page_texts(tx, department, period_label)
    yes_no = (tx._("Yes"), tx._("No"))
    current, earlier = report.comparison.current, report.comparison.year_earlier
    threshold = prot.threshold
    breakdowns = layout.breakdown_tables(report, tx, prot)

    def sheet(title: str, tables: list[ReportTable], freeze: str | None = "B3",
              minimum: list[float] | None = None) -> SheetWriter:
        widths = table_widths(tables)
        for index, width in enumerate(minimum or []):
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
        writer = SheetWriter(book, title, taken, tx.rtl, page, widths, freeze,
                             points_unit=tx.points_unit())
        # Too wide even at the smallest readable scale: the columns print over two pages,
        # the name columns repeated on each.
        names = next((i for i, c in enumerate(tables[0].columns) if c.kind != TEXT), 1)
        writer.column_breaks(title_columns=max(names, 1))
        writer.title_rows(title, f"{tx._('Period')}: {period_label}")
        return writer

    step(tx._("Summary"))
    summary = summary_table(current, earlier, tx, prot,
                            (period_label, period_text(report.period.year_earlier(), tx)))
    evaluations = layout.evaluation_table(current, tx, prot)
    evaluations.title = tx._("Evaluations")
    shown = [summary, evaluations] if current.evaluations or earlier.evaluations else [summary]
    ws = sheet(tx._("Summary"), shown, freeze="B5")
    for table in shown:
        ws.table(table, yes_no)

    for name, title in (("program", tx._("Programs")), ("locality", tx._("Localities")),
                        ("area", tx._("Areas")), ("language", tx._("Languages"))):
        step(title)
        parts = split_breakdown(breakdowns[name], tx)
        ws = sheet(title, parts)
        rows = [ws.table(part, yes_no) for part in parts]
        first, last = rows[1]
        if name == "program" and last >= first:
            _bar_chart(ws, tx._("Participant visits in groups, per program"), parts[1], first,
                       last, [parts[1].column("visits_total")])

    step(tx._("Open meetings"))
    opens = layout.open_tables(current, report, tx, prot)
    for table, caption in zip(opens, (tx._("By program"), tx._("By locality")), strict=False):
        table.title = caption
    ws = sheet(tx._("Open meetings"), opens)
    for table in opens:
        ws.table(table, yes_no)

    step(tx._("Advice talks"))
    talks = layout.talk_tables(current, tx, prot)
    ws = sheet(tx._("Advice talks"), talks, minimum=[len(tx._("Advice talks held")) + 2])
    ws.append([tx._("Advice talks held"), current.talks.talks])
    ws.append([])
    for table in talks:
        ws.table(table, yes_no)

    step(tx._("Digital programs"))
    digital = layout.digital_table(current, tx, prot)
    ws = sheet(tx._("Digital programs"), [digital])
    ws.table(digital, yes_no)

    step(tx._("Evaluations"))
    if current.evaluations:
        answers = [layout.evaluation_language_table(current, tx, prot),
                   *layout.item_tables(current, tx, prot)]
        ws = sheet(tx._("Evaluations"), answers)
        for table in answers:
            ws.table(table, yes_no)

    step(tx._("Trend"))
    trend = layout.trend_table(report, tx, prot)
    ws = sheet(tx._("Trend"), [trend], freeze="B5")
    first, last = ws.table(trend, yes_no)
    if last >= first:
        _bar_chart(ws, tx._("Participant visits by quarter"), trend, first, last,
                   [trend.column("visits"), trend.column("open")])
        _bar_chart(ws, tx._("Share of men by quarter"), trend, first, last,
                   [trend.column("share_men")], percent=True)

    if not threshold:
        areas = {code: loc.area for code, loc in report.localities.items()}
        fast.append(data_sheet(book, taken, tx, page, meetings, areas, yes_no, step))
    step(tx._("Definitions"))
    definitions_sheet(book, taken, tx, page)
    step(tx._("About"))
    about_sheet(book, taken, tx, page, report, prot, now)


# A chart's height in sheet rows (7.5 cm at 15 pt a row, and a row between charts).
CHART_ROWS = 15


def _bar_chart(ws: SheetWriter, title: str, table: ReportTable, first: int, last: int,
               value_columns: list[int], percent: bool = False) -> None:
    """A native column chart below what the sheet holds so far, on one page."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.height, chart.width = 7.5, 16
    for col in value_columns:
        chart.add_data(Reference(ws.ws, min_col=col + 1, min_row=first - 1, max_row=last),
                       titles_from_data=True)
    chart.set_categories(Reference(ws.ws, min_col=1, min_row=first, max_row=last))
    if percent:
        chart.y_axis.numFmt = "0%"
        chart.legend = None
    ws.keep((CHART_ROWS + 1) * ROW_PT)
    ws.append([])
    ws.ws.add_chart(chart, f"A{ws.row + 1}")
    for _row in range(CHART_ROWS):
        ws.append([])


def _save(book: Workbook, path: Path, fast: list[FastRows]) -> Path:
    part = path.with_name(path.name + ".part")
    try:
        # The workbook without its spliced Data rows is small: made in memory, so a full disk
        # fails in our write (openpyxl's own archive, left open on ENOSPC, printed a
        # traceback when it was collected at exit).
        content = io.BytesIO()
        book.save(content)
        write_private(part, content.getvalue())
        for rows in fast:
            rows.splice(part)
        fsretry.replace(part, path)
    except BaseException as error:
        # Its sheets' temporary files go now, not at exit, and no sheet is left half-written
        # for the garbage collector to finish on a closed file.
        _discard(book)
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        if not isinstance(error, OSError):
            raise
        if is_disk_full(error):
            raise OutputDiskFullError(folder=str(path.parent)) from error
        raise ReportWriteError(path=str(path), detail=error.strerror or str(error)) from error
    finally:
        for rows in fast:
            rows.close()
    return path
