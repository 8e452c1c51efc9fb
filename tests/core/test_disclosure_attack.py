"""An outside auditor attacks written workbooks (tests/core/disclosure_attacker.py): no hidden
count of the demo year, its quarters or small generated departments can be narrowed below
the threshold. The attacker reads the files with python-calamine and solves its own linear
programs; it shares no code with the suppression."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.disclosure import protect as protect_module
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports import release_cells
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report, write_workbook
from forebygg_desktop.core.stats import aggregate
from forebygg_desktop.core.stats.collect import (
    DigitalFacts,
    LocalityFacts,
    MeetingFacts,
    OpenFacts,
    PeriodRows,
    SeriesFacts,
    TalkFacts,
    quarter_totals,
    summarise_meetings,
)
from forebygg_desktop.core.stats.figures import Comparison
from forebygg_desktop.core.stats.service import ReportData, trend_period
from forebygg_desktop.core.store import Store
from tests.core.disclosure_attacker import attack_workbook, too_narrow


@pytest.fixture(scope="module")
def demo_year(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from forebygg_desktop.core.startup import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "forebygg.sqlite3")
    generate_demo(store, years=2, end=date(2026, 12, 31))
    return store


def _priority(store: Store) -> set[str]:
    return {loc.name for loc in store.catalog.localities(include_inactive=True)
            if loc.priority_area}


@pytest.mark.parametrize("code", ["2026", "2026Q1", "2026Q2", "2026Q3", "2026Q4"])
def test_no_hidden_count_of_the_demo_year_can_be_narrowed(demo_year: Store, tmp_path: Path,
                                                          code: str) -> None:
    path = write_report(demo_year, ReportOptions(Period.parse(code), "en", 5),
                        tmp_path / f"{code}.xlsx")
    intervals, threshold = attack_workbook(path, _priority(demo_year))
    assert threshold == 5
    assert intervals, "the demo year has small counts: something must be hidden"
    assert too_narrow(intervals, threshold) == {}


def test_a_higher_threshold_holds_too(demo_year: Store, tmp_path: Path) -> None:
    path = write_report(demo_year, ReportOptions(Period.parse("2026Q3"), "en", 12),
                        tmp_path / "q3.xlsx")
    intervals, threshold = attack_workbook(path, _priority(demo_year))
    assert threshold == 12 and len(intervals) > 10
    assert too_narrow(intervals, threshold) == {}


def test_the_attacker_breaks_a_workbook_with_primary_suppression_only(
        demo_year: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: without secondary suppression the attack succeeds (it is not vacuous)."""
    def primary_only(release: object, threshold: int) -> protect_module.Protection:
        small = protect_module.primary_cells(release, threshold)  # type: ignore[arg-type]
        return protect_module.Protection(threshold, frozenset(small), frozenset(small), None)

    monkeypatch.setattr(release_cells, "protect", primary_only)
    monkeypatch.setattr("forebygg_desktop.core.reports.reference_sheets.audit_rows",
                        lambda tx, prot: [["Suppression threshold", 5]])
    path = write_report(demo_year, ReportOptions(Period.parse("2026Q2"), "en", 5),
                        tmp_path / "naive.xlsx")
    intervals, threshold = attack_workbook(path, _priority(demo_year))
    exact = [name for name, (low, high) in too_narrow(intervals, threshold).items()
             if abs(high - low) < 1e-6]
    assert len(exact) >= 3  # hidden counts worked out to the person


# --- small departments ----------------------------------------------------------------------

PERIOD = Period.quarter(2026, 2)
LOCALITIES = {
    "herrang": LocalityFacts("herrang", "Herräng", "Hallstavik", False),
    "hallstavik": LocalityFacts("hallstavik", "Hallstavik", "Hallstavik", True),
    "grisslehamn": LocalityFacts("grisslehamn", "Grisslehamn", "Väddö", False),
    "almsta": LocalityFacts("almsta", "Älmsta", "Väddö", False),
    "spillersboda": LocalityFacts("spillersboda", "Spillersboda", "Spillersboda", True),
}
small = st.one_of(st.none(), st.integers(0, 3), st.integers(0, 9))
people = st.tuples(small, small, small)
series_draw = st.tuples(st.sampled_from(["abc", "fos", "trust"]),
                        st.sampled_from(sorted(LOCALITIES)), st.sampled_from(["sv", "ar", "so"]),
                        st.lists(st.tuples(st.integers(0, 80), people), min_size=1, max_size=4),
                        people, st.booleans())
open_draw = st.tuples(st.sampled_from(["cafe", "lecture"]), st.sampled_from(sorted(LOCALITIES)),
                      st.integers(0, 80), people)
talk_draw = st.tuples(st.sampled_from(["ongoing", "closed", "referred"]),
                      st.sampled_from(["mother", "father", "both_parents"]))
digital_draw = st.tuples(st.sampled_from(["ikomet", "webb"]), small, small, small)
department = st.fixed_dictionaries({
    "series": st.lists(series_draw, max_size=6), "opens": st.lists(open_draw, max_size=4),
    "talks": st.lists(talk_draw, max_size=8), "digital": st.lists(digital_draw, max_size=2,
                                                                  unique_by=lambda d: d[0])})


def _rows(period: Period, drawn: dict[str, list], tag: str) -> PeriodRows:  # type: ignore[type-arg]
    series, meetings = [], []
    for n, (program, locality, language, held, counts, completed) in enumerate(drawn["series"]):
        sid = f"{tag}-s{n}"
        days = sorted(period.start + timedelta(days=offset) for offset, _p in held)
        for number, ((_offset, (women, men, other)), day) in enumerate(
                zip(held, days, strict=True), 1):
            meetings.append(MeetingFacts(f"{sid}-{number}", sid, number, day, 120, "ordinary",
                                         women, men, other, None, None, None, program, locality,
                                         language, "completed" if completed else "ongoing",
                                         None))
        series.append(SeriesFacts(sid, program, locality, language,
                                  "completed" if completed else "ongoing", days[0], days[-1],
                                  days[0], counts, counts, counts))
    opens = [OpenFacts(f"{tag}-o{n}", program, period.start + timedelta(days=offset), None,
                       locality, "sv", None, *counts, False)
             for n, (program, locality, offset, counts) in enumerate(drawn["opens"])]
    talks = [TalkFacts(period.start, 1, who, outcome, "sv") for outcome, who in drawn["talks"]]
    year, quarter = period.quarters()[0]
    digital = [DigitalFacts(code, year, quarter, *counts) for code, *counts in drawn["digital"]]
    _MEETINGS[id(period)] = meetings
    return PeriodRows(period, tuple(series), summarise_meetings(meetings),
                      tuple(opens), tuple(talks), tuple(digital), dict(LOCALITIES))


# The meetings behind each PeriodRows built here (the trend sums them per quarter).
_MEETINGS: dict[int, list[MeetingFacts]] = {}


def _report(current: PeriodRows, earlier: PeriodRows) -> ReportData:
    span = trend_period(current.period)
    return ReportData(
        comparison=Comparison(aggregate.indicators(current), aggregate.indicators(earlier)),
        breakdowns={n: aggregate.breakdown(current, n) for n in aggregate.BREAKDOWNS},
        breakdowns_year_earlier={n: aggregate.breakdown(earlier, n)
                                 for n in aggregate.BREAKDOWNS},
        trend=aggregate.trend(quarter_totals([*_MEETINGS.pop(id(earlier.period), []),
                                              *_MEETINGS.pop(id(current.period), [])]),
                              [*earlier.open_meetings, *current.open_meetings], span),
        devices=(), localities=dict(LOCALITIES))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(department, department, st.sampled_from([3, 5]),
       st.sampled_from([PERIOD, Period.year(2026)]))
def test_small_departments_hold_against_the_attacker(tmp_path: Path, now: dict,  # type: ignore[type-arg]
                                                     before: dict,  # type: ignore[type-arg]
                                                     threshold: int, period: Period) -> None:
    report = _report(_rows(period, now, "now"), _rows(period.year_earlier(), before, "then"))
    path = write_workbook(report, (), 0, tmp_path / "small.xlsx", ReportTexts("en"), threshold)
    intervals, stated = attack_workbook(path, {c for c, loc in LOCALITIES.items()
                                                           if loc.priority_area})
    assert stated == threshold
    assert too_narrow(intervals, threshold) == {}
