"""The Data sheet's rows written as SpreadsheetML directly: read back by two readers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
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
