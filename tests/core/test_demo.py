"""The demo generator: deterministic, realistic, sized, and valid for the Store's rules."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from forebygg_desktop.core.demo import PRESETS, generate_demo
from forebygg_desktop.core.models import AdviceTalk, DigitalUse, GroupSeries, Meeting, OpenMeeting
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store

END = date(2026, 6, 30)


def _figures(store: Store) -> dict[str, object]:
    """Aggregate figures that do not depend on the random row keys."""
    with store.uow.read() as session:
        def count(model: type) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)
        return {
            "series": count(GroupSeries), "meetings": count(Meeting),
            "open": count(OpenMeeting), "talks": count(AdviceTalk),
            "digital": count(DigitalUse),
            "visits": session.scalar(select(func.sum(Meeting.women + Meeting.men))),
            "by_program": sorted(session.execute(select(
                GroupSeries.program_code, func.count()).group_by(GroupSeries.program_code))),
            "statuses": sorted(session.execute(select(
                GroupSeries.status, func.count()).group_by(GroupSeries.status))),
            "open_people": session.scalar(select(func.sum(OpenMeeting.women))),
            "talk_days": session.scalar(select(func.sum(func.julianday(
                AdviceTalk.first_talk_on)))),
        }


def _fresh(tmp_path: Path, name: str) -> Store:
    return open_store(tmp_path / name / "forebygg.sqlite3")


def test_the_same_seed_gives_the_same_figures(tmp_path: Path) -> None:
    one, two, other = (_fresh(tmp_path, n) for n in ("a", "b", "c"))
    try:
        rows_one = generate_demo(one, end=END)
        rows_two = generate_demo(two, end=END)
        generate_demo(other, end=END, seed=7)
        assert rows_one == rows_two
        assert _figures(one) == _figures(two)
        assert _figures(one) != _figures(other)
    finally:
        for store in (one, two, other):
            store.close()


def test_a_demo_year_is_realistic(tmp_path: Path) -> None:
    store = _fresh(tmp_path, "y")
    try:
        generate_demo(store, years=1, end=END)
        with store.uow.read() as session:
            series = session.scalars(select(GroupSeries)).all()
            meetings = session.scalars(select(Meeting)).all()
        assert 50 <= len(series) <= 70
        group_programs = {p.code for p in store.catalog.programs()
                          if p.kind in ("parent_group", "children_group", "study_circle")}
        assert {s.program_code for s in series} == group_programs
        assert len({s.locality_code for s in series}) >= 6
        assert len({s.language_code for s in series}) >= 4
        assert {"running", "completed"} <= {s.status for s in series}
        assert meetings and all(m.held_on <= END for m in meetings)
        assert store.open_meetings.list() and store.talks.list() and store.digital.list()
        assert any(t.talks > 3 for t in store.talks.list())  # the warning case occurs
    finally:
        store.close()


def test_demo_rows_obey_the_store_rules(tmp_path: Path) -> None:
    """What the demo writes directly would also pass the Store's own checks."""
    store = _fresh(tmp_path, "r")
    try:
        generate_demo(store, end=END)
        with store.uow.read() as session:
            series = {s.id: s for s in session.scalars(select(GroupSeries))}
            meetings = session.scalars(select(Meeting)).all()
        numbers = [(m.series_id, m.number) for m in meetings]
        assert len(numbers) == len(set(numbers))
        for m in meetings:
            s = series[m.series_id]
            registered = (s.registered_women or 0) + (s.registered_men or 0) + (
                s.registered_other or 0)
            assert (m.women or 0) + (m.men or 0) + (m.other_gender or 0) <= registered
            assert s.planned_start is None or m.held_on >= s.planned_start
        for s in series.values():
            if s.started_women is not None:
                assert s.started_women <= s.registered_women
                assert (s.completed_women or 0) + (s.dropped_women or 0) <= s.started_women
            assert (s.status == "cancelled") == (s.cancel_reason is not None)
    finally:
        store.close()


def test_size_scales_the_volume(tmp_path: Path) -> None:
    small, big = _fresh(tmp_path, "s"), _fresh(tmp_path, "b")
    try:
        rows_small = generate_demo(small, years=1, scale=0.5, end=END)
        rows_big = generate_demo(big, years=2, scale=1.0, end=END)
        assert 3 * rows_small < rows_big
        assert _figures(big)["series"] == 120
    finally:
        small.close()
        big.close()


def test_the_department_decade_is_about_fifty_thousand_rows(tmp_path: Path) -> None:
    store = _fresh(tmp_path, "d")
    try:
        preset = PRESETS["department-decade"]
        began = time.monotonic()
        rows = generate_demo(store, years=preset.years, scale=preset.scale, end=END)
        elapsed = time.monotonic() - began
        assert 40_000 <= rows <= 60_000, rows
        figures = _figures(store)
        counted = [figures[k] for k in ("series", "meetings", "open", "talks", "digital")]
        assert sum(n for n in counted if isinstance(n, int)) == rows
        print(f"department decade: {rows} rows in {elapsed:.1f} s")
    finally:
        store.close()
