"""The workbook prints as it is: read back with openpyxl (page set-up) and python-calamine
(values), and turned into PDF by LibreOffice, whose pages are measured with poppler.

LibreOffice and poppler are installed by .ci/run; on a machine without them the PDF test
is skipped, in CI (CI=true) it fails instead.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import textwrap
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.printing import MIN_SCALE, content_width
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.store import Store

PERIOD = Period.parse("2026Q3")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from forebygg_desktop.core.startup import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "forebygg.sqlite3")
    generate_demo(store, years=2, end=date(2026, 9, 30))
    return store


@pytest.fixture(scope="module")
def books(demo: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("books")
    return {lang: write_report(demo, ReportOptions(PERIOD, lang), folder / f"{lang}.xlsx")
            for lang in ("sv", "ar")}


def widths(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[float]:
    out: list[float] = []
    for dim in ws.column_dimensions.values():
        out += [dim.width] * (dim.max - dim.min + 1)
    return out


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_every_sheet_is_set_up_for_a4(books: dict[str, Path], lang: str) -> None:
    book = openpyxl.load_workbook(books[lang])
    orientations = set()
    for ws in book.worksheets:
        setup = ws.page_setup
        assert setup.paperSize == 9, ws.title
        orientations.add(setup.orientation)
        fit = ws.sheet_properties.pageSetUpPr.fitToPage
        if fit:
            assert setup.fitToWidth == 1 and setup.fitToHeight == 0, ws.title
            # What fit-to-width shrinks to stays readable: the columns fit at MIN_SCALE.
            paper = 842 if setup.orientation == "landscape" else 595
            room = paper - 72
            assert content_width(widths(ws)) * MIN_SCALE / 100 <= room, ws.title
        else:  # a sheet printed in column blocks, at a readable fixed scale
            assert setup.scale is not None and setup.scale >= MIN_SCALE, ws.title
            assert ws.print_title_cols and ws.col_breaks.brk, ws.title
        assert ws.print_title_rows, ws.title  # repeated on every page
        assert ws.freeze_panes or ws.title in ("Om", "حول")
        header = ws.oddHeader
        period, department = ((header.left, header.right) if lang == "ar"
                              else (header.right, header.left))
        assert "2026" in period.text  # the period
        assert department.text  # the department, by name
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert bool(ws.sheet_view.rightToLeft) == (lang == "ar")
    assert orientations == {"portrait", "landscape"}  # chosen per sheet


def _lines(text: str, width: float) -> int:
    """An independent estimate: a character about as wide as a digit, words kept whole."""
    return len(textwrap.wrap(text, max(int(width - 1), 1), break_long_words=True)) or 1


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_header_rows_are_tall_enough_for_their_wrapped_text(books: dict[str, Path],
                                                           lang: str) -> None:
    book = openpyxl.load_workbook(books[lang])
    checked = 0
    for ws in book.worksheets:
        cols = widths(ws)
        for row in ws.iter_rows():
            headers = [c for c in row if c.fill is not None and c.fill.fgColor.rgb
                       and str(c.fill.fgColor.rgb).endswith("DDE6F0") and c.value]
            if not headers:
                continue
            checked += 1
            assert all(c.alignment.wrap_text for c in headers)
            needed = max(_lines(str(c.value), cols[c.column - 1]) for c in headers)
            height = ws.row_dimensions[row[0].row].height or 15
            assert height >= needed * 13.5, (ws.title, row[0].row, needed, height)
    assert checked >= 12


def _codes(demo: Store) -> set[str]:
    codes = {p.code for p in demo.catalog.programs(include_inactive=True)}
    codes |= {loc.code for loc in demo.catalog.localities(include_inactive=True)}
    codes |= {q.code for q in demo.evaluations.questionnaires()}
    return {c for c in codes if len(c) > 2}


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_no_raw_codes_in_any_cell(demo: Store, books: dict[str, Path], lang: str) -> None:
    book = CalamineWorkbook.from_path(str(books[lang]))
    codes = _codes(demo)
    assert "group" in codes  # the evaluation table once showed this id
    seen = 0
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        for row in rows:
            for value in row:
                if not isinstance(value, str) or not value:
                    continue
                seen += 1
                assert value not in codes, (name, value)
                if name not in ("Om", "حول"):  # About names the devices by id, labelled
                    assert not UUID.search(value), (name, value)
    assert seen > 500


def test_the_evaluation_table_names_questionnaires(demo: Store) -> None:
    from types import SimpleNamespace

    from forebygg_desktop.core.disclosure.protect import unprotected
    from forebygg_desktop.core.disclosure.release import Release
    from forebygg_desktop.core.reports.layout import evaluation_table
    from forebygg_desktop.core.reports.release_cells import ReportProtection
    from forebygg_desktop.core.reports.texts import ReportTexts
    from forebygg_desktop.core.reports.workbook import catalog_names
    from forebygg_desktop.core.stats.figures import EvaluationFigures

    figures = SimpleNamespace(evaluations=(EvaluationFigures("group", 12, 4.5, 12),))
    shown = ReportProtection(Release({("eval", "cur", "group"): 12}), unprotected())
    for lang in ("sv", "ar"):
        tx = ReportTexts(lang, catalog_names(demo))
        table = evaluation_table(figures, tx, shown)  # type: ignore[arg-type]
        assert table.rows[0][0] == demo.evaluations.questionnaire("group").title(lang)
        assert table.rows[0][0] != "group"


def test_the_page_header_and_footer_are_in_the_workbooks_language(
        books: dict[str, Path]) -> None:
    ar = openpyxl.load_workbook(books["ar"]).worksheets[0]
    sv = openpyxl.load_workbook(books["sv"]).worksheets[0]
    assert sv.oddFooter.center.text.startswith("Sida")
    assert ar.oddFooter.center.text == "&P / &N"  # bare numbers: no bidi reordering
    # Arabic starts on the right: the department there, the period on the left.
    assert re.search("[\u0600-\u06ff]", ar.oddHeader.right.text)
    assert "2026" in ar.oddHeader.left.text


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing; .ci/run installs it")
        pytest.skip(f"{tool} is not installed")


WORD_TEXT = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
# poppler's word box is about 1.3 times the font size (ascent + descent): 11 pt text has a
# 14.3 pt box. Body text must print at 8 pt or more, nothing (page headers, chart labels)
# below 7 pt.
BOX_PER_PT = 1.3


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_libreoffice_prints_every_page_readably(books: dict[str, Path], tmp_path: Path,
                                                lang: str) -> None:
    _need("soffice")
    _need("pdftotext")
    result = subprocess.run(
        ["soffice", "--headless", "--norestore",
         f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(books[lang])],
        capture_output=True, timeout=300, check=False)
    pdf = tmp_path / f"{lang}.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=120).stdout
    pages = bbox.split("<page ")[1:]
    sheets = len(CalamineWorkbook.from_path(str(books[lang])).sheet_names)
    # Every sheet on at least one page, none of them shrunk onto one illegible page,
    # and no stray pages of a few lone columns (the quarter's workbook: 12 sheets).
    assert sheets <= len(pages) <= 24, len(pages)
    tx = ReportTexts(lang)
    captions = {tx._("Group series and meetings"), tx._("Participants"), tx._("By program"),
                tx._("By locality"), tx._("Evaluations")}
    for number, page in enumerate(pages, 1):
        words = WORD_TEXT.findall(page)
        heights = [float(m[3]) - float(m[1]) for m in words]
        assert heights, f"page {number} is empty"
        assert min(heights) >= 7 * BOX_PER_PT, (number, min(heights))
        assert statistics.median(heights) >= 8 * BOX_PER_PT, (number, heights)
        # No table heading alone at the foot of a page: the last line above the footer
        # is never a caption.
        size = re.match(r'width="[\d.]+" height="([\d.]+)"', page)
        assert size is not None
        height = float(size[1])
        body = [(float(m[1]), m[4]) for m in words if float(m[3]) < height - 60]
        last = max(y for y, _w in body)
        line = " ".join(w for y, w in body if abs(y - last) < 2)
        assert line not in captions, (number, line)
