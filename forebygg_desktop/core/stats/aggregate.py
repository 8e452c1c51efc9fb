"""Turn a period's rows into figures: totals, breakdowns and the quarterly trend.

The rule for what counts in which period is applied when the rows are read
(`collect.py`); here every figure is a plain sum or count over those rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from forebygg_desktop.core.counts import sum_known
from forebygg_desktop.core.period import Period, quarter_number
from forebygg_desktop.core.stats.collect import (
    SWEDISH,
    LocalityFacts,
    OpenFacts,
    PeriodRows,
    QuarterMeetings,
    SeriesFacts,
    SeriesMeetings,
)
from forebygg_desktop.core.stats.figures import (
    BreakdownRow,
    DigitalFigures,
    EvaluationFigures,
    GenderCounts,
    GroupFigures,
    Indicators,
    OpenFigures,
    TalkFigures,
    TrendPoint,
)


class _Coded(Protocol):
    @property
    def program_code(self) -> str: ...
    @property
    def locality_code(self) -> str: ...
    @property
    def language_code(self) -> str: ...


Key = Callable[[_Coded], str]

# The breakdowns the report shows, by name.
BREAKDOWNS = ("program", "locality", "area", "language")


def breakdown_key(name: str, localities: dict[str, LocalityFacts]) -> Key:
    """How a row is classified in the breakdown `name`."""
    if name == "program":
        return lambda row: row.program_code
    if name == "locality":
        return lambda row: row.locality_code
    if name == "area":
        return lambda row: (localities[row.locality_code].area
                            if row.locality_code in localities else row.locality_code)
    if name == "language":
        return lambda row: row.language_code
    raise ValueError(f"unknown breakdown {name!r}")


def _gender(values: Iterable[tuple[int | None, int | None, int | None]]) -> GenderCounts:
    columns = list(zip(*values, strict=False)) or [(), (), ()]
    women, men, other = (sum_known(*column) for column in columns)
    return GenderCounts(women, men, other)


@dataclass
class _Bucket:
    series: list[SeriesFacts] = field(default_factory=list)
    meetings: list[SeriesMeetings] = field(default_factory=list)
    opens: list[OpenFacts] = field(default_factory=list)


def _group_figures(period: Period, series: list[SeriesFacts],
                   meetings: list[SeriesMeetings]) -> GroupFigures:
    """`meetings`: each series' meetings in the period, summed (one entry per series)."""
    started = [s for s in series if s.first_meeting and period.contains(s.first_meeting)]
    completed = [s for s in series if s.status == "completed" and s.last_meeting
                 and period.contains(s.last_meeting)]
    cancelled = [s for s in series if s.status == "cancelled" and s.reference_day
                 and period.contains(s.reference_day)]
    running = {m.series_id for m in meetings}
    return GroupFigures(
        series_started=len(started),
        series_running=len(running),
        series_completed=len(completed),
        series_cancelled=len(cancelled),
        meetings=sum(m.meetings for m in meetings),
        visits=_gender((m.women, m.men, m.other) for m in meetings),
        registered=_gender(s.registered for s in started),
        started=_gender(s.started for s in started),
        completed=_gender(s.completed for s in completed),
        other_language_series=len({m.series_id for m in meetings
                                   if m.language_code not in SWEDISH}),
        interpreter_series=len({m.series_id for m in meetings if m.interpreter}),
    )


def _open_figures(opens: list[OpenFacts]) -> OpenFigures:
    return OpenFigures(occasions=len(opens),
                       estimated_occasions=sum(1 for o in opens if o.estimated),
                       participants=_gender((o.women, o.men, o.other) for o in opens))


def group_figures(rows: PeriodRows) -> GroupFigures:
    """Group figures of the whole period."""
    return _group_figures(rows.period, list(rows.series), list(rows.meetings))


Cell = tuple[str, str, str]  # program, locality, language: every breakdown key follows


def _cells(rows: PeriodRows) -> dict[Cell, tuple[GroupFigures, OpenFigures]]:
    """Group and open-meeting figures per (program, locality, language), in one pass.

    A series, its meetings and an open meeting each fall in exactly one cell, and every
    figure is a count of distinct series, a count, or a sum (None when nothing was
    entered): a breakdown row is the merge of its cells."""
    buckets: dict[Cell, _Bucket] = defaultdict(_Bucket)
    for s in rows.series:
        buckets[(s.program_code, s.locality_code, s.language_code)].series.append(s)
    for m in rows.meetings:
        buckets[(m.program_code, m.locality_code, m.language_code)].meetings.append(m)
    for o in rows.open_meetings:
        buckets[(o.program_code, o.locality_code, o.language_code)].opens.append(o)
    return {cell: (_group_figures(rows.period, b.series, b.meetings), _open_figures(b.opens))
            for cell, b in buckets.items()}


def _merge_groups(figures: list[GroupFigures]) -> GroupFigures:
    if len(figures) == 1:
        return figures[0]
    total = GroupFigures()
    for f in figures:
        total = GroupFigures(
            total.series_started + f.series_started, total.series_running + f.series_running,
            total.series_completed + f.series_completed,
            total.series_cancelled + f.series_cancelled, total.meetings + f.meetings,
            total.visits + f.visits, total.registered + f.registered,
            total.started + f.started, total.completed + f.completed,
            total.other_language_series + f.other_language_series,
            total.interpreter_series + f.interpreter_series)
    return total


def _merge_open(figures: list[OpenFigures]) -> OpenFigures:
    if len(figures) == 1:
        return figures[0]
    total = OpenFigures()
    for f in figures:
        total = OpenFigures(total.occasions + f.occasions,
                            total.estimated_occasions + f.estimated_occasions,
                            total.participants + f.participants)
    return total


def breakdowns(rows: PeriodRows,
               names: Iterable[str] = BREAKDOWNS) -> dict[str, list[BreakdownRow]]:
    """Figures per program, locality, area and language (codes sorted; totals not
    included), the rows classified once."""
    cells = _cells(rows)
    out = {}
    for name in names:
        key = breakdown_key(name, rows.localities)
        merged: dict[str, tuple[list[GroupFigures], list[OpenFigures]]] = defaultdict(
            lambda: ([], []))
        for (program, locality, language), (groups, opens) in cells.items():
            code = key(_CellCodes(program, locality, language))
            merged[code][0].append(groups)
            merged[code][1].append(opens)
        out[name] = [BreakdownRow(code, _merge_groups(g), _merge_open(o))
                     for code, (g, o) in sorted(merged.items())]
    return out


@dataclass(frozen=True)
class _CellCodes:
    program_code: str
    locality_code: str
    language_code: str


def breakdown(rows: PeriodRows, name: str) -> list[BreakdownRow]:
    """Figures per program, locality, area or language (codes sorted; totals not included)."""
    return breakdowns(rows, (name,))[name]


def talk_figures(rows: PeriodRows) -> TalkFigures:
    outcome: Counter[str] = Counter()
    who_came: Counter[str] = Counter()
    for t in rows.talks:  # each entry stands for `contacts` talks alike
        outcome[t.outcome] += t.contacts
        who_came[t.who_came] += t.contacts
    return TalkFigures(contacts=sum(t.contacts for t in rows.talks),
                       talks=sum(t.talks for t in rows.talks),
                       by_outcome=dict(outcome), by_who_came=dict(who_came))


def digital_figures(rows: PeriodRows) -> tuple[DigitalFigures, ...]:
    per_program: dict[str, list[tuple[int | None, int | None, int | None]]] = defaultdict(list)
    for d in rows.digital:
        per_program[d.program_code].append((d.logins_handed_out, d.started, d.completed))
    out = []
    for code, values in sorted(per_program.items()):
        counts = _gender(values)  # three independent sums, same None rule
        out.append(DigitalFigures(code, counts.women, counts.men, counts.other))
    return tuple(out)


def indicators(rows: PeriodRows,
               evaluations: tuple[EvaluationFigures, ...] = ()) -> Indicators:
    """The headline figures of a period."""
    groups = group_figures(rows)
    opens = _open_figures(list(rows.open_meetings))
    priority = {code for code, loc in rows.localities.items() if loc.priority_area}
    priority_visits = sum_known(
        *(m.visits for m in rows.meetings if m.locality_code in priority),
        *(sum_known(o.women, o.men, o.other) for o in rows.open_meetings
          if o.locality_code in priority))
    all_visits = groups.visits + opens.participants
    if priority_visits is None and all_visits.total is not None:
        priority_visits = 0  # visits were counted, none of them in a priority area
    return Indicators(period=rows.period, groups=groups, open=opens, talks=talk_figures(rows),
                      digital=digital_figures(rows), evaluations=evaluations,
                      all_visits=all_visits, priority_visits=priority_visits)


def trend(meetings: Iterable[QuarterMeetings], opens: Iterable[OpenFacts],
          period: Period) -> list[TrendPoint]:
    """Meetings and visits per quarter, for every quarter the period touches."""
    by_quarter = {(q.year, q.quarter): q for q in meetings}
    open_by_quarter: dict[tuple[int, int], list[OpenFacts]] = defaultdict(list)
    for o in opens:
        open_by_quarter[(o.held_on.year, quarter_number(o.held_on))].append(o)
    empty = QuarterMeetings(0, 0, 0, None, None, None)
    points = []
    for year, quarter in period.quarters():
        q = by_quarter.get((year, quarter), empty)
        points.append(TrendPoint(year, quarter, q.meetings, GenderCounts(q.women, q.men, q.other),
                                 _gender((o.women, o.men, o.other)
                                         for o in open_by_quarter[(year, quarter)])))
    return points
