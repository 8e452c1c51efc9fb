"""The Data sheet's rows written as SpreadsheetML directly: read back by two readers."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook import Workbook
from python_calamine import CalamineWorkbook

from forebygg_desktop.core.reports.fast_rows import FastRows

ROWS = [
    [date(2026, 3, 1), "A & B <c> \"d\" 'e'", 7, None, 2.5, "sista"],
    [date(1999, 12, 31), "kontroll\x01tecken\x1f", 0, 3, None, ""],
    [date(2026, 12, 31), "عربي – Soomaali", -4, None, None, "x"],
]


def write(path: Path, rows: list[list[object]]) -> None:
    book = Workbook(write_only=True)
    other = book.create_sheet("Before")
    other.append(["untouched", 1])
    data = book.create_sheet("Data")
    data.append(["day", "text", "n", "gap", "f", "last"])
    fast = FastRows(sheet_number=2, first_row=2, columns=6)
    for row in rows:
        fast.append(row)
    after = book.create_sheet("After")
    after.append(["also untouched"])
    book.save(path)
    fast.splice(path)


def test_every_value_reads_back_the_same_in_calamine_and_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "rows.xlsx"
    write(path, ROWS)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Before", "Data", "After"]
    data = book.get_sheet_by_name("Data").to_python()
    assert data[1][1] == "A & B <c> \"d\" 'e'" and data[2][1] == "kontrolltecken"
    assert [r[2] for r in data[1:]] == [7, 0, -4]
    assert data[3][1] == "عربي – Soomaali"
    assert book.get_sheet_by_name("After").to_python() == [["also untouched"]]
    ws = openpyxl.load_workbook(path, read_only=True)["Data"]
    values = [(*v, None, None, None)[:6] for v in ws.iter_rows(min_row=2, values_only=True)]
    assert [v[2:5] for v in values] == [(7, None, 2.5), (0, 3, None), (-4, None, None)]
    assert values[0][5] == "sista" and values[1][5] is None  # an empty text is no cell


def test_no_rows_leaves_the_sheet_as_openpyxl_wrote_it(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write(path, [])
    data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Data").to_python()
    assert data == [["day", "text", "n", "gap", "f", "last"]]


def styled(path: Path, deferred: bool, chunk_rows: int = 1) -> bytes:
    """The Data sheet's bytes with a date style and a text style, set before the rows or
    left as marks and put in after (the report writes its Data rows before the sheet)."""
    book = Workbook(write_only=True)
    data = book.create_sheet("Data")
    data.append(["day", "text", "n", "gap", "f", "last"])
    fast = FastRows(sheet_number=0 if deferred else 1, first_row=2, columns=6)
    if deferred:
        fast.defer_style(0, "\x01")
        fast.defer_style(5, "\x02")
    else:
        fast.set_style(0, 7)
        fast.set_style(5, 12)
    for _ in range(chunk_rows):
        for row in ROWS:
            fast.append(row)
    if deferred:
        fast.sheet_number = 1
        fast.resolve_style("\x01", 7)
        fast.resolve_style("\x02", 12)
    book.save(path)
    fast.splice(path)
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def test_styles_left_as_marks_are_the_bytes_of_styles_set_first(tmp_path: Path) -> None:
    # Enough rows that the marks cross the splice's 1 MB reads.
    for rows in (1, 40_000):
        deferred = styled(tmp_path / "later.xlsx", True, rows)
        assert deferred == styled(tmp_path / "first.xlsx", False, rows)
        assert b"\x01" not in deferred and b"\x02" not in deferred
        assert deferred.count(b' s="7"') == 3 * rows
    # A text's own control characters are dropped, never taken for a mark.
    assert b"kontrolltecken" in deferred


def test_a_style_mark_is_one_character_text_never_holds() -> None:
    fast = FastRows(sheet_number=0, first_row=2, columns=2)
    for bad in ("", "ab", "x", "\x00", "\n", "\t"):
        with pytest.raises(ValueError):
            fast.defer_style(0, bad)
    fast.close()
