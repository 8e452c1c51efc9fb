"""Writing report tables into write-only openpyxl sheets: styles, widths, print set-up.

Write-only mode streams rows (a decade's Data sheet fits in little memory), but it drops
right-to-left, frozen panes and column widths set after the first row: so everything
about a sheet is decided in `SheetWriter.__init__`, before any row is written. Row heights
are set just before their row is written. The writer follows where the printed pages
break (`printing.py`) so that a heading and its table start on the same page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.pagebreak import Break

from forebygg_desktop.core.reports.printing import (
    ARABIC,
    MARGIN_BOTTOM,
    MARGIN_HEADER,
    MARGIN_SIDE,
    MARGIN_TOP,
    ROW_PT,
    PageSetup,
    choose_page,
    fits_width,
    row_height,
)
from forebygg_desktop.core.reports.tables import (
    BOOL,
    CHANGE,
    COUNT,
    DATE,
    MEAN,
    POINTS,
    SHARE,
    TEXT,
    Column,
    Hidden,
    ReportTable,
)

# Shares as whole percentages (core.i18n.SHARE_DECIMALS), changes signed with a real minus
# sign: the cells read as the Reports screen does (ReportTexts.cell).
NUMBER_FORMATS = {COUNT: "#,##0", SHARE: "0%", MEAN: "0.00", DATE: "yyyy-mm-dd",
                  CHANGE: '+#,##0;"\u2212"#,##0;0'}
WIDTHS = {COUNT: 11, SHARE: 10, MEAN: 10, DATE: 12, BOOL: 9, TEXT: 14, CHANGE: 11, POINTS: 12}


def points_format(unit: str) -> str:
    """An Excel number format for a change in percentage points, "+3 pp", "−2 pp", "0 pp"."""
    quoted = unit.replace('"', "")
    return f'+0" {quoted}";"\u2212"0" {quoted}";0" {quoted}"'
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
TITLE_FONT = Font(name="Calibri", bold=True, size=14)
BOLD = Font(name="Calibri", bold=True, size=11)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, not quoted, at most 31 characters."""
    name = _BAD_SHEET_CHARS.sub("-", title).strip("' ") or "Sheet"
    name = name[:31]
    candidate, n = name, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate = name[:31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


@dataclass(frozen=True)
class PageTexts:
    """What every printed page says: the department, the period and "Page 1 of 3"."""

    department: str
    period: str
    page: str  # with Excel's &P and &N codes in it


def _header_text(text: str) -> str:
    return text.replace("&", "&&")


class SheetWriter:
    """One write-only sheet; rows are appended in order and the row number is kept.

    `repeat` is the rows printed again at the top of every page ("1:2": the title and the
    period); `setup` the page set-up (default: chosen from the column widths).
    """

    def __init__(self, book: Workbook, title: str, taken: set[str], rtl: bool,
                 page: PageTexts, widths: Sequence[float], freeze: str | None,
                 repeat: str | None = "1:2", setup: PageSetup | None = None,
                 points_unit: str = "pp") -> None:
        self.points_format = points_format(points_unit)
        ws: WriteOnlyWorksheet = book.create_sheet(sheet_name(title, taken))
        self.ws = ws
        self.row = 0
        self.widths = list(widths)
        self.setup = setup or choose_page(widths)
        self.y = 0.0  # where on the current page the next row starts (sheet points)
        self.top = 0.0  # the height of the rows repeated on every page
        self._repeat_last = int(repeat.split(":")[1]) if repeat else 0
        if rtl:
            ws.sheet_view.rightToLeft = True
        if freeze:
            ws.freeze_panes = freeze
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        self._page_setup(page, repeat, rtl)

    def _page_setup(self, page: PageTexts, repeat: str | None, rtl: bool) -> None:
        ws, setup = self.ws, self.setup
        ws.page_setup.orientation = "landscape" if setup.landscape else "portrait"
        ws.page_setup.paperSize = 9  # A4
        ws.page_margins.left = ws.page_margins.right = MARGIN_SIDE
        ws.page_margins.top, ws.page_margins.bottom = MARGIN_TOP, MARGIN_BOTTOM
        ws.page_margins.header = ws.page_margins.footer = MARGIN_HEADER
        ws.print_options.horizontalCentered = False
        if fits_width(self.widths, setup):
            # Fit to the page's width: the columns were chosen to fit at `setup.scale` or
            # more, so this only shrinks as far as the fonts in use require.
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        else:  # too wide even at the smallest readable scale: `column_breaks` splits it
            ws.page_setup.scale = setup.scale
            ws.page_setup.pageOrder = "overThenDown"
        if repeat:
            ws.print_title_rows = repeat
        # The department where a line starts (the right in Arabic), the period at its end.
        start, end = _header_text(page.department), _header_text(page.period)
        footer = page.page
        if rtl:
            start, end = end, start
            # LibreOffice reorders the words around the page-number fields in right-to-left
            # text ("2 من الصفحة"): the bare numbers read the same in every direction.
            footer = "&P / &N"
        for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            header.left.text = start
            header.right.text = end
            header.left.size = header.right.size = 10
        for part in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
            part.center.text = footer
            part.center.size = 10

    def column_breaks(self, title_columns: int = 1) -> None:
        """Where the columns do not fit one page, print them over several pages, the first
        `title_columns` repeated on each (only for sheets too wide at the smallest scale)."""
        if fits_width(self.widths, self.setup):
            return
        if title_columns:
            self.ws.print_title_cols = f"A:{get_column_letter(title_columns)}"
        room = self.setup.printable_width * 100 / self.setup.scale * 0.97
        fixed = sum((w * 7 + 5) * 0.75 for w in self.widths[:title_columns])
        used = fixed
        for index in range(title_columns, len(self.widths)):
            width = (self.widths[index] * 7 + 5) * 0.75
            if used + width > room and used > fixed:
                self.ws.col_breaks.append(Break(id=index))
                used = fixed
            used += width

    def keep(self, height: float) -> None:
        """Start a new page unless `height` points still fit on this one (a heading is
        never left alone at a page foot)."""
        if self.y + height > self.setup.page_height and self.y > self.top + ROW_PT:
            self.ws.row_breaks.append(Break(id=self.row))
            self.y = self.top

    @property
    def title(self) -> str:
        return str(self.ws.title)

    def append(self, values: Sequence[Any], height: float | None = None) -> None:
        if height is not None:
            self.ws.row_dimensions[self.row + 1].height = height
        row_pt = height or ROW_PT
        if self.y + row_pt > self.setup.page_height:
            self.y = self.top  # the page breaks here by itself
        self.ws.append(values)
        self.row += 1
        self.y += row_pt
        if self.row == self._repeat_last:
            self.top = self.y

    def title_rows(self, title: str, subtitle: str) -> None:
        """The sheet's title and period (rows 1-2, repeated on every page), or a section
        title further down (kept on the page of what follows)."""
        if self.row:
            self.keep(4 * ROW_PT + 20)
        self.append([self._cell(title, font=TITLE_FONT)], height=20)
        self.append([subtitle])
        self.append([])

    def caption(self, text: str) -> None:
        """A table's own heading (bold), on the page of the table."""
        self.append([self._cell(text, font=BOLD)])

    def _cell(self, value: Any, fmt: str | None = None, font: Font | None = None,
              fill: PatternFill | None = None, align: Alignment | None = None) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws, value=value)
        if fmt:
            c.number_format = fmt
        if font:
            c.font = font
        if fill:
            c.fill = fill
        if align:
            c.alignment = align
        return c

    def header_height(self, columns: Sequence[Column]) -> float:
        return row_height([c.header for c in columns], self.widths, bold=True)

    def header(self, columns: Sequence[Column]) -> None:
        """The header row, tall enough for every wrapped header text."""
        wrap = Alignment(wrap_text=True, vertical="top")
        self.append([self._cell(c.header, font=BOLD, fill=HEADER_FILL, align=wrap)
                     for c in columns], height=self.header_height(columns))

    def value_cell(self, value: Any, kind: str, texts: tuple[str, str],
                   total: bool = False) -> Any:
        """A styled cell for one value (plain values when there is nothing to style)."""
        font = BOLD if total else None
        fill = TOTAL_FILL if total else None
        if isinstance(value, Hidden):
            return self._cell(value.text(), font=font, fill=fill,
                              align=Alignment(horizontal="right"))
        if isinstance(value, bool) or kind == BOOL:
            text = "" if value is None else texts[0] if value else texts[1]
            return self._cell(text, font=font, fill=fill) if total else text
        fmt = self.points_format if kind == POINTS else NUMBER_FORMATS.get(kind)
        if isinstance(value, date) and not fmt:
            fmt = NUMBER_FORMATS[DATE]
        if fmt is None and not total:
            return value
        return self._cell(value, fmt=fmt if value is not None else None, font=font, fill=fill)

    def table(self, table: ReportTable, texts: tuple[str, str]) -> tuple[int, int]:
        """Write caption, header, rows and total; the (first, last) row numbers of the data
        rows. The caption, the header and the first rows start on the same page."""
        caption = ROW_PT if table.title else 0.0
        self.keep(caption + self.header_height(table.columns)
                  + ROW_PT * min(len(table.rows) + (table.total is not None), 4))
        if table.title:
            self.caption(table.title)
        self.header(table.columns)
        first = self.row + 1
        for index, row in enumerate(table.rows):
            kinds = [table.cell_kind(index, col) for col in range(len(row))]
            self.append([self.value_cell(v, k, texts) for v, k in zip(row, kinds, strict=False)])
        last = self.row
        if table.total is not None:
            kinds = [c.kind for c in table.columns]
            self.append([self.value_cell(v, k, texts, total=True)
                         for v, k in zip(table.total, kinds, strict=False)])
        if table.note:
            self.append([table.note])
        self.append([])
        return first, last


def text_width(text: str) -> float:
    """A text's width in digit widths: Arabic letters print wider than Latin ones in the
    fonts spreadsheet programs fall back to for them."""
    arabic = len(ARABIC.findall(text))
    return len(text) + 0.45 * arabic


def table_widths(tables: Sequence[ReportTable]) -> list[float]:
    """Column widths that fit the longest text in each column (within limits)."""
    widths: list[float] = []
    for table in tables:
        for index, column in enumerate(table.columns):
            texts = [str(row[index]) for row in [*table.rows, table.total or []]
                     if index < len(row) and isinstance(row[index], str)]
            base = WIDTHS.get(column.kind, 12)
            longest = max((text_width(t) for t in texts if column.kind == TEXT), default=0.0)
            # Longer headers wrap, but never inside a word (bold runs a little wider).
            longest_word = max((text_width(w) for w in column.header.split()), default=0.0)
            header = max(min(len(column.header), 12) + 2, math.ceil(longest_word * 1.1) + 2)
            width = float(min(max(base, math.ceil(longest) + 2, header), 60))
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
    return widths


# The breakdown columns of each printed part (the name columns come first in both).
SERIES_PART = ("series_started", "series_running", "series_completed", "series_cancelled",
               "meetings", "other_language", "interpreter")
PEOPLE_PART = ("visits_women", "visits_men", "visits_other", "visits_total",
               "visits_share_men", "registered", "started", "completed")


def _short_header(column: Column, tx: Any) -> str:
    """Under the caption "Group series and meetings" the series columns need not say
    "series" again (shorter headers, narrower columns)."""
    if column.key == "series_started":
        return str(tx.pgettext("series count", "Started"))
    if column.key == "series_running":
        return str(tx.pgettext("series count", "Running"))
    if column.key == "series_completed":
        return str(tx.pgettext("series count", "Completed"))
    if column.key == "series_cancelled":
        return str(tx.pgettext("series count", "Cancelled"))
    return column.header


def split_breakdown(table: ReportTable, tx: Any) -> list[ReportTable]:
    """A breakdown's 16-18 columns as two tables that print readably on one page width:
    group series and meetings, then participants (same rows, same name columns)."""
    heads = [i for i, c in enumerate(table.columns) if c.key in ("name", "area", "priority")]
    parts = []
    for key, title, keys in (("series", tx._("Group series and meetings"), SERIES_PART),
                             ("people", tx._("Participants"), PEOPLE_PART)):
        picked = heads + [table.column(k) for k in keys]
        columns = [Column(c.key, _short_header(c, tx), c.kind)
                   for c in (table.columns[i] for i in picked)]
        part = ReportTable(f"{table.key}_{key}", title, columns)
        part.rows = [[row[i] for i in picked] for row in table.rows]
        if table.total is not None:
            part.total = [table.total[i] for i in picked]
        parts.append(part)
    return parts
