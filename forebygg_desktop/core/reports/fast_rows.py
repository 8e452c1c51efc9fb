"""Many plain rows of one sheet, written as SpreadsheetML directly and spliced in on save.

openpyxl costs ≈ 15 µs a cell even in write-only mode (a decade's Data sheet has ≈ 2
million cells: half a minute). The Data sheet's rows are plain values, so openpyxl writes
the sheet's header, column widths, table, frozen pane and print set-up, and the rows are
formatted here into a temporary file — with the cell styles openpyxl registered for them,
strings inline — and put into the saved workbook's sheet data. Nothing is held in memory
but one row.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import IO, Any

from openpyxl.utils import get_column_letter

EXCEL_EPOCH = date(1899, 12, 30)
# Characters XML 1.0 does not allow (openpyxl refuses them too).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _escape(text: str) -> str:
    text = _ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class FastRows:
    """Rows appended after openpyxl's own first rows of one sheet (`sheet_number`: 1-based
    position in the workbook), spliced in by `splice(saved_workbook)`.

    The rows may be written before their sheet exists (`sheet_number` 0, set later), their
    styles then left as marks (`defer_style`) and put in on splice (`resolve_style`):
    openpyxl numbers a style only when a cell of the sheet uses it."""

    def __init__(self, sheet_number: int, first_row: int, columns: int) -> None:
        self.sheet_number = sheet_number
        self.first_row = first_row
        self.next_row = first_row
        self.columns = columns
        self._heads = [f'<c r="{get_column_letter(i)}' for i in range(1, columns + 1)]
        self._styles: list[str] = [""] * columns
        # Per column: a text value's cell after its reference, made once (names, quarters
        # and yes/no repeat on every row).
        self._texts: list[dict[str, str]] = [{} for _ in range(columns)]
        # Open for the sheet's life; closed by `splice` or `close` (a cancelled report).
        # UTF-8 bytes: encoded once here, copied into the workbook as they are.
        self._file: IO[bytes] = tempfile.TemporaryFile("w+b")  # noqa: SIM115
        self.rows = 0
        # A deferred style's mark -> its ` s="N"` attribute (UTF-8).
        self._marks: dict[bytes, bytes] = {}

    def append(self, values: list[Any]) -> None:
        r = str(self.next_row)
        parts = [f'<row r="{r}">']
        add = parts.append
        last = -1  # the column of the row's last cell so far
        for index, (head, style, texts, value) in enumerate(
                zip(self._heads, self._styles, self._texts, values, strict=False)):
            kind = type(value)
            if kind is str:
                body = texts.get(value)
                if body is None:
                    body = self.text_tail(index, value)
                if not body:
                    continue
            elif kind is int or kind is float:
                body = f'{style}><v>{value}</v></c>'
            elif value is None:
                continue
            elif kind is bool:
                body = f'{style} t="b"><v>{int(value)}</v></c>'
            elif kind is date:
                body = f'{style}><v>{(value - EXCEL_EPOCH).days}</v></c>'
            else:
                body = f'{style} t="inlineStr"><is><t>{_escape(str(value))}</t></is></c>'
            # A cell's reference is optional: without one it is the next column's.
            add(("<c" if index == last + 1 else f'{head}{r}"') + body)
            last = index
        add("</row>")
        self._file.write("".join(parts).encode("utf-8"))
        self.next_row += 1
        self.rows += 1

    def text_tail(self, index: int, value: str) -> str:
        """What follows `<c` or `<c r="B7"` in column `index` for the text `value` (made once
        per value); "" for an empty text, which is no cell."""
        tail = self._texts[index].get(value)
        if tail is None:
            style = self._styles[index]
            tail = self._texts[index][value] = (
                f'{style} t="inlineStr"><is><t>{_escape(value)}</t></is></c>' if value else "")
        return tail

    def style(self, index: int) -> str:
        """The ` s="N"` attribute of column `index`'s cells ("" for the default style)."""
        return self._styles[index]

    def write(self, xml: str | bytes, rows: int) -> None:
        """`rows` whole rows already formatted (numbered from `next_row` on; bytes: UTF-8)."""
        self._file.write(xml if isinstance(xml, bytes) else xml.encode("utf-8"))
        self.next_row += rows
        self.rows += rows

    def close(self) -> None:
        self._file.close()

    def splice(self, workbook: Path) -> None:
        """Put the rows into the saved workbook's sheet (rewritten beside it, then renamed)."""
        member = f"xl/worksheets/sheet{self.sheet_number}.xml"
        spliced = workbook.with_name(workbook.name + ".rows")
        try:
            with zipfile.ZipFile(workbook) as source, \
                    zipfile.ZipFile(spliced, "w", zipfile.ZIP_DEFLATED,
                                    compresslevel=1) as target:
                for info in source.infolist():
                    if info.filename != member:
                        target.writestr(info, source.read(info.filename),
                                        compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
                        continue
                    self._write_sheet(source.read(member).decode("utf-8"), target, info)
            spliced.replace(workbook)
        finally:
            spliced.unlink(missing_ok=True)
            self.close()

    def _write_sheet(self, xml: str, target: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        # openpyxl's write-only sheets carry no <dimension>: nothing else to update.
        head, tail = xml.split("</sheetData>", 1)
        entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
        entry.compress_type = zipfile.ZIP_DEFLATED
        # The rows repeat a lot: level 1 is 3x as fast as the default and ~10 % larger.
        entry._compresslevel = 1  # type: ignore[attr-defined]  # compress_level from 3.13
        with target.open(entry, "w", force_zip64=True) as out:
            out.write(head.encode("utf-8"))
            self._file.seek(0)
            marks = list(self._marks.items())
            while True:
                chunk = self._file.read(1 << 20)
                if not chunk:
                    break
                for mark, style in marks:  # one byte each: never split between chunks
                    chunk = chunk.replace(mark, style)
                out.write(chunk)
            out.write(("</sheetData>" + tail).encode("utf-8"))

    def set_style(self, index: int, style_id: int) -> None:
        """The cell style (openpyxl's `style_id` of a cell styled the same) of a column."""
        self._styles[index] = f' s="{style_id}"' if style_id else ""

    def defer_style(self, index: int, mark: str) -> None:
        """Column `index`'s cells carry `mark` (one character XML text never holds: one of
        those `_escape` drops) where their style goes, until `resolve_style(mark, ...)`."""
        if len(mark) != 1 or not _ILLEGAL.match(mark) or mark == "\x00":
            raise ValueError("a style mark is one control character other than NUL")
        self._styles[index] = mark
        self._marks.setdefault(mark.encode(), b"")

    def resolve_style(self, mark: str, style_id: int) -> None:
        """The style (openpyxl's `style_id`) written where `mark` was left."""
        self._marks[mark.encode()] = (f' s="{style_id}"' if style_id else "").encode()
