"""Every count of people a report shows, as one release (`core/disclosure`).

One report is one release: the Summary (this period and the year earlier), the four
breakdowns, open meetings, advice talks, digital programs, evaluations and the trend —
in the workbook and on the Reports screen alike. Cells that are the same figure share a
key (the Programs table's total women is the Summary's "Visits by women"); sums that link
tables are equations (an area is the sum of its localities, a year the sum of its
quarters in the trend). Shares are not cells: a share is shown only when the counts it is
made of are shown, and a shown share counts as showing the figures it gives away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from forebygg_desktop.core.codes import TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.counts import sum_known
from forebygg_desktop.core.disclosure.audit import AuditError
from forebygg_desktop.core.disclosure.protect import Protection, protect, unprotected
from forebygg_desktop.core.disclosure.release import Key, Release
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.tables import Hidden
from forebygg_desktop.core.stats.aggregate import BREAKDOWNS
from forebygg_desktop.core.stats.figures import (
    BreakdownRow,
    GenderCounts,
    GroupFigures,
    Indicators,
    ItemCounts,
)
from forebygg_desktop.core.stats.service import ReportData

GENDERS = ("women", "men", "other")
WITH_TOTAL = (*GENDERS, "total")
STAGES = ("registered", "started", "completed")
DIGITAL = ("logins_handed_out", "started", "completed")
OPEN_BREAKDOWNS = ("program", "locality")
CURRENT, EARLIER = "cur", "prev"


def group_rows(rows: Sequence[BreakdownRow]) -> list[BreakdownRow]:
    """Breakdown rows with group figures (open-meeting-only rows belong to the Open sheet)."""
    return [r for r in rows if r.groups != GroupFigures()]


def open_rows(rows: Sequence[BreakdownRow]) -> list[BreakdownRow]:
    return [r for r in rows if r.open.occasions]


def talk_codes(ind: Indicators) -> tuple[list[str], list[str]]:
    return ([c for c in TALK_OUTCOMES if c in ind.talks.by_outcome],
            [c for c in WHO_CAME if c in ind.talks.by_who_came])


def trend_code(year: int, quarter: int) -> str:
    return f"{year}Q{quarter}"


def _gender_value(counts: GenderCounts, g: str) -> int | None:
    value: int | None = counts.total if g == "total" else getattr(counts, g)
    return value


def report_release(data: ReportData, strict: bool = True) -> Release:
    """The release of one report (both of its periods); `strict` checks every sum."""
    release = Release(strict=strict)
    current, earlier = data.comparison.current, data.comparison.year_earlier
    for tag, ind in ((CURRENT, current), (EARLIER, earlier)):
        _headline(release, tag, ind)
    _open(release, data)
    _breakdowns(release, data)
    _talks(release, current)
    _digital(release, current)
    _evaluations(release, current)
    _trend(release, data)
    return release


def _headline(release: Release, tag: str, ind: Indicators) -> None:
    """The Summary's counts; the year earlier shows fewer of them (the rest is latent)."""
    earlier = tag == EARLIER
    for name, counts in (("visits", ind.groups.visits), ("open", ind.open.participants)):
        for g in GENDERS:
            release.add((name, tag, g), getattr(counts, g), latent=earlier and name == "open")
        release.add((name, tag, "total"), counts.total)
        release.link((name, tag, "total"), [(name, tag, g) for g in GENDERS])
    for stage in STAGES:
        release.add((stage, tag), getattr(ind.groups, stage).total)
    # What the shares give away: men of all visits, all visits, visits in priority areas.
    release.add(("all", tag, "men"), ind.all_visits.men)
    release.add(("all", tag, "total"), ind.all_visits.total)
    release.link(("all", tag, "men"), [("visits", tag, "men"), ("open", tag, "men")])
    release.link(("all", tag, "total"), [("visits", tag, "total"), ("open", tag, "total")])
    release.add(("priority", tag), ind.priority_visits)
    if earlier:  # the year earlier's localities are not shown: only the remainder is known
        rest = (ind.all_visits.total or 0) - (ind.priority_visits or 0)
        release.add(("priority", tag, "rest"), rest, latent=True)
        release.link(("all", tag, "total"), [("priority", tag), ("priority", tag, "rest")])
    release.add(("talks", tag), ind.talks.contacts)
    release.add(("digital", tag, "logins_handed_out"),
                sum_known(*(d.logins_handed_out for d in ind.digital)))
    release.add(("eval", tag), sum(e.responses for e in ind.evaluations))


def _open(release: Release, data: ReportData) -> None:
    for name in OPEN_BREAKDOWNS:
        rows = open_rows(data.breakdowns[name])
        for row in rows:
            for g in GENDERS:
                release.add(("open", CURRENT, g, name, row.code), getattr(row.open.participants, g))
            total = ("open", CURRENT, "total", name, row.code)
            release.add(total, row.open.participants.total)
            release.link(total, [("open", CURRENT, g, name, row.code) for g in GENDERS])
        for g in WITH_TOTAL:
            release.link(("open", CURRENT, g), [("open", CURRENT, g, name, r.code) for r in rows])


def _area_of(data: ReportData, locality: str) -> str:
    loc = data.localities.get(locality)
    return loc.area if loc is not None else locality


def _breakdowns(release: Release, data: ReportData) -> None:
    rows_by = {name: group_rows(data.breakdowns[name]) for name in BREAKDOWNS}
    for name, rows in rows_by.items():
        for row in rows:
            for g in WITH_TOTAL:
                release.add(("visits", CURRENT, g, name, row.code),
                            _gender_value(row.groups.visits, g))
            release.link(("visits", CURRENT, "total", name, row.code),
                         [("visits", CURRENT, g, name, row.code) for g in GENDERS])
            for stage in STAGES:
                release.add((stage, CURRENT, name, row.code), getattr(row.groups, stage).total)
        for g in WITH_TOTAL:
            release.link(("visits", CURRENT, g),
                         [("visits", CURRENT, g, name, r.code) for r in rows])
        for stage in STAGES:
            release.link((stage, CURRENT), [(stage, CURRENT, name, r.code) for r in rows])
    localities = [r.code for r in rows_by["locality"]]
    for area in rows_by["area"]:
        inside = [code for code in localities if _area_of(data, code) == area.code]
        for g in WITH_TOTAL:
            release.link(("visits", CURRENT, g, "area", area.code),
                         [("visits", CURRENT, g, "locality", code) for code in inside])
        for stage in STAGES:
            release.link((stage, CURRENT, "area", area.code),
                         [(stage, CURRENT, "locality", code) for code in inside])
    priority = {code for code, loc in data.localities.items() if loc.priority_area}
    opens = [r.code for r in open_rows(data.breakdowns["locality"])]
    release.link(("priority", CURRENT),
                 [*(("visits", CURRENT, "total", "locality", c) for c in localities
                    if c in priority),
                  *(("open", CURRENT, "total", "locality", c) for c in opens if c in priority)])


def _talks(release: Release, ind: Indicators) -> None:
    outcome, who = talk_codes(ind)
    for kind, codes, counts in (("outcome", outcome, ind.talks.by_outcome),
                                ("who_came", who, ind.talks.by_who_came)):
        for code in codes:
            release.add(("talks", CURRENT, kind, code), counts[code])
        if codes:
            release.link(("talks", CURRENT), [("talks", CURRENT, kind, c) for c in codes])


def _digital(release: Release, ind: Indicators) -> None:
    for k in DIGITAL:
        total = release.add(("digital", CURRENT, k),
                            sum_known(*(getattr(d, k) for d in ind.digital)))
        for d in ind.digital:
            release.add(("digital", CURRENT, k, d.program_code), getattr(d, k))
        release.link(total, [("digital", CURRENT, k, d.program_code) for d in ind.digital])


def scale_codes(item: ItemCounts) -> tuple[str, ...]:
    """The answer values of an item, as cell codes: "1".."5" or "yes", "no"."""
    if item.type == "yes_no":
        return ("yes", "no")
    return tuple(str(v) for v in range(1, len(item.counts) + 1))


def eval_languages(ind: Indicators) -> list[str]:
    """The languages answered in, over every questionnaire of the period."""
    return sorted({lang for e in ind.evaluations for lang, _n in e.languages})


def item_key(questionnaire: str, item: str, *value: str) -> Key:
    """An item's answered count (no value) or the count of one answer value."""
    return ("eval", CURRENT, questionnaire, "item", item, *value)


def _evaluations(release: Release, ind: Indicators) -> None:
    """Answers per questionnaire, per questionnaire and language (a table with a total row
    and column) and per item and answer value. An item's values add up to its answered
    count; what it was not answered by is latent (a reader knows it is not negative)."""
    for e in ind.evaluations:
        q = e.questionnaire_code
        total = release.add(("eval", CURRENT, q), e.responses)
        for lang, n in e.languages:
            release.add(("eval", CURRENT, q, "lang", lang), n)
        if e.languages:
            release.link(total, [("eval", CURRENT, q, "lang", lang) for lang, _n in e.languages])
        for item in e.items:
            answered = release.add(item_key(q, item.code), item.n)
            values = [release.add(item_key(q, item.code, code), count)
                      for code, count in zip(scale_codes(item), item.counts, strict=True)]
            release.link(answered, values)
            rest = release.add(item_key(q, item.code, "rest"), e.responses - item.n, latent=True)
            release.link(total, [answered, rest])
    release.link(("eval", CURRENT),
                 [("eval", CURRENT, e.questionnaire_code) for e in ind.evaluations])
    languages = eval_languages(ind)
    for lang in languages:
        column = release.add(("eval", CURRENT, "lang", lang),
                             sum(n for e in ind.evaluations for code, n in e.languages
                                 if code == lang))
        release.link(column, [("eval", CURRENT, e.questionnaire_code, "lang", lang)
                              for e in ind.evaluations
                              if any(code == lang for code, _n in e.languages)])
    if languages:
        release.link(("eval", CURRENT), [("eval", CURRENT, "lang", lang) for lang in languages])


def _trend(release: Release, data: ReportData) -> None:
    codes = set()
    for p in data.trend:
        code = trend_code(p.year, p.quarter)
        codes.add(code)
        visits = release.add(("trend", code, "visits"), p.visits.total)
        men = release.add(("trend", code, "men"), p.visits.men)
        rest = release.add(("trend", code, "rest"), (p.visits.total or 0) - (p.visits.men or 0),
                           latent=True)
        release.link(visits, [men, rest])
        release.add(("trend", code, "open"), p.open_participants.total)
    for tag, period in ((CURRENT, data.period), (EARLIER, data.period.year_earlier())):
        quarters = [trend_code(y, q) for y, q in period.quarters()]
        first, last = period.quarters()[0], period.quarters()[-1]
        aligned = period == Period(Period.quarter(*first).start, Period.quarter(*last).end)
        if not aligned or not set(quarters) <= codes:
            continue
        release.link(("visits", tag, "total"), [("trend", c, "visits") for c in quarters])
        release.link(("visits", tag, "men"), [("trend", c, "men") for c in quarters])
        release.link(("open", tag, "total"), [("trend", c, "open") for c in quarters])


@dataclass(frozen=True)
class ReportProtection:
    """A report's release and the decision over it: what every table cell shows."""

    release: Release
    protection: Protection

    @property
    def threshold(self) -> int | None:
        return self.protection.threshold

    def show(self, key: Key) -> Any:
        """The cell's value, or a `Hidden` marker."""
        if key in self.protection.hidden:
            return Hidden(key in self.protection.primary, self.protection.threshold or 0)
        return self.release.values[key]

    def hidden(self, *keys: Key) -> bool:
        return any(k in self.protection.hidden for k in keys)


class ProtectionFailedError(UserError):
    msgid = N_("The report could not be checked for small numbers, so it was not shown or "
               "written. Please try again; if it happens again, report it to the unit's "
               "administrator.")


def protect_report(data: ReportData, threshold: int | None) -> ReportProtection:
    """The one decision a report's workbook and screen both show (None: suppression off).

    Raises `ProtectionFailedError` when the audit cannot be completed: an unaudited
    release is never returned.
    """
    if not threshold:
        return ReportProtection(report_release(data, strict=False), unprotected())
    try:
        release = report_release(data)
        return ReportProtection(release, protect(release, threshold))
    except (AuditError, ValueError) as error:  # an inconsistent or unsolved release
        raise ProtectionFailedError() from error
