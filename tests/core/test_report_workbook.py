"""The workbook's shape: sheets, Excel table, native charts, print set-up, RTL, suppression,
progress and cancel, and an independent reader (calamine; LibreOffice in a slow check)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.sheets import sheet_name
from forebygg_desktop.core.reports.workbook import (
    ReportCancelledError,
    ReportOptions,
    write_report,
)
from forebygg_desktop.core.store import Store

PERIOD = Period.parse("2026Q3")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from forebygg_desktop.core.startup import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "forebygg.sqlite3")
    generate_demo(store, years=2, end=date(2026, 9, 30))
    return store


def parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist()
                if name.endswith(".xml")}


def test_sheets_table_and_charts_exist(demo: Store, tmp_path: Path) -> None:
    path = write_report(demo, ReportOptions(PERIOD), tmp_path / "r.xlsx")
    book = CalamineWorkbook.from_path(str(path))
    assert len(book.sheet_names) == 12
    assert all(len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
               for name in book.sheet_names)
    xml = parts(path)
    charts = [name for name in xml if name.startswith("xl/charts/chart")]
    assert len(charts) == 3 and all("barChart>" in xml[c] for c in charts)
    tables = [name for name in xml if name.startswith("xl/tables/")]
    assert len(tables) == 1
    assert 'ref="A1:Q' in xml[tables[0]] and "<autoFilter" in xml[tables[0]]
    assert xml[tables[0]].count("<tableColumn ") == 17
    summary = xml["xl/worksheets/sheet1.xml"]
    assert 'orientation="portrait"' in summary and 'fitToHeight="0"' in summary
    assert "fitToPage=\"1\"" in summary
    assert "3:e kvartalet 2026" in summary  # the period in the page header
    assert 'state="frozen"' in summary and "<col " in summary
    assert "rightToLeft" not in summary


def test_arabic_workbook_reads_right_to_left(demo: Store, tmp_path: Path) -> None:
    path = write_report(demo, ReportOptions(PERIOD, language="ar"), tmp_path / "ar.xlsx")
    sheets = [v for k, v in parts(path).items() if k.startswith("xl/worksheets/sheet")]
    assert sheets and all('rightToLeft="1"' in s for s in sheets)


def test_suppressed_workbook_hides_small_counts_and_says_so(demo: Store,
                                                           tmp_path: Path) -> None:
    path = write_report(demo, ReportOptions(PERIOD, suppress=5), tmp_path / "s.xlsx")
    book = CalamineWorkbook.from_path(str(path))
    assert len(book.sheet_names) == 11  # no per-meeting Data sheet
    texts = []
    for name in book.sheet_names[1:5]:  # breakdowns: every people count is 0 or >= 5
        rows = book.get_sheet_by_name(name).to_python()
        # The participants' table (the second of the sheet) holds the visits.
        header = next(i for i, row in enumerate(rows) if "Besök: Kvinnor" in row)
        visit_cols = [i for i, h in enumerate(rows[header]) if isinstance(h, str) and ":" in h]
        for row in rows[header + 1:]:
            for i in visit_cols[:4]:
                value = row[i]
                texts.append(value)
                assert not (isinstance(value, float) and 0 < value < 5)
    assert ".." in texts and "<5" not in texts  # one symbol: a reader cannot tell why
    about = book.get_sheet_by_name(book.sheet_names[-1]).to_python()
    assert any(row[0] == "Suppression threshold" or row[1] in (5, "5") for row in about)


def test_progress_runs_to_the_end_and_cancel_leaves_no_file(demo: Store,
                                                            tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = write_report(demo, ReportOptions(Period.parse("2026")), tmp_path / "y.xlsx",
                        progress=lambda done, total, label: seen.append((done, total)))
    assert path.exists() and seen[-1][0] == seen[-1][1]
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    calls = 0

    def cancel_midway() -> bool:
        nonlocal calls
        calls += 1
        return calls > 5

    target = tmp_path / "cancelled.xlsx"
    with pytest.raises(ReportCancelledError):
        write_report(demo, ReportOptions(Period.parse("2026")), target,
                     cancelled=cancel_midway)
    assert not target.exists() and not list(tmp_path.glob("cancelled*"))


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    name = sheet_name("Öppna träffar: [kafé/föreläsning]?", taken)
    assert name == "Öppna träffar- -kafé-föreläsnin"
    long = "A" * 40
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == len(second) == 31 and first != second


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_workbook(demo: Store, tmp_path: Path) -> None:
    for language in ("sv", "ar"):
        path = write_report(demo, ReportOptions(PERIOD, language=language),
                            tmp_path / f"{language}.xlsx")
        result = subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
             "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
            capture_output=True, timeout=180, check=False)
        pdf = tmp_path / f"{language}.pdf"
        assert result.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000
