"""Yearly workbook of a department decade (≈ 50,000 rows) against a plain openpyxl dump.

Both runs write the same cells in the same process: the baseline is a write-only openpyxl
workbook holding the values of every sheet the report has (no styles, charts, tables,
print set-up or suppression), from figures already read. The report run includes reading
the year from the database. Goal: ratio ≤ 1.5 and the report under 5 s.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.startup import open_store

END = date(2026, 12, 31)
PERIOD = Period.year(2026)


def plain_dump(source: Path, target: Path) -> None:
    """Every cell value of `source`, written again with nothing but openpyxl."""
    book = CalamineWorkbook.from_path(str(source))
    sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    start = time.perf_counter()
    out = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = out.create_sheet(name)
        for row in rows:
            ws.append(row)
    out.save(target)
    plain_dump.seconds = time.perf_counter() - start  # type: ignore[attr-defined]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = open_store(root / "forebygg.sqlite3")
        rows = generate_demo(store, years=10, scale=11, end=END)
        report = root / "report.xlsx"
        write_report(store, ReportOptions(PERIOD), root / "warm.xlsx")  # imports, caches
        best = min(_timed(lambda: write_report(store, ReportOptions(PERIOD), report, force=True))
                   for _ in range(3))
        baseline = []
        for _ in range(3):
            plain_dump(report, root / "plain.xlsx")
            baseline.append(plain_dump.seconds)  # type: ignore[attr-defined]
        base = min(baseline)
        cells = sum(len(r) for n in CalamineWorkbook.from_path(str(report)).sheet_names
                    for r in CalamineWorkbook.from_path(str(report)).get_sheet_by_name(n)
                    .to_python())
        store.close()
    print(f"database rows: {rows}, workbook cells: {cells}")
    print(f"report (read + write): {best:.2f} s; plain openpyxl dump: {base:.2f} s")
    print(f"ratio: {best / base:.2f}x (goal <= 1.5x, and < 5 s)")


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
