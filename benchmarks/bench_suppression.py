"""Suppression and audit of a department decade's year workbook against writing it unsuppressed.

Both runs read the year from the database and write the whole workbook in the same process.
The unsuppressed run is the baseline (it also writes the per-meeting Data sheet, which a
suppressed workbook leaves out); the suppressed run adds the release, primary and secondary
suppression, the linear-programming audit of every hidden cell and the pruning. The time of
the protection alone and the size of the release are printed too.
The department's parents have answered evaluation questionnaires (half the series of the
year and the year before, in five languages): their tables are cells of the same release.
Goal: ratio <= 2x, and the suppressed workbook in under 10 s. A second, stricter ratio
compares the same sheets written from figures already read (no Data rows in either).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.release_cells import protect_report
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.reports.workbook import (
    ReportOptions,
    catalog_names,
    write_report,
    write_workbook,
)
from forebygg_desktop.core.startup import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' answer generator
from tests.core.evaluation_demo import add_answers

END = date(2026, 12, 31)
PERIOD = Period.year(2026)
THRESHOLD = 5


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = open_store(root / "forebygg.sqlite3")
        rows = generate_demo(store, years=10, scale=11, end=END)
        add_answers(store, since=date(2025, 1, 1))
        plain, protected = root / "plain.xlsx", root / "protected.xlsx"
        write_report(store, ReportOptions(PERIOD, suppress=THRESHOLD), root / "warm.xlsx")
        base = min(_timed(lambda: write_report(store, ReportOptions(PERIOD), plain,
                                                force=True))
                   for _ in range(3))
        best = min(_timed(lambda: write_report(store, ReportOptions(PERIOD, suppress=THRESHOLD),
                                               protected, force=True))
                   for _ in range(3))
        data = store.stats.report(PERIOD)
        tx = ReportTexts("sv", catalog_names(store))
        # The stricter comparison: the same sheets from figures already read (no Data rows).
        same_plain = min(_timed(lambda: write_workbook(data, (), 0, plain, tx, None))
                         for _ in range(3))
        same_protected = min(_timed(lambda: write_workbook(data, (), 0, protected, tx,
                                                           THRESHOLD)) for _ in range(3))
        alone = min(_timed(lambda: protect_report(data, THRESHOLD)) for _ in range(3))
        decision = protect_report(data, THRESHOLD)
        quarters = []
        for quarter in range(1, 5):
            q = store.stats.report(Period.quarter(2026, quarter))
            quarters.append(_timed(lambda q=q: protect_report(q, THRESHOLD)))  # type: ignore[misc]
        store.close()
    release, prot = decision.release, decision.protection
    answers = sum(e.responses for e in data.comparison.current.evaluations)
    print(f"database rows: {rows}; evaluation answers in the year: {answers}; "
          f"release: {len(release.shown)} cells, "
          f"{len(release.equations)} equations; hidden: {len(prot.primary)} small + "
          f"{len(prot.secondary)} further, {prot.rounds} rounds")
    print(f"unsuppressed workbook (read + write, Data sheet included): {base:.2f} s")
    print(f"suppressed workbook (read + protect + audit + write): {best:.2f} s")
    print(f"protection and audit alone: {alone:.2f} s (year); quarters: "
          + ", ".join(f"{t:.2f} s" for t in quarters))
    print(f"ratio: {best / base:.2f}x (goal <= 2x, and < 10 s)")
    print(f"same sheets from figures already read: {same_protected:.2f} s suppressed vs "
          f"{same_plain:.2f} s unsuppressed, ratio {same_protected / same_plain:.2f}x")


if __name__ == "__main__":
    main()
