"""The audit: what can a reader work out about each hidden cell of a release?

For every hidden cell the audit solves two linear programs, the smallest and the largest
value the cell can take given every shown cell, every equation of the release and what a
reader knows besides: no count is negative, and a hidden count is at least 1 (zeros are
always shown). It is the auditor's attack, done before the release leaves the program.

The protection rule: the interval [smallest, largest] of every hidden cell, rounded inward
to whole numbers, must be at least `width` wide (the suppression threshold). Then no
hidden count can be worked out, and none can be shown to be below the threshold either,
since its largest possible value is above it.

The programs are small: only hidden and latent cells are unknowns, and cells that share
no equation through other unknowns are solved apart (a connected part at a time).
HiGHS (`highspy`) solves them; its low-level class is used directly, as it prints nothing.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from highspy import _core as highs

from forebygg_desktop.core.disclosure.release import Key, Release

# A hidden count is never 0 (zeros are shown), a latent one may be.
HIDDEN_LOWER = 1.0
LATENT_LOWER = 0.0
_EPSILON = 1e-6


@dataclass(frozen=True)
class Interval:
    """The values a hidden cell can take, as far as a reader can tell."""

    low: float
    high: float  # math.inf: no upper bound

    def width(self) -> float:
        """Whole numbers between the bounds, rounded inward (an integer-valued count)."""
        if math.isinf(self.high):
            return math.inf
        return math.floor(self.high + _EPSILON) - math.ceil(self.low - _EPSILON)


@dataclass(frozen=True)
class AuditResult:
    intervals: dict[Key, Interval]
    failing: frozenset[Key]
    width: int

    @property
    def passed(self) -> bool:
        return not self.failing

    def narrowest(self) -> float:
        """The narrowest interval of any hidden cell (inf when nothing is hidden)."""
        return min((i.width() for i in self.intervals.values()), default=math.inf)


class AuditError(RuntimeError):
    """The solver gave no answer for a cell: the release must not be published."""


def audit(release: Release, hidden: Iterable[Key], width: int) -> AuditResult:
    """Intervals of every hidden cell and the ones narrower than `width`."""
    hidden_set = set(hidden)
    intervals: dict[Key, Interval] = {}
    for part in _parts(release, hidden_set):
        intervals.update(_solve_part(release, hidden_set, part))
    for key in hidden_set - intervals.keys():
        intervals[key] = Interval(HIDDEN_LOWER, math.inf)  # in no equation at all
    failing = frozenset(k for k, i in intervals.items() if i.width() < width)
    return AuditResult(intervals, failing, width)


def audit_near(release: Release, hidden: Iterable[Key], width: int, shown: Key,
               equations_of: dict[Key, list[int]]) -> AuditResult:
    """The audit of only the parts a cell just given back (`shown`) took part in: every
    equation reachable from its equations through unknown cells. Parts out of its reach are
    the same linear programs as before, with the same intervals. (Used to try secondary
    cells back one at a time; the final decision is always audited whole.)"""
    hidden_set = set(hidden)
    unknown = hidden_set | release.latent
    todo = list(equations_of.get(shown, ()))
    reached: set[int] = set()
    while todo:
        index = todo.pop()
        if index in reached:
            continue
        reached.add(index)
        for key in release.equations[index].keys:
            if key in unknown:
                todo.extend(e for e in equations_of.get(key, ()) if e not in reached)
    intervals: dict[Key, Interval] = {}
    for part in _parts(release, hidden_set, sorted(reached)):
        intervals.update(_solve_part(release, hidden_set, part))
    failing = frozenset(k for k, i in intervals.items() if i.width() < width)
    return AuditResult(intervals, failing, width)


@dataclass
class _Part:
    unknowns: list[Key]
    rows: list[tuple[dict[Key, float], float]]  # coefficients of unknowns, right-hand side


def _parts(release: Release, hidden: set[Key],
           only: Iterable[int] | None = None) -> list[_Part]:
    """The equations over unknown cells (of `only` these equations, by index), split into
    parts that share no unknown."""
    unknown = hidden | release.latent
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    rows: list[tuple[dict[Key, float], float]] = []
    equations = (release.equations if only is None
                 else [release.equations[index] for index in only])
    for equation in equations:
        coefficients: dict[Key, float] = defaultdict(float)
        rhs = 0.0
        for key, sign in ((equation.total, 1.0), *((p, -1.0) for p in equation.parts)):
            if key in unknown:
                coefficients[key] += sign
            else:
                rhs -= sign * release.value(key)
        terms = {k: c for k, c in coefficients.items() if c}
        if not terms:
            continue
        rows.append((terms, rhs))
        first = next(iter(terms))
        for key in terms:
            parent[find(key)] = find(first)
    by_root: dict[Key, _Part] = {}
    for terms, rhs in rows:
        part = by_root.setdefault(find(next(iter(terms))), _Part([], []))
        part.rows.append((terms, rhs))
    out = []
    for part in by_root.values():
        keys = sorted({k for terms, _rhs in part.rows for k in terms})
        if any(k in hidden for k in keys):
            part.unknowns = keys
            out.append(part)
    return out


def _solve_part(release: Release, hidden: set[Key], part: _Part) -> dict[Key, Interval]:
    column = {key: j for j, key in enumerate(part.unknowns)}
    n, m = len(part.unknowns), len(part.rows)
    entries: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for i, (terms, _rhs) in enumerate(part.rows):
        for key, coefficient in terms.items():
            entries[column[key]].append((i, coefficient))
    lp = highs.HighsLp()
    lp.num_col_, lp.num_row_ = n, m
    lp.col_cost_ = np.zeros(n)
    lp.col_lower_ = np.array([HIDDEN_LOWER if k in hidden else LATENT_LOWER
                              for k in part.unknowns])
    lp.col_upper_ = np.full(n, highs.kHighsInf)
    rhs = np.array([r for _terms, r in part.rows])
    lp.row_lower_, lp.row_upper_ = rhs, rhs.copy()
    lp.a_matrix_.format_ = highs.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.cumsum([0, *(len(e) for e in entries)])
    lp.a_matrix_.index_ = np.array([i for e in entries for i, _c in e], dtype=np.int32)
    lp.a_matrix_.value_ = np.array([c for e in entries for _i, c in e])
    solver = highs._Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("presolve", "off")  # tells unbounded from infeasible
    solver.passModel(lp)
    out: dict[Key, Interval] = {}
    previous: int | None = None
    for key in part.unknowns:
        if key not in hidden:
            continue
        j = column[key]
        if previous is not None:
            solver.changeColCost(previous, 0.0)
        solver.changeColCost(j, 1.0)
        previous = j
        low = _optimum(solver, highs.ObjSense.kMinimize, key)
        high = _optimum(solver, highs.ObjSense.kMaximize, key)
        out[key] = Interval(low, high)
    return out


def _optimum(solver: highs._Highs, sense: highs.ObjSense, key: Key) -> float:
    solver.changeObjectiveSense(sense)
    for attempt in range(2):
        solver.run()
        status = solver.getModelStatus()
        if status == highs.HighsModelStatus.kOptimal:
            return float(solver.getInfo().objective_function_value)
        if status == highs.HighsModelStatus.kUnbounded and sense == highs.ObjSense.kMaximize:
            return math.inf
        if attempt == 0:
            # A warm start after an unbounded solve can end in "unknown": start afresh.
            solver.clearSolver()
    raise AuditError(f"no bound for {key}: {solver.modelStatusToString(status)}")
