"""A year and its four quarters protected as one release (`report --with-quarters`).

Published side by side, a year's report and its quarters' reports could undo each other by
differencing (the year's row minus three quarters' rows is the fourth quarter's row). Here
the five releases become one: every cell is named with its report's period, every count
the year shows is linked to the same count in the quarters (the year is their sum), and
the trend's quarters, which the reports share, are one cell each. One protection and one
audit cover the whole set; each workbook then shows its part of that decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from forebygg_desktop.core.disclosure.audit import AuditError, AuditResult
from forebygg_desktop.core.disclosure.protect import Protection, protect
from forebygg_desktop.core.disclosure.release import Key, Release
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.release_cells import (
    ProtectionFailedError,
    ReportProtection,
    report_release,
)
from forebygg_desktop.core.stats.service import ReportData

if TYPE_CHECKING:
    from forebygg_desktop.core.store import Store

SHARED = "trend"  # trend cells are the same figure in every report that shows them


def _named(code: str, key: Key) -> Key:
    return key if key[0] == SHARED else (code, *key)


def combined_release(reports: dict[str, ReportData]) -> tuple[Release, dict[str, Release]]:
    """One release of several reports (by period code), and each report's own release."""
    parts = {code: report_release(data) for code, data in reports.items()}
    combined = Release()
    for code, release in parts.items():
        for key, value in release.values.items():
            combined.add(_named(code, key), value, latent=key in release.latent)
        for equation in release.equations:
            combined.equations.append(replace(
                equation, total=_named(code, equation.total),
                parts=tuple(_named(code, k) for k in equation.parts)))
    return combined, parts


def link_year_to_quarters(combined: Release, year: str, quarters: list[str],
                          parts: dict[str, Release]) -> None:
    """Every count of the year's report is the sum of the same count in its quarters."""
    for key in parts[year].values:
        if key[0] == SHARED:
            continue
        present = [(q, *key) for q in quarters if (q, *key) in combined.values]
        if not present:
            continue
        total = (year, *key)
        if combined.value(total) == sum(combined.value(k) for k in present):
            combined.link(total, present)


def protect_year_with_quarters(reports: dict[str, ReportData],
                               threshold: int) -> dict[str, ReportProtection]:
    """The decisions for a year's report and its quarters' reports, made together."""
    year = next(code for code in reports if "Q" not in code)
    quarters = [code for code in reports if code != year]
    try:
        combined, parts = combined_release(reports)
        link_year_to_quarters(combined, year, quarters, parts)
        decision = protect(combined, threshold)
    except (AuditError, ValueError) as error:
        raise ProtectionFailedError() from error
    return {code: ReportProtection(release, _part_of(decision, code, release, sorted(reports)))
            for code, release in parts.items()}


def _part_of(decision: Protection, code: str, release: Release,
             together: list[str]) -> Protection:
    hidden = frozenset(k for k in release.values if _named(code, k) in decision.hidden)
    primary = frozenset(k for k in release.values if _named(code, k) in decision.primary)
    result = decision.result
    if result is not None:
        intervals = {k: result.intervals[_named(code, k)] for k in hidden}
        result = AuditResult(intervals, frozenset(), result.width)
    return Protection(decision.threshold, hidden, primary, result, decision.rounds,
                      together=tuple(c for c in together if c != code))


def year_and_quarters(year: int) -> list[Period]:
    return [Period.year(year), *(Period.quarter(year, q) for q in range(1, 5))]


def write_year_with_quarters(store: Store, year: int, language: str, threshold: int,
                             path: Path, force: bool = False,
                             progress: Callable[[int, int, str], None] | None = None,
                             cancelled: Callable[[], bool] | None = None) -> list[Path]:
    """The year's workbook at `path` and each quarter's beside it (`<stem>-<year>Q<n>.xlsx`),
    all protected together; returns the paths written. Like `write_report`, no target is the
    program's own file or another kind of file, an existing workbook is replaced only with
    `force`, and each workbook written is recorded (Reports page: what was reported)."""
    from forebygg_desktop.core import fsretry, settings
    from forebygg_desktop.core.files import fsync_folder
    from forebygg_desktop.core.reports.records import shown_figures
    from forebygg_desktop.core.reports.texts import ReportTexts
    from forebygg_desktop.core.reports.workbook import catalog_names, write_workbook
    from forebygg_desktop.core.targets import check_target

    reports = {p.code: store.stats.report(p) for p in year_and_quarters(year)}
    decisions = protect_year_with_quarters(reports, threshold)
    texts = ReportTexts(language, catalog_names(store))
    targets = {code: path if "Q" not in code else path.with_name(f"{path.stem}-{code}{path.suffix}")
               for code in reports}
    for target in targets.values():  # every target checked before the first is written
        check_target(target, "report", data_dir=store.data_dir, database=store.path, force=force)
    # One set, whole or not at all: each workbook is written under a staging name, and only
    # once all five are written are they renamed into place (a full disk on the third once
    # left the year's workbook without the quarters it was protected with).
    staged = {code: target.with_name(f".{target.name}.set") for code, target in targets.items()}
    department = store.settings.get(settings.DEPARTMENT)
    try:
        for code, data in reports.items():
            write_workbook(data, (), 0, staged[code], texts, threshold, progress=progress,
                           cancelled=cancelled, department=department,
                           protection=decisions[code])
        for code in reports:
            fsretry.replace(staged[code], targets[code])
    finally:
        for part in staged.values():
            fsretry.unlink(part)
    fsync_folder(path.parent)
    written = list(targets.values())
    for code, data in reports.items():
        store.reported.record(data.period, "workbook", language, threshold, targets[code],
                              shown_figures(data, threshold, decisions[code]))
    return written
