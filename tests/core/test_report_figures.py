"""Every figure in the workbook equals a plain-SQL recomputation written here.

The SQL below is independent of `core/stats` (which reads rows and sums in Python): it
writes the quarter rule out again, directly against the tables.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import text

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.models import GroupSeries, Meeting, new_uuid
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.summary import ROWS
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.store import Store

SPAN = """(SELECT series_id, min(held_on) AS f, max(held_on) AS l FROM meeting
           WHERE deleted = FALSE GROUP BY series_id)"""
MEETINGS = """FROM meeting m JOIN group_series g ON g.id = m.series_id
              WHERE m.deleted = FALSE AND g.deleted = FALSE AND m.held_on BETWEEN :s AND :e"""
ROW_TOTAL = """CASE WHEN {p}women IS NULL AND {p}men IS NULL AND {p}other{o} IS NULL THEN NULL
               ELSE coalesce({p}women, 0) + coalesce({p}men, 0) + coalesce({p}other{o}, 0)
               END"""
VISIT = ROW_TOTAL.format(p="m.", o="_gender")
OPEN_VISIT = ROW_TOTAL.format(p="", o="_gender")


def stage_total(stage: str) -> str:
    return (f"CASE WHEN g.{stage}_women IS NULL AND g.{stage}_men IS NULL AND "
            f"g.{stage}_other IS NULL THEN NULL ELSE coalesce(g.{stage}_women, 0) + "
            f"coalesce(g.{stage}_men, 0) + coalesce(g.{stage}_other, 0) END")


def expected_summary(store: Store, period: Period) -> dict[str, Any]:
    """Every Summary figure of `period`, in plain SQL."""
    p = {"s": period.start.isoformat(), "e": period.end.isoformat()}
    with store.engine.connect() as db:
        def one(sql: str) -> Any:
            return db.execute(text(sql), p).scalar()

        visits = one(f"SELECT sum({VISIT}) {MEETINGS}")
        men = one(f"SELECT sum(m.men) {MEETINGS}")
        open_men = one("SELECT sum(men) FROM open_meeting WHERE deleted = FALSE "
                       "AND held_on BETWEEN :s AND :e")
        open_total = one(f"SELECT sum({OPEN_VISIT}) FROM open_meeting WHERE deleted = FALSE "
                         "AND held_on BETWEEN :s AND :e")
        priority = one(f"""SELECT sum(v) FROM (
            SELECT {VISIT} AS v {MEETINGS} AND g.locality_code IN
                   (SELECT code FROM locality WHERE priority_area = TRUE)
            UNION ALL SELECT {OPEN_VISIT} FROM open_meeting WHERE deleted = FALSE
                   AND held_on BETWEEN :s AND :e AND locality_code IN
                   (SELECT code FROM locality WHERE priority_area = TRUE)) AS visits""")
        all_visits = None if visits is None and open_total is None else \
            (visits or 0) + (open_total or 0)
        all_men = None if men is None and open_men is None else (men or 0) + (open_men or 0)
        quarters = [(y, q) for y, q in period.quarters()
                    if period.start <= Period.quarter(y, q).start
                    and Period.quarter(y, q).end <= period.end]
        logins = None
        if quarters:
            clause = " OR ".join(f"(year = {y} AND quarter = {q})" for y, q in quarters)
            logins = one(f"SELECT sum(logins_handed_out) FROM digital_use "
                         f"WHERE deleted = FALSE AND ({clause})")
        series = f"FROM group_series g JOIN {SPAN} x ON x.series_id = g.id WHERE g.deleted = FALSE"
        return {
            "series_started": one(f"SELECT count(*) {series} AND x.f BETWEEN :s AND :e"),
            "series_running": one(f"SELECT count(DISTINCT m.series_id) {MEETINGS}"),
            "series_completed": one(f"SELECT count(*) {series} AND g.status = 'completed' "
                                    "AND x.l BETWEEN :s AND :e"),
            "series_cancelled": one(
                f"SELECT count(*) FROM group_series g LEFT JOIN {SPAN} x ON x.series_id = g.id "
                "WHERE g.deleted = FALSE AND g.status = 'cancelled' "
                "AND coalesce(x.f, g.planned_start) BETWEEN :s AND :e"),
            "meetings": one(f"SELECT count(*) {MEETINGS}"),
            "visits_total": visits,
            "visits_women": one(f"SELECT sum(m.women) {MEETINGS}"),
            "visits_men": men,
            "visits_other": one(f"SELECT sum(m.other_gender) {MEETINGS}"),
            "registered": one(f"SELECT sum({stage_total('registered')}) {series} "
                              "AND x.f BETWEEN :s AND :e"),
            "started": one(f"SELECT sum({stage_total('started')}) {series} "
                           "AND x.f BETWEEN :s AND :e"),
            "completed": one(f"SELECT sum({stage_total('completed')}) {series} "
                             "AND g.status = 'completed' AND x.l BETWEEN :s AND :e"),
            "share_men": all_men / all_visits if all_visits and all_men is not None else None,
            "share_priority": (priority or 0) / all_visits if all_visits else None,
            "other_language": one(f"SELECT count(DISTINCT m.series_id) {MEETINGS} "
                                  "AND g.language_code NOT IN ('sv', 'sv-x-easy')"),
            "interpreter": one(f"SELECT count(DISTINCT m.series_id) {MEETINGS} "
                               "AND m.interpreter = TRUE"),
            "open_occasions": one("SELECT count(*) FROM open_meeting WHERE deleted = FALSE "
                                  "AND held_on BETWEEN :s AND :e"),
            "open_participants": open_total,
            "meetings_all": one(f"SELECT count(*) {MEETINGS}") + one(
                "SELECT count(*) FROM open_meeting WHERE deleted = FALSE "
                "AND held_on BETWEEN :s AND :e"),
            "visits_all": all_visits,
            "talk_contacts": one("SELECT count(*) FROM advice_talk WHERE deleted = FALSE "
                                 "AND first_talk_on BETWEEN :s AND :e"),
            "talks": one("SELECT coalesce(sum(talks), 0) FROM advice_talk WHERE deleted = FALSE "
                         "AND first_talk_on BETWEEN :s AND :e"),
            "digital_logins": logins,
            "evaluation_answers": one("SELECT count(*) FROM evaluation_response "
                                      "WHERE deleted = FALSE AND answered_on BETWEEN :s AND :e"),
        }


def sheet(path: Path, index: int) -> list[list[Any]]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(book.sheet_names[index]).to_python(skip_empty_area=False)


def summary_values(path: Path) -> dict[str, tuple[Any, Any]]:
    rows = sheet(path, 0)
    header = next(i for i, row in enumerate(rows) if len(row) > 3 and row[3] and i > 1)
    out = {}
    for k, (key, *_rest) in enumerate(ROWS):
        row = rows[header + 1 + k]
        out[key] = (None if row[1] == "" else row[1], None if row[2] == "" else row[2])
    return out


def assert_same(figure: str, got: Any, want: Any) -> None:
    if want is None:
        assert got is None, figure
    else:
        assert got == pytest.approx(want), figure


def check_workbook_against_sql(store: Store, period: Period, path: Path) -> None:
    write_report(store, ReportOptions(period), path)
    got = summary_values(path)
    now, before = expected_summary(store, period), expected_summary(store, period.year_earlier())
    for key in now:
        assert_same(key, got[key][0], now[key])
        assert_same(f"{key} (year earlier)", got[key][1], before[key])
    # The Data sheet: one row per meeting, counts as stored (empty stays empty).
    data = sheet(path, 9)
    p = {"s": period.start.isoformat(), "e": period.end.isoformat()}
    with store.engine.connect() as db:
        stored = db.execute(text(f"SELECT m.held_on, m.women, m.men, m.other_gender {MEETINGS} "
                                 "ORDER BY m.held_on, g.program_code, m.series_id, m.number"),
                            p).all()
        by_program = dict(db.execute(text(
            f"SELECT g.program_code, sum({VISIT}) {MEETINGS} GROUP BY g.program_code"), p).all())
    body = [row for row in data[1:] if any(v != "" for v in row)]
    assert len(body) == len(stored)
    for row, (held_on, women, men, other) in zip(body, stored, strict=True):
        assert str(row[0])[:10] == str(held_on)
        for cell, value in zip(row[10:13], (women, men, other), strict=True):
            assert (cell if cell != "" else None) == value
    # The Programs sheet: visits per program and in total.
    programs = sheet(path, 1)
    names = {p.name("sv"): p.code for p in store.catalog.programs(include_inactive=True)}
    # The sheet prints as two tables (series, participants); visits are in the second.
    header = next(i for i, row in enumerate(programs) if "Besök: Totalt" in row)
    visits_col = programs[header].index("Besök: Totalt")
    shown = {names[row[0]]: row[visits_col] for row in programs[header + 1:]
             if row[0] in names}
    for code, value in by_program.items():
        assert (shown.get(code) if shown.get(code) != "" else None) == value


def test_demo_year_figures_equal_plain_sql(store: Store, tmp_path: Path) -> None:
    generate_demo(store, years=2, end=date(2026, 9, 30))
    for code in ("2026Q3", "2026Q1", "2026", "2026-02-10..2026-08-20"):
        check_workbook_against_sql(store, Period.parse(code), tmp_path / f"{code[:6]}.xlsx")


def _series(store: Store, status: str, meetings: list[tuple[date, tuple[Any, Any, Any]]],
            planned_start: date | None = None, **counts: int | None) -> str:
    series_id = new_uuid()
    with store.uow.write() as tx:
        tx.add(GroupSeries(id=series_id, program_code="ABC-3-12", locality_code="RIMBO",
                           language_code="ar", planned_meetings=4, status=status,
                           planned_start=planned_start, **counts))
        for number, (day, (women, men, other)) in enumerate(meetings, start=1):
            tx.add(Meeting(series_id=series_id, number=number, held_on=day, women=women,
                           men=men, other_gender=other, interpreter=True))
    return series_id


@pytest.fixture
def edge_store(store: Store) -> Store:
    """A series spanning two quarters, cancelled series, zero and empty counts."""
    _series(store, "completed", [(date(2026, 3, 20), (6, 2, 0)), (date(2026, 3, 27), (5, 2, 0)),
                                 (date(2026, 4, 3), (6, 1, 0)), (date(2026, 4, 10), (4, 2, 0))],
            registered_women=7, registered_men=2, registered_other=0, started_women=6,
            started_men=2, started_other=0, completed_women=5, completed_men=2,
            completed_other=0)
    _series(store, "cancelled", [], planned_start=date(2026, 2, 10), registered_women=2)
    _series(store, "cancelled", [(date(2026, 5, 4), (3, 0, 0))])
    # An entered 0 is a value; a meeting with nothing entered adds nothing.
    _series(store, "running", [(date(2026, 5, 11), (0, 0, 0)),
                               (date(2026, 5, 18), (None, None, None))])
    return store


def test_edge_cases_equal_plain_sql(edge_store: Store, tmp_path: Path) -> None:
    for code in ("2026Q1", "2026Q2", "2026Q3", "2026"):
        check_workbook_against_sql(edge_store, Period.parse(code), tmp_path / f"{code}.xlsx")


def test_quarter_rule_for_a_series_spanning_two_quarters(edge_store: Store) -> None:
    q1 = edge_store.stats.indicators(Period.parse("2026Q1")).groups
    q2 = edge_store.stats.indicators(Period.parse("2026Q2")).groups
    assert (q1.series_started, q1.series_running, q1.series_completed) == (1, 1, 0)
    assert q1.series_cancelled == 1  # never met, planned start in Q1
    assert (q2.series_started, q2.series_completed, q2.series_cancelled) == (2, 1, 1)
    assert q1.visits.total == 15 and q2.visits.total == 13 + 3 + 0
    assert q1.registered.total == 9 and q2.completed.total == 7


def test_an_empty_quarter_reports_zeros_and_nothing_entered(edge_store: Store,
                                                            tmp_path: Path) -> None:
    ind = edge_store.stats.indicators(Period.parse("2025Q4"))
    assert ind.groups.meetings == 0 and ind.groups.visits.total is None
    assert ind.share_men is None and ind.share_priority is None
    path = tmp_path / "empty.xlsx"
    write_report(edge_store, ReportOptions(Period.parse("2025Q4")), path)
    got = summary_values(path)
    assert got["meetings"][0] == 0 and got["visits_total"][0] is None


def test_zero_counts_stay_apart_from_empty_ones(edge_store: Store) -> None:
    running = list(edge_store.stats.meetings(Period.parse("2026-05-11..2026-05-18")))
    assert [(m.women, m.men) for m in running] == [(0, 0), (None, None)]
    ind = edge_store.stats.indicators(Period.parse("2026-05-11..2026-05-18"))
    assert ind.groups.meetings == 2 and ind.groups.visits.total == 0
    none_entered = edge_store.stats.indicators(Period.parse("2026-05-18..2026-05-18"))
    assert none_entered.groups.meetings == 1 and none_entered.groups.visits.total is None
