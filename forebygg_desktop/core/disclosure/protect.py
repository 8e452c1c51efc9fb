"""Choose the hidden cells of a release: primary, then secondary until the audit passes.

Primary: a shown count of people from 1 up to (not including) the threshold. Zero rule: a
0 (or an empty cell) is always shown and never hidden; it counts nobody, and a reader may
therefore take every hidden cell to be at least 1 (the audit does).

Secondary, in rounds:
1. No equation may keep exactly one unknown cell (it would be its total minus the shown
   parts): one more cell of that equation is hidden, preferring a cell that does not leave
   another equation with a single unknown, then small cells over large ones and cells
   inside tables over totals.
2. The audit (linear programming) computes every hidden cell's interval; for each cell
   narrower than the rule, one more cell of its equations (or of equations reachable
   through hidden cells) is hidden, large enough to widen it where one is.
3. Repeat until the audit passes. Each round hides at least one more cell, and a part
   whose cells are all hidden has no upper bound, so this ends.
Then secondary cells are given back one at a time, largest first, where the audit still
passes without them: fewer and smaller hidden cells (within a fixed amount of work, counted
in cells solved for, so that a large joint release still ends quickly). The release is never
returned unless the last audit passed.
"""

from __future__ import annotations

from dataclasses import dataclass

from forebygg_desktop.core.disclosure.audit import AuditResult, audit, audit_near
from forebygg_desktop.core.disclosure.release import Key, Release

DEFAULT_THRESHOLD = 5
# Keeping a total visible is worth more than several small inner cells.
TOTAL_COST = 1_000
# How many hidden cells' intervals giving secondary cells back may solve for, in all (a
# count, not a time: the same data always gives the same decision). A single report stays
# far below it; a year protected with its quarters and their evaluations reaches it.
PRUNE_WORK = 3_000


@dataclass(frozen=True)
class Protection:
    """The decision for one release: which cells are hidden, and the audit's verdict."""

    threshold: int | None
    hidden: frozenset[Key]
    primary: frozenset[Key]
    result: AuditResult | None  # None: suppression off
    rounds: int = 0
    # Codes of the other reports protected in the same release (a year with its quarters).
    together: tuple[str, ...] = ()

    def is_hidden(self, key: Key) -> bool:
        return key in self.hidden

    @property
    def secondary(self) -> frozenset[Key]:
        return self.hidden - self.primary


def unprotected() -> Protection:
    """Suppression off: everything shown (the unit's own use)."""
    return Protection(None, frozenset(), frozenset(), None)


def is_small(value: int | None, threshold: int) -> bool:
    """A count that identifies: at least 1 and below the threshold."""
    return value is not None and 0 < value < threshold


def primary_cells(release: Release, threshold: int) -> set[Key]:
    return {k for k in release.shown if is_small(release.values[k], threshold)}


def protect(release: Release, threshold: int = DEFAULT_THRESHOLD,
            hidden: set[Key] | None = None, prune: bool = True) -> Protection:
    """Hide the small cells of `release` and enough others that the audit passes.

    `hidden` starts the search from more than the primary cells (e.g. a release a test
    left deliberately unprotected); `prune` gives back secondary cells not needed.
    """
    primary = primary_cells(release, threshold)
    chosen = set(primary) | (hidden or set())
    search = _Search(release, threshold)
    rounds = 0
    while True:
        rounds += 1
        search.close_singletons(chosen)
        result = audit(release, chosen, threshold)
        if result.passed:
            break
        added = search.widen(chosen, result)
        if not added:  # cannot happen: a failing cell always has a shown neighbour
            raise RuntimeError("secondary suppression found no cell to hide")
        chosen |= added
    if prune:
        chosen, result = search.prune(chosen, primary, result)
    return Protection(threshold, frozenset(chosen), frozenset(primary), result, rounds)


class _Search:
    def __init__(self, release: Release, threshold: int) -> None:
        self.release = release
        self.threshold = threshold
        self.of = release.equations_of()
        self.totals = release.totals()

    def cost(self, key: Key) -> int:
        return self.release.value(key) + (TOTAL_COST if key in self.totals else 0)

    def candidates(self, equation: int, hidden: set[Key]) -> list[Key]:
        """Shown, non-zero cells of an equation that could still be hidden."""
        return [k for k in self.release.equations[equation].keys
                if k not in hidden and k not in self.release.latent and self.release.value(k)]

    def unknowns(self, equation: int, hidden: set[Key]) -> int:
        return sum(1 for k in self.release.equations[equation].keys
                   if k in hidden or k in self.release.latent)

    def new_singletons(self, key: Key, hidden: set[Key]) -> int:
        """How many other equations would have `key` as their only unknown."""
        return sum(1 for e in self.of[key] if self.unknowns(e, hidden) == 0)

    def close_singletons(self, hidden: set[Key]) -> None:
        """Hide cells until no equation has exactly one unknown that is a hidden cell."""
        todo = sorted({e for k in hidden for e in self.of.get(k, ())})
        while todo:
            e = todo.pop()
            keys = self.release.equations[e].keys
            if self.unknowns(e, hidden) != 1 or not any(k in hidden for k in keys):
                continue
            options = self.candidates(e, hidden)
            if not options:
                continue
            pick = min(options, key=lambda k: (self.new_singletons(k, hidden),
                                               self.cost(k), k))
            hidden.add(pick)
            todo.extend(self.of[pick])

    def widen(self, hidden: set[Key], result: AuditResult) -> set[Key]:
        """One more hidden cell for each failing cell not already helped this round."""
        added: set[Key] = set()
        touched: set[int] = set()
        for key in sorted(result.failing):
            if touched & set(self.of.get(key, ())):
                continue
            interval = result.intervals[key]
            missing = self.threshold - max(interval.width(), 0)
            pick = self._partner(key, hidden | added, missing)
            if pick is not None:
                added.add(pick)
                touched |= set(self.of[pick]) | set(self.of.get(key, ()))
        return added

    def _partner(self, key: Key, hidden: set[Key], missing: float) -> Key | None:
        """The cheapest cell near `key` (its equations first, then further out through
        hidden or latent cells) that is big enough to widen it, else the biggest."""
        seen_equations: set[int] = set()
        frontier = {key}
        seen_cells = {key}
        while frontier:
            equations = {e for k in frontier for e in self.of.get(k, ())} - seen_equations
            if not equations:
                return None
            seen_equations |= equations
            options = sorted({k for e in equations for k in self.candidates(e, hidden)})
            if options:
                big = [k for k in options if self.release.value(k) > missing]
                if big:
                    return min(big, key=lambda k: (self.cost(k), k))
                return max(options, key=lambda k: (self.release.value(k), k))
            frontier = {k for e in equations for k in self.release.equations[e].keys
                        if k not in seen_cells}
            seen_cells |= frontier
        return None

    def prune(self, hidden: set[Key], primary: set[Key],
              result: AuditResult) -> tuple[set[Key], AuditResult]:
        """Give back secondary cells (most costly first) the audit does not need.

        Each try audits only the parts the cell took part in (`audit_near`); the set that
        remains is audited whole once more, and kept only if that audit passes too."""
        before = (hidden, result)
        work = 0
        for key in sorted(hidden - primary, key=lambda k: (-self.cost(k), k)):
            if work > PRUNE_WORK:
                break  # enough tried: the rest stay hidden (safe, only less economical)
            trial = hidden - {key}
            if any(self.unknowns(e, trial) == 1 and not self._only_latent(e, trial)
                   for e in self.of.get(key, ())):
                continue  # a cheap check first: it would leave a lone hidden cell
            near = audit_near(self.release, trial, self.threshold, key, self.of)
            work += len(near.intervals)
            if near.passed:
                hidden = trial
        if hidden == before[0]:
            return before
        result = audit(self.release, hidden, self.threshold)
        return (hidden, result) if result.passed else before

    def _only_latent(self, equation: int, hidden: set[Key]) -> bool:
        return not any(k in hidden for k in self.release.equations[equation].keys)
