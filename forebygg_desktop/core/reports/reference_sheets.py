"""The workbook's reference sheets: Data (one row per meeting), Definitions and About; and
what every printed page of the workbook says in its header and footer."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable
from datetime import date, datetime

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from forebygg_desktop import __version__
from forebygg_desktop.core import i18n
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.reports import layout
from forebygg_desktop.core.reports.data_rows import BATCH, DATA_KEYS, write_meetings
from forebygg_desktop.core.reports.definitions import DEFINITIONS, QUARTER_RULE
from forebygg_desktop.core.reports.disclosure_texts import audit_rows
from forebygg_desktop.core.reports.fast_rows import FastRows
from forebygg_desktop.core.reports.printing import PageSetup, row_height
from forebygg_desktop.core.reports.release_cells import ReportProtection
from forebygg_desktop.core.reports.sheets import BOLD, PageTexts, SheetWriter, text_width
from forebygg_desktop.core.reports.tables import DATE, TEXT, Column, ReportTable
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.collect import MeetingFacts
from forebygg_desktop.core.stats.service import ReportData

REPORT_FORMAT_VERSION = 1
# How often (in Data rows) progress is reported and cancelling is checked.
ROW_STEP = BATCH

# Departments the program knows by name; another one is shown as its code, readably.
DEPARTMENT_NAMES = {
    "norrtalje-socialforvaltningen": N_("Norrtälje municipality, social services"),
}


def department_name(code: str, tx: ReportTexts) -> str:
    msgid = DEPARTMENT_NAMES.get(code)
    if msgid:
        return tx._(msgid)
    return code.replace("-", " ").replace("_", " ").strip().capitalize()


def page_texts(tx: ReportTexts, department: str, period_label: str) -> PageTexts:
    """Header (department, period) and footer ("Page 2 of 5") of every printed page."""
    return PageTexts(department=department_name(department, tx) if department else "",
                     period=period_label,
                     page=tx._("Page {page} of {pages}").format(page="&P", pages="&N"))


# Where the date's and the centred Yes / No's styles go in Data rows written before their
# sheet (openpyxl numbers a style only when the sheet's first cell uses it).
DATE_STYLE, FLAG_STYLE = "\x01", "\x02"
# The Data sheet's rows follow its header row.
DATA_FIRST_ROW = 2


def data_rows() -> FastRows:
    """Data rows to be written (`write_meetings`) before their sheet: its place and the
    styles of the date and Yes / No cells are put in by `data_sheet`."""
    rows = FastRows(sheet_number=0, first_row=DATA_FIRST_ROW, columns=len(DATA_KEYS))
    rows.defer_style(0, DATE_STYLE)
    for index, key in enumerate(DATA_KEYS):
        if key in ("booster", "interpreter"):  # centred Yes / No
            rows.defer_style(index, FLAG_STYLE)
    return rows


def data_title(tx: ReportTexts) -> str:
    """The Data sheet's name, in the report's language (also the rows' sheet reference)."""
    return tx._("Data")



def data_sheet(book: Workbook, taken: set[str], tx: ReportTexts, page: PageTexts,
               meetings: Iterable[MeetingFacts] | FastRows, areas: dict[str, str],
               yes_no: tuple[str, str], step: Callable[[str, int], None]) -> FastRows:
    """One row per meeting, an Excel table with filter buttons; printed in two column
    blocks (the date repeated), the header row on every page.

    The rows go straight to SpreadsheetML (`fast_rows.py`: openpyxl costs ≈ 15 µs a cell,
    half a minute for a decade), written here from `meetings` or already (`data_rows`,
    while the meetings were read for the figures); openpyxl registers the styles of the
    date and the centred yes/no cells, so the rows carry the same formats. The caller
    splices them in on save."""
    columns = layout.data_columns(tx)
    assert tuple(c.key for c in columns) == DATA_KEYS
    title = data_title(tx)
    widths = [float(max(min(len(c.header), 11) + 2, 8 if c.kind != TEXT else 14))
              for c in columns]
    def longest(names: Iterable[str], least: float) -> float:
        return min(max([least, *(math.ceil(text_width(n)) + 2 for n in names)]), 40)

    for key, width in (("program", longest(map(tx.program, tx.names.programs), 26)),
                       ("locality", 14), ("area", 16),
                       ("language", longest(map(tx.language_name, tx.names.languages), 14)),
                       ("held_on", 11), ("quarter", 10)):
        index = next(i for i, c in enumerate(columns) if c.key == key)
        widths[index] = max(widths[index], width)
    ws = SheetWriter(book, title, taken, tx.rtl, page, widths, "B2", repeat="1:1",
                     setup=PageSetup(landscape=True, scale=100))
    ws.column_breaks(title_columns=1)
    ws.header(columns)
    assert ws.row + 1 == DATA_FIRST_ROW
    if isinstance(meetings, FastRows):
        rows = meetings
    else:
        rows = data_rows()
        write_meetings(rows, meetings, tx, areas, yes_no, lambda n, _day: step(title, n))
    rows.sheet_number = len(book.worksheets)
    # openpyxl registers the date's and the centred Yes / No's styles (left-aligned text
    # beside right-aligned counts ran together); the rows carry the same.
    sample_date = ws.value_cell(date(2000, 1, 1), DATE, yes_no)
    sample_flag = ws._cell(yes_no[0], align=Alignment(horizontal="center"))
    rows.resolve_style(DATE_STYLE, int(getattr(sample_date, "style_id", 0)))
    rows.resolve_style(FLAG_STYLE, int(getattr(sample_flag, "style_id", 0)))
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
    return rows


def definitions_sheet(book: Workbook, taken: set[str], tx: ReportTexts,
                      page: PageTexts) -> None:
    """How each figure is computed; long texts wrap in rows tall enough for them."""
    title = tx._("Definitions")
    widths = [26.0, 62.0]
    ws = SheetWriter(book, title, taken, tx.rtl, page, widths, "A5", repeat="1:4")
    ws.title_rows(title, "")
    table = ReportTable("definitions", "", [Column("figure", tx._("Figure"), TEXT),
                                            Column("definition", tx._("How it is computed"),
                                                   TEXT)])
    ws.header(table.columns)
    wrap = Alignment(wrap_text=True, vertical="top")
    rows = [[tx._("Quarter rule"), tx._(QUARTER_RULE)],
            *[[tx._(name), tx._(text)] for _key, name, text in DEFINITIONS]]
    for figure, text in rows:
        height = row_height([figure, text], widths, bold=True)
        ws.append([ws._cell(figure, font=BOLD, align=wrap), ws._cell(text, align=wrap)],
                  height=height)


def about_sheet(book: Workbook, taken: set[str], tx: ReportTexts, page: PageTexts,
                report: ReportData, prot: ReportProtection, now: datetime) -> None:
    threshold = prot.threshold
    title = tx._("About")
    widths = [34.0, 50.0]
    ws = SheetWriter(book, title, taken, tx.rtl, page, widths, None)
    ws.title_rows(tx._("About this report"), "")
    period = report.period
    wrap = Alignment(wrap_text=True, vertical="top")
    rows: list[list[object]] = [
        [tx._("Period"), page.period],
        [tx._("Period code"), period.code],
        [tx.pgettext("start of a report period", "From"), period.start.isoformat()],
        [tx._("To"), period.end.isoformat()],
        [tx._("Generated"), now.strftime("%Y-%m-%d %H:%M")],
        [tx._("Program version"), f"Forebygg Desktop {__version__}"],
        [tx._("Report format version"), REPORT_FORMAT_VERSION],
        [tx._("Report language"), i18n.language_info(tx.language).autonym
         if tx.language in i18n.UI_LANGUAGES else tx.language],
        *audit_rows(tx, prot),
        [tx._("Data sheet"), tx._("Left out (suppression applied)") if threshold
         else tx._("Included")],
        [tx._("Devices whose data the report holds"), len(report.devices)],
    ]
    for label, value in rows:
        if isinstance(value, str) and len(value) > widths[1] - 2:
            ws.append([label, ws._cell(value, align=wrap)],
                      height=row_height([str(label), value], widths))
        else:  # as text: one alignment down the column, whatever the value
            ws.append([label, "" if value is None else str(value)])
    for device in report.devices:
        label = device.name or tx._("(no name)")
        if device.this_device:
            label = f"{label} ({tx._('this laptop')})"
        ws.append([label, f"{tx._('Device id')}: {device.device_id}"])
