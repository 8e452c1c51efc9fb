"""Pairs of periods the one-pass readers are checked against (each read alone)."""

from __future__ import annotations

from forebygg_desktop.core.period import Period

# (first, second); second None: the year before the first. All in the past: meetings
# cannot be registered in the future.
PERIOD_PAIRS: list[tuple[Period, Period | None]] = [
    (Period.parse("2024-03-01..2026-05-31"), None),  # overlaps its year earlier
    (Period.parse("2026Q1"), None),  # apart from it
    (Period.parse("2025"), None),  # touches it
    (Period.parse("2026Q1"), Period.parse("2026Q1")),  # the same period twice
    (Period.parse("2025Q4"), Period.parse("2026-01-01..2026-01-01")),  # a year's turn
    (Period.parse("2010Q2"), None),  # nothing held but on its edges
]
