"""Writing report tables into write-only openpyxl sheets: styles, widths, print set-up.

Write-only mode streams rows (a decade's Data sheet fits in little memory), but it drops
right-to-left, frozen panes and column widths set after the first row: so everything
about a sheet is decided in `open_sheet`, before any row is written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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
WIDTHS = {COUNT: 11, SHARE: 10, MEAN: 10, DATE: 12, BOOL: 9, TEXT: 22, CHANGE: 11, POINTS: 12}


def points_format(unit: str) -> str:
    """An Excel number format for a change in percentage points, "+3 pp", "−2 pp", "0 pp"."""
    quoted = unit.replace('"', "")
    return f'+0" {quoted}";"\u2212"0" {quoted}";0" {quoted}"'


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
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


class SheetWriter:
    """One write-only sheet; rows are appended in order and the row number is kept."""

    def __init__(self, book: Workbook, title: str, taken: set[str], rtl: bool,
                 header_text: str, widths: Sequence[float], freeze: str | None,
                 points_unit: str = "pp") -> None:
        self.points_format = points_format(points_unit)
        ws: WriteOnlyWorksheet = book.create_sheet(sheet_name(title, taken))
        self.ws = ws
        self.row = 0
        if rtl:
            ws.sheet_view.rightToLeft = True
        if freeze:
            ws.freeze_panes = freeze
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddHeader.center.text = header_text.replace("&", "&&")
        ws.oddFooter.right.text = "&P / &N"

    @property
    def title(self) -> str:
        return str(self.ws.title)

    def append(self, values: Sequence[Any]) -> None:
        self.ws.append(values)
        self.row += 1

    def title_rows(self, title: str, subtitle: str) -> None:
        self.append([self._cell(title, font=TITLE_FONT)])
        self.append([subtitle])
        self.append([])

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

    def header(self, columns: Sequence[Column]) -> None:
        wrap = Alignment(wrap_text=True, vertical="top")
        self.append([self._cell(c.header, font=BOLD, fill=HEADER_FILL, align=wrap)
                     for c in columns])

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
        """Write header, rows and total; the (first, last) row numbers of the data rows."""
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


def table_widths(tables: Sequence[ReportTable]) -> list[float]:
    """Column widths that fit the longest text in each column (within limits)."""
    widths: list[float] = []
    for table in tables:
        for index, column in enumerate(table.columns):
            texts = [column.header] + [str(row[index]) for row in table.rows
                                       if index < len(row) and isinstance(row[index], str)]
            base = WIDTHS.get(column.kind, 12)
            longest = max((len(t) for t in texts if column.kind == TEXT), default=0)
            header = min(len(column.header), 12) + 2  # longer headers wrap
            width = float(min(max(base, longest + 2, header), 60))
            if index < len(widths):
                widths[index] = max(widths[index], width)
            else:
                widths.append(width)
    return widths
