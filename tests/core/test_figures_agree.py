"""The start page and the report show the same figure under the same name, with one value.

For several periods of a demo year: every figure the start page (`store.overview`) and
the report's Summary (the reports page and the workbook, written by the CLI's code) both
show agrees, and each is named from the one definition in `core/figures.py`; figures that
differ are named differently and both are explained on the Definitions sheet.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from forebygg_desktop.core import figures
from forebygg_desktop.core.overview import HOME_FIGURES
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.definitions import DEFINITIONS
from forebygg_desktop.core.reports.summary import ROWS
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.store import Store

TODAY = date.today()
HOME_KEYS = [key for pair in HOME_FIGURES for key in pair if key]
SUMMARY = {key: (msgid, get) for key, msgid, _kind, get, _depends in ROWS}
SHARED = [key for key in HOME_KEYS if key in SUMMARY]


def periods() -> list[Period]:
    """This quarter and the three before it."""
    out = [Period.quarter_of(TODAY)]
    for _step in range(3):
        out.append(Period.quarter_of(out[-1].start - timedelta(days=1)))
    return out


def test_the_shared_figures_are_the_start_page_headlines() -> None:
    # Everything on the start page but the attention list (today's, not a period's) is
    # also in the report.
    assert set(HOME_KEYS) - set(SHARED) == {"attention"}
    assert {"meetings_all", "visits_all", "share_men", "other_language", "interpreter",
            "talk_contacts"} <= set(SHARED)


@pytest.mark.parametrize("index", range(4))
def test_start_page_and_report_agree_for_the_same_period(demo_store: Store,
                                                         index: int) -> None:
    period = periods()[index]
    overview = demo_store.overview.quarter(period, today=TODAY)
    indicators = demo_store.stats.indicators(period)
    assert overview.figure("meetings_all")  # the demo year has meetings in every quarter
    for key in SHARED:
        home, report = overview.figure(key), SUMMARY[key][1](indicators)
        if isinstance(report, float):
            assert home == pytest.approx(report), key
        else:
            assert home == report, key


def test_the_workbook_shows_the_start_page_figures(demo_store: Store, tmp_path: Path) -> None:
    period = periods()[1]
    overview = demo_store.overview.quarter(period, today=TODAY)
    path = tmp_path / "r.xlsx"
    write_report(demo_store, ReportOptions(period, "en"), path)
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    shown = {str(row[0]): row[1] for row in rows if len(row) > 1}
    for key in SHARED:
        label = figures.name(key)  # English: the msgid itself
        value = overview.figure(key)
        assert label in shown, label
        if isinstance(value, float):
            assert shown[label] == pytest.approx(value), key
        else:
            assert shown[label] == value, key


def test_one_name_per_figure_and_no_name_for_two_figures() -> None:
    for key in SHARED:
        assert SUMMARY[key][0] == figures.name(key)
    labels = [msgid for msgid, _get in SUMMARY.values()]
    assert len(labels) == len(set(labels))
    names = [f.name for f in figures.FIGURES.values()]
    assert len(names) == len(set(names))


def test_figures_that_differ_are_both_defined() -> None:
    defined = {name: text for _key, name, text in DEFINITIONS}
    for key in ("visits_total", "visits_all", "meetings", "meetings_all", "share_men",
                "share_men_groups"):
        figure = figures.FIGURES[key]
        assert defined[figure.name] == figure.definition
    assert len(defined) == len(DEFINITIONS)  # no name twice on the sheet
