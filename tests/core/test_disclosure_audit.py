"""The audit in the program: it measures what a reader can work out, it rejects a release with a
secondary cell missing, and protection adds cells until it passes."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.disclosure.audit import audit
from forebygg_desktop.core.disclosure.protect import primary_cells, protect
from forebygg_desktop.core.disclosure.release import Release
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.release_cells import report_release
from forebygg_desktop.core.store import Store


def _table(values: list[list[int | None]]) -> Release:
    """A table with a total per row, per column and a grand total."""
    release = Release()
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            release.add(("c", str(i), str(j)), value)
        release.add(("row", str(i)), sum(v or 0 for v in row))
        release.link(("row", str(i)), [("c", str(i), str(j)) for j in range(len(row))])
    for j in range(len(values[0])):
        release.add(("col", str(j)), sum(row[j] or 0 for row in values))
        release.link(("col", str(j)), [("c", str(i), str(j)) for i in range(len(values))])
    release.add(("all",), sum(v or 0 for row in values for v in row))
    release.link(("all",), [("row", str(i)) for i in range(len(values))])
    release.link(("all",), [("col", str(j)) for j in range(len(values[0]))])
    return release


def test_a_lone_hidden_cell_is_pinned_down_by_its_totals() -> None:
    release = _table([[3, 20], [15, 12]])
    result = audit(release, [("c", "0", "0")], 5)
    interval = result.intervals[("c", "0", "0")]
    assert (interval.low, interval.high) == (3, 3)
    assert not result.passed


def test_a_rectangle_of_hidden_cells_moves_together() -> None:
    release = _table([[3, 20], [15, 12]])
    cells = [("c", "0", "0"), ("c", "0", "1"), ("c", "1", "0"), ("c", "1", "1")]
    result = audit(release, cells, 5)
    # 3 + t, 20 - t, 15 - t, 12 + t with every cell >= 1: t from -2 to 14.
    assert result.intervals[("c", "0", "0")].low == pytest.approx(1)
    assert result.intervals[("c", "0", "0")].high == pytest.approx(17)
    assert result.passed


def test_two_small_cells_do_not_protect_each_other() -> None:
    """Both hidden, neither a 'bridge' — yet a reader knows they add up to 3."""
    release = Release()
    parts = [release.add(("p", name), value) for name, value in (("a", 1), ("b", 2), ("c", 30))]
    release.add(("t",), 33)
    release.link(("t",), parts)
    assert not audit(release, [("p", "a"), ("p", "b")], 5).passed
    decision = protect(release, 5)
    assert decision.primary == {("p", "a"), ("p", "b")}
    assert ("p", "c") in decision.hidden and ("t",) not in decision.hidden  # not the total
    assert audit(release, decision.hidden, 5).passed


def test_zeros_and_empty_cells_are_never_hidden() -> None:
    release = _table([[0, 2, None], [7, 0, 9], [30, 1, 40]])
    decision = protect(release, 5)
    for key in decision.hidden:
        assert release.values[key]
    # small inner cells and small totals alike (row 0 adds up to 2, column 1 to 3)
    assert primary_cells(release, 5) == {("c", "0", "1"), ("c", "2", "1"), ("row", "0"),
                                         ("col", "1")}
    assert audit(release, decision.hidden, 5).passed


def test_nothing_is_hidden_without_small_counts() -> None:
    decision = protect(_table([[20, 0], [0, 12]]), 5)
    assert not decision.hidden and decision.result is not None and decision.result.passed
    assert math.isinf(decision.result.narrowest())


@pytest.fixture(scope="module")
def demo_release(tmp_path_factory: pytest.TempPathFactory) -> Release:
    from forebygg_desktop.core.startup import open_store

    store: Store = open_store(tmp_path_factory.mktemp("demo") / "forebygg.sqlite3")
    generate_demo(store, years=2, end=date(2026, 12, 31))
    return report_release(store.stats.report(Period.parse("2026Q4")))


def test_the_audit_catches_a_missing_secondary_cell_and_protection_repairs_it(
        demo_release: Release) -> None:
    decision = protect(demo_release, 5)
    assert decision.secondary, "the demo quarter needs secondary suppression"
    assert audit(demo_release, decision.hidden, 5).passed  # checked again, independently
    for missing in sorted(decision.secondary)[:6]:
        broken = set(decision.hidden) - {missing}
        verdict = audit(demo_release, broken, 5)
        assert not verdict.passed  # every secondary cell kept is needed
        repaired = protect(demo_release, 5, hidden=broken, prune=False)
        assert broken <= repaired.hidden and repaired.hidden - broken
        assert repaired.result is not None and repaired.result.passed
        assert audit(demo_release, repaired.hidden, 5).passed


def test_primary_only_fails_the_audit_on_the_demo_quarter(demo_release: Release) -> None:
    primary = primary_cells(demo_release, 5)
    assert primary and not audit(demo_release, primary, 5).passed


def test_every_small_count_is_hidden_and_no_latent_figure_is_counted(
        demo_release: Release) -> None:
    decision = protect(demo_release, 5)
    small = {k for k in demo_release.shown if 0 < (demo_release.values[k] or 0) < 5}
    assert small == decision.primary <= decision.hidden
    assert not decision.hidden & demo_release.latent



def test_an_inconsistent_report_is_refused_with_a_message_not_published(
        tmp_path: Path) -> None:
    """A report whose figures do not add up is not suppressed on guesswork: a user error."""
    from dataclasses import replace

    from forebygg_desktop.core.reports.release_cells import ProtectionFailedError
    from forebygg_desktop.core.reports.texts import ReportTexts
    from forebygg_desktop.core.reports.workbook import write_workbook
    from forebygg_desktop.core.startup import open_store
    from forebygg_desktop.core.stats.figures import Comparison

    store = open_store(tmp_path / "forebygg.sqlite3")
    generate_demo(store, years=1, end=date(2026, 12, 31))
    data = store.stats.report(Period.parse("2026Q3"))
    current = data.comparison.current
    broken = replace(current, priority_visits=(current.priority_visits or 0) + 1)
    data = replace(data, comparison=Comparison(broken, data.comparison.year_earlier))
    with pytest.raises(ProtectionFailedError) as caught:
        write_workbook(data, (), 0, tmp_path / "x.xlsx", ReportTexts("en"), 5)
    assert "not shown or written" in caught.value.msgid and caught.value.message()
    assert not (tmp_path / "x.xlsx").exists()
    store.close()
