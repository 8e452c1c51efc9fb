"""A year and its quarters published together (`forebygg-cli report --with-quarters`): each
workbook holds against the attacker, and so does the set (year row minus the quarters' rows)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from forebygg_desktop.cli import main as cli
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.disclosure.audit import audit
from forebygg_desktop.core.reports.release_cells import protect_report
from forebygg_desktop.core.reports.together import (
    combined_release,
    link_year_to_quarters,
    protect_year_with_quarters,
    year_and_quarters,
)
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from tests.core.disclosure_attacker import attack_workbook, attack_year_and_quarters, too_narrow
from tests.core.evaluation_demo import add_answers

QUARTERS = ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    store = open_store(folder / "forebygg.sqlite3")
    generate_demo(store, years=2, end=date(2026, 12, 31))
    add_answers(store)  # the evaluations are cells of each report's release too
    store.close()
    return folder


def _store(data_dir: Path) -> Store:
    return open_store(data_dir / "forebygg.sqlite3")


def test_separately_protected_year_and_quarters_leak_by_differencing(data_dir: Path) -> None:
    """Why the option exists: each report passes alone, the set does not."""
    store = _store(data_dir)
    try:
        reports = {p.code: store.stats.report(p) for p in year_and_quarters(2026)}
        combined, parts = combined_release(reports)
        link_year_to_quarters(combined, "2026", QUARTERS, parts)
        alone = {code: protect_report(data, 5).protection for code, data in reports.items()}
        hidden = {(code, *k) if k[0] != "trend" else k
                  for code, decision in alone.items() for k in decision.hidden}
        assert not audit(combined, hidden, 5).passed
        together = protect_year_with_quarters(reports, 5)
        hidden = {(code, *k) if k[0] != "trend" else k
                  for code, prot in together.items() for k in prot.protection.hidden}
        assert audit(combined, hidden, 5).passed
    finally:
        store.close()


def test_cli_writes_five_workbooks_that_hold_one_by_one(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "year.xlsx"
    code = cli(["--data-dir", str(data_dir), "report", "--period", "2026", "--suppress", "5",
                "--with-quarters", "--language", "en", "--out", str(out)])
    assert code == 0
    paths = [out, *(tmp_path / f"year-{q}.xlsx" for q in QUARTERS)]
    store = _store(data_dir)
    priority = {loc.name for loc in store.catalog.localities(include_inactive=True)
                if loc.priority_area}
    store.close()
    for path in paths:
        intervals, threshold = attack_workbook(path, priority)
        assert too_narrow(intervals, threshold) == {}
        about = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("About").to_python()
        assert any("Protected together" in str(row[1]) for row in about if len(row) > 1)


def test_cli_refuses_with_quarters_without_a_year_or_suppression(data_dir: Path,
                                                                 tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]
                                                                 ) -> None:
    for args in (["--period", "2026Q1", "--suppress", "5"], ["--period", "2026"]):
        code = cli(["--data-dir", str(data_dir), "--ui-language", "en", "report", *args,
                    "--with-quarters", "--out", str(tmp_path / "x.xlsx")])
        assert code == 2
        assert "--with-quarters" in capsys.readouterr().err  # refusals: one line on stderr
    assert not list(tmp_path.glob("*.xlsx"))


def test_the_attacker_reading_all_five_workbooks_finds_nothing(data_dir: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "year.xlsx"
    assert cli(["--data-dir", str(data_dir), "report", "--period", "2026", "--suppress", "5",
                "--with-quarters", "--language", "en", "--out", str(out)]) == 0
    intervals, threshold = attack_year_and_quarters(
        out, [tmp_path / f"year-{q}.xlsx" for q in QUARTERS], _priority(data_dir))
    assert intervals and too_narrow(intervals, threshold) == {}


def test_the_attacker_reading_five_separate_workbooks_works_counts_out(
        data_dir: Path, tmp_path: Path) -> None:
    """The control: protected one by one, the year and its quarters undo each other."""
    paths = []
    for code in ["2026", *QUARTERS]:
        paths.append(tmp_path / f"{code}.xlsx")
        assert cli(["--data-dir", str(data_dir), "report", "--period", code, "--suppress", "5",
                    "--language", "en", "--out", str(paths[-1])]) == 0
    intervals, threshold = attack_year_and_quarters(paths[0], paths[1:], _priority(data_dir))
    exact = [n for n, (low, high) in too_narrow(intervals, threshold).items()
             if abs(high - low) < 1e-6]
    assert exact  # hidden counts worked out to the person by differencing


def _priority(data_dir: Path) -> set[str]:
    store = _store(data_dir)
    try:
        return {loc.name for loc in store.catalog.localities(include_inactive=True)
                if loc.priority_area}
    finally:
        store.close()
