"""The one-page quarterly summary: one A4 page, in the chosen language, from the CLI too."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import ReportOptions
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = open_store(tmp_path_factory.mktemp("demo") / "forebygg.sqlite3")
    generate_demo(store, years=2, end=date(2026, 9, 30))
    return store


def pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.parametrize("lang", ["sv", "ar", "so", "en"])
def test_summary_is_one_page_and_recorded(demo: Store, tmp_path: Path, lang: str) -> None:
    from forebygg_desktop.render.summary_pdf import write_summary_pdf

    period = Period.parse("2026Q3")
    before = len(demo.reported.records(period))
    path = write_summary_pdf(demo, ReportOptions(period, lang, suppress=5),
                             tmp_path / f"s-{lang}.pdf")
    assert path.read_bytes().startswith(b"%PDF") and pages(path) == 1
    assert not list(tmp_path.glob("*.part"))
    [record, *_] = demo.reported.records(period)
    assert len(demo.reported.records(period)) == before + 1
    assert record.kind == "summary" and record.suppress == 5 and record.language == lang


def test_summary_page_text_is_in_the_reports_language(demo: Store) -> None:
    from forebygg_desktop.core.reports.summary_page import summary_page
    from forebygg_desktop.core.reports.texts import ReportTexts
    from forebygg_desktop.core.reports.workbook import catalog_names

    report = demo.stats.report(Period.parse("2026Q3"))
    page = summary_page(report, ReportTexts("ar", catalog_names(demo)), 5, "x", "q", "p")
    assert page.rtl and 'dir="rtl"' in page.html
    assert "Key figures" not in page.html and len(page.trend) == 8
    assert "group" not in re.sub(r"<[^>]+>", " ", page.html).split()


def test_cli_writes_the_summary_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    from forebygg_desktop.cli import main

    monkeypatch.setenv("FOREBYGG_DATA_DIR", str(tmp_path / "data"))
    assert main(["demo"]) == 0
    out = tmp_path / "summary"
    period = Period.quarter_of(date.today()).code  # the demo year ends today
    code = main(["report", "--period", period, "--pdf", "--out", str(out), "--language", "ar",
                 "--suppress"])
    assert code == 0
    pdf = tmp_path / "summary.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pages(pdf) == 1
    bad = main(["report", "--period", "2026Q3", "--pdf", "--out",
                str(tmp_path / "missing" / "s.pdf")])
    assert bad == 1 and "Traceback" not in capsys.readouterr().out


def test_evaluations_show_by_title_on_the_page_and_in_the_workbook(
        store: Store, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    from forebygg_desktop.core.reports.summary_page import summary_page
    from forebygg_desktop.core.reports.texts import ReportTexts
    from forebygg_desktop.core.reports.workbook import catalog_names, write_report
    from forebygg_desktop.core.store.records import SeriesData

    series = store.groups.create_series(SeriesData(program_code="ABC-3-12",
                                                   locality_code="RIMBO",
                                                   language_code="sv")).id
    token = store.evaluations.start_round("series", series, "group")
    for score in (4, 5, 5, 3, 4, 5):
        store.evaluations.submit_answer(token, "sv", {"overall": score},
                                        answered_on=date(2026, 8, 10))
    period = Period.parse("2026Q3")
    title = store.evaluations.questionnaire("group").title("sv")
    page = summary_page(store.stats.report(period), ReportTexts("sv", catalog_names(store)),
                        5, "x", "q", "p")
    assert "Utvärderingar" in page.html and title in page.html
    path = write_report(store, ReportOptions(period), tmp_path / "e.xlsx")
    summary = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        "Sammanfattning").to_python()
    row = next(r for r in summary if r[0] == title)
    assert row[1] == 6 and abs(row[2] - 4.33) < 0.01
    assert not any(r[0] == "group" for r in summary)
