"""The quarterly Excel workbook: Summary, breakdowns, open meetings, talks, digital,
evaluations, trend, Data, Definitions and About, in the report's language.

`write_report(store, options, path, progress, cancelled)` reads everything through
`store.stats`, writes to a temporary file beside `path` and renames it into place, so a
cancelled or failed export never leaves a half workbook that looks whole.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from forebygg_desktop import __version__
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.reports import layout
from forebygg_desktop.core.reports.definitions import DEFINITIONS, QUARTER_RULE
from forebygg_desktop.core.reports.fast_rows import FastRows
from forebygg_desktop.core.reports.sheets import SheetWriter, table_widths
from forebygg_desktop.core.reports.summary import summary_table
from forebygg_desktop.core.reports.tables import DATE, TEXT, Column, ReportTable
from forebygg_desktop.core.reports.texts import CatalogNames, ReportTexts
from forebygg_desktop.core.stats.collect import MeetingFacts
from forebygg_desktop.core.stats.service import ReportData

if TYPE_CHECKING:
    from forebygg_desktop.core.store import Store

REPORT_FORMAT_VERSION = 1
Progress = Callable[[int, int, str], None]
# How often (in Data rows) progress is reported and cancelling is checked.
ROW_STEP = 500


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
        localities={loc.code: loc.name for loc in store.catalog.localities(include_inactive=True)})


def write_report(store: Store, options: ReportOptions, path: Path,
                 progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> Path:
    """Build the workbook of `options.period` at `path` (atomically); returns `path`."""
    report = store.stats.report(options.period)
    # The Data sheet streams the meetings from the database (a decade: ≈ 250,000 rows).
    meetings: Iterable[MeetingFacts] = () if options.suppress else \
        store.stats.meetings(options.period)
    # As many as the figures counted (the same rule: live meetings of live series).
    count = 0 if options.suppress else report.comparison.current.groups.meetings
    texts = ReportTexts(options.language, catalog_names(store))
    try:
        return write_workbook(report, meetings, count, path, texts, options.suppress,
                              progress=progress, cancelled=cancelled)
    finally:
        close = getattr(meetings, "close", None)
        if close is not None:
            close()  # ends the read of a cancelled or failed Data sheet at once


def write_workbook(report: ReportData, meetings: Iterable[MeetingFacts], meeting_count: int,
                   path: Path, tx: ReportTexts, threshold: int | None,
                   progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None,
                   now: datetime | None = None) -> Path:
    """Write a workbook from report data already read (the benchmark and tests use this)."""
    sheets_total = 10
    total = sheets_total + meeting_count
    done = 0

    def step(label: str, n: int = 1) -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise ReportCancelledError()
        done += n
        if progress is not None:
            progress(min(done, total), total, label)

    book = Workbook(write_only=True)
    fast: list[FastRows] = []
    try:
        _fill(book, report, meetings, tx, threshold, step, now or datetime.now(), fast)
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


def _fill(book: Workbook, report: ReportData, meetings: Iterable[MeetingFacts],
          tx: ReportTexts, threshold: int | None, step: Callable[..., None],
          now: datetime, fast: list[FastRows]) -> None:
    taken: set[str] = set()
    period_label = period_text(report.period, tx)
    yes_no = (tx._("Yes"), tx._("No"))
    current, earlier = report.comparison.current, report.comparison.year_earlier
    protected = (layout.protect_breakdowns(report, tx, threshold),
                 layout.protect_breakdowns(report, tx, threshold, year_earlier=True))

    def sheet(title: str, tables: list[ReportTable], freeze: str | None = "A5",
              extra: list[float] | None = None) -> SheetWriter:
        widths = table_widths(tables) + (extra or [])
        writer = SheetWriter(book, title, taken, tx.rtl, f"{title} – {period_label}", widths,
                             freeze)
        writer.title_rows(title, f"{tx._('Period')}: {period_label}")
        return writer

    step(tx._("Summary"))
    summary = summary_table(current, earlier, tx, threshold, protected,
                            (period_label, period_text(report.period.year_earlier(), tx)))
    ws = sheet(tx._("Summary"), [summary])
    ws.table(summary, yes_no)
    if current.evaluations or earlier.evaluations:
        ws.title_rows(tx._("Evaluations"), "")
        ws.table(layout.evaluation_table(current, tx, threshold), yes_no)

    for name, title in (("program", tx._("Programs")), ("locality", tx._("Localities")),
                        ("area", tx._("Areas")), ("language", tx._("Languages"))):
        step(title)
        table = protected[0].tables[name]
        ws = sheet(title, [table])
        first, last = ws.table(table, yes_no)
        if name == "program" and last >= first:
            _bar_chart(ws, tx._("Participant visits per program"), table, first, last,
                       [table.column("visits_total")], len(table.columns) + 2)

    step(tx._("Open meetings"))
    opens = layout.open_tables(current, report, tx, threshold)
    ws = sheet(tx._("Open meetings"), opens, freeze="A4")
    for table in opens:
        ws.table(table, yes_no)

    step(tx._("Advice talks"))
    talks = layout.talk_tables(current, tx, threshold)
    ws = sheet(tx._("Advice talks"), talks, freeze="A4")
    ws.append([tx._("Advice talks held"), current.talks.talks])
    ws.append([])
    for table in talks:
        ws.table(table, yes_no)

    step(tx._("Digital programs"))
    digital = layout.digital_table(current, tx, threshold)
    ws = sheet(tx._("Digital programs"), [digital])
    ws.table(digital, yes_no)

    step(tx._("Trend"))
    trend = layout.trend_table(report, tx, threshold)
    ws = sheet(tx._("Trend"), [trend])
    first, last = ws.table(trend, yes_no)
    if last >= first:
        anchor = len(trend.columns) + 2
        _bar_chart(ws, tx._("Participant visits by quarter"), trend, first, last,
                   [trend.column("visits"), trend.column("open")], anchor)
        _bar_chart(ws, tx._("Share of men by quarter"), trend, first, last,
                   [trend.column("share_men")], anchor, row_offset=17, percent=True)

    if not threshold:
        areas = {code: loc.area for code, loc in report.localities.items()}
        _data_sheet(book, taken, tx, period_label, meetings, areas, yes_no, step, fast)
    step(tx._("Definitions"))
    _definitions_sheet(book, taken, tx, period_label)
    step(tx._("About"))
    _about_sheet(book, taken, tx, report, period_label, threshold, now)


def _bar_chart(ws: SheetWriter, title: str, table: ReportTable, first: int, last: int,
               value_columns: list[int], anchor_column: int, row_offset: int = 0,
               percent: bool = False) -> None:
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
    ws.ws.add_chart(chart, f"{get_column_letter(anchor_column)}{4 + row_offset}")


def _data_sheet(book: Workbook, taken: set[str], tx: ReportTexts, period_label: str,
                meetings: Iterable[MeetingFacts], areas: dict[str, str],
                yes_no: tuple[str, str], step: Callable[[str, int], None],
                fast: list[FastRows]) -> None:
    columns = layout.data_columns(tx)
    title = tx._("Data")
    widths = [max(len(c.header) + 4, 12 if c.kind != TEXT else 16) for c in columns]
    widths[columns.index(next(c for c in columns if c.key == "series"))] = 38
    ws = SheetWriter(book, title, taken, tx.rtl, f"{title} – {period_label}",
                     [float(w) for w in widths], "A2")
    ws.header(columns)
    date_cell = ws.value_cell
    pending = 0
    names: dict[tuple[str, str], str] = {}

    def name(kind: str, code: str, make: Callable[[str], str]) -> str:
        key = (kind, code)
        if key not in names:
            names[key] = make(code)
        return names[key]

    # The rows go straight to SpreadsheetML (fast_rows.py); openpyxl registers the date
    # cell's style, so the rows carry the same format as a cell it writes itself.
    rows = FastRows(sheet_number=len(book.worksheets), first_row=ws.row + 1,
                    columns=len(columns))
    sample = date_cell(datetime(2000, 1, 1).date(), DATE, yes_no)
    rows.set_style(0, int(getattr(sample, "style_id", 0)))
    fast.append(rows)
    for m in meetings:
        total = (None if m.women is None and m.men is None and m.other is None
                 else (m.women or 0) + (m.men or 0) + (m.other or 0))
        rows.append([
            m.held_on,
            f"{m.held_on.year}Q{quarter_number(m.held_on)}",
            name("p", m.program_code, tx.program), name("l", m.locality_code, tx.locality),
            areas.get(m.locality_code, ""), name("g", m.language_code, tx.language_name),
            m.series_id, m.number, yes_no[0] if m.kind == "booster" else yes_no[1], m.minutes,
            m.women, m.men, m.other, total, m.other_adults, m.children,
            "" if m.interpreter is None else yes_no[0] if m.interpreter else yes_no[1]])
        pending += 1
        if pending == ROW_STEP:
            step(title, pending)
            pending = 0
    step(title, pending)
    ws.row += rows.rows
    last = max(ws.row, 2)
    ref = f"A1:{get_column_letter(len(columns))}{last}"
    table = Table(displayName="Data", ref=ref,
                  tableStyleInfo=TableStyleInfo(name="TableStyleLight9", showRowStripes=True))
    table.tableColumns = [TableColumn(id=i, name=c.header) for i, c in enumerate(columns, 1)]
    table.autoFilter = AutoFilter(ref=ref)  # the filter buttons (write-only does not add them)
    with warnings.catch_warnings():
        # openpyxl warns in write-only mode even when the columns are given, as here.
        warnings.simplefilter("ignore", UserWarning)
        ws.ws.add_table(table)
    if ws.row == 1:
        ws.append([])  # an Excel table needs one data row, even an empty one


def _definitions_sheet(book: Workbook, taken: set[str], tx: ReportTexts,
                       period_label: str) -> None:
    title = tx._("Definitions")
    ws = SheetWriter(book, title, taken, tx.rtl, f"{title} – {period_label}", [34, 110], "A4")
    ws.title_rows(title, tx._(QUARTER_RULE))
    table = ReportTable("definitions", "", [])
    table.columns = [Column("figure", tx._("Figure"), TEXT),
                     Column("definition", tx._("How it is computed"), TEXT)]
    table.rows = [[tx._(name), tx._(text)] for _key, name, text in DEFINITIONS]
    ws.table(table, ("", ""))


def _about_sheet(book: Workbook, taken: set[str], tx: ReportTexts, report: ReportData,
                 period_label: str, threshold: int | None, now: datetime) -> None:
    title = tx._("About")
    ws = SheetWriter(book, title, taken, tx.rtl, f"{title} – {period_label}", [30, 60], None)
    ws.title_rows(tx._("About this report"), "")
    period = report.period
    suppression = (tx._("Applied: counts of people from 1 to {n} are hidden, and cells that "
                        "would reveal them").format(n=threshold - 1)
                   if threshold else tx._("Not applied (for use within the unit only)"))
    rows: list[list[object]] = [
        [tx._("Period"), period_label],
        [tx._("Period code"), period.code],
        [tx._("From"), ws.value_cell(period.start, DATE, ("", ""))],
        [tx._("To"), ws.value_cell(period.end, DATE, ("", ""))],
        [tx._("Generated"), now.strftime("%Y-%m-%d %H:%M")],
        [tx._("Program version"), f"Forebygg Desktop {__version__}"],
        [tx._("Report format version"), REPORT_FORMAT_VERSION],
        [tx._("Report language"), tx.language],
        [tx._("Suppression"), suppression],
        [tx._("Suppression threshold"), threshold or ""],
        [tx._("Data sheet"), tx._("Left out (suppression applied)") if threshold
         else tx._("Included")],
        [tx._("Devices whose data the report holds"), len(report.devices)],
    ]
    for row in rows:
        ws.append(row)
    for device in report.devices:
        label = device.name or tx._("(no name)")
        if device.this_device:
            label = f"{label} ({tx._('this laptop')})"
        ws.append([label, device.device_id])


def _save(book: Workbook, path: Path, fast: list[FastRows]) -> Path:
    part = path.with_name(path.name + ".part")
    try:
        book.save(part)
        for rows in fast:
            rows.splice(part)
        os.replace(part, path)
    except OSError as error:
        part.unlink(missing_ok=True)
        raise ReportWriteError(path=str(path), detail=error.strerror or str(error)) from error
    finally:
        for rows in fast:
            rows.close()
    return path
