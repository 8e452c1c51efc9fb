"""Small-cell suppression for tables that leave the unit.

A count of people from 1 up to (not including) the threshold is *primary* suppressed and
shown as "<5". Because a table also shows its row and column totals, a lone suppressed
cell in a row could be worked out by subtraction; more cells are then suppressed
(*secondary*) until no suppressed cell can be recovered.

The test for "recoverable" is exact. Put the table with its totals in one grid and negate
the totals: every row and every column then sums to zero. The hidden cells are edges of a
bipartite graph (rows on one side, columns on the other). The values the hidden cells can
take form the cycle space of that graph, so a hidden cell is fixed by the shown figures
exactly when its edge is a *bridge* (lies on no cycle). Secondary suppression adds cells
until no hidden cell is a bridge, preferring small, non-zero cells inside the table over
totals. Zeros and empty cells are shown: a zero identifies nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forebygg_desktop.core.counts import sum_known

DEFAULT_THRESHOLD = 5
# Costs that steer the choice of secondary cells: a total is worth keeping visible, an
# empty or zero cell hides nothing useful (and a zero would bound the others).
_MARGIN_COST = 1_000_000
_ZERO_COST = 1_000_000_000

Cell = tuple[int, int]


@dataclass(frozen=True)
class SuppressedGrid:
    """A table with its totals; the last row and the last column are the totals.

    `values[r][c]` holds every figure (None where nothing was entered); `hidden` the cells
    shown as "<threshold" or blank-suppressed, `primary` the small cells among them.
    """

    values: tuple[tuple[int | None, ...], ...]
    hidden: frozenset[Cell]
    primary: frozenset[Cell]
    threshold: int

    def shown(self, row: int, col: int) -> int | None:
        """The value when shown, None when hidden (or empty)."""
        return None if (row, col) in self.hidden else self.values[row][col]

    def is_hidden(self, row: int, col: int) -> bool:
        return (row, col) in self.hidden

    @property
    def total_row(self) -> tuple[int | None, ...]:
        return self.values[-1]


def with_totals(interior: Sequence[Sequence[int | None]]) -> list[list[int | None]]:
    """The interior table plus a total column and a total row (sums of entered values)."""
    rows = [[*row, sum_known(*row)] for row in interior]
    width = len(rows[0]) if rows else 1
    total = [sum_known(*(row[c] for row in rows)) for c in range(width)]
    return [*rows, total]


def is_small(value: int | None, threshold: int) -> bool:
    """A count that identifies: at least 1 and below the threshold."""
    return value is not None and 0 < value < threshold


def suppress(interior: Sequence[Sequence[int | None]], threshold: int = DEFAULT_THRESHOLD,
             forced: Iterable[Cell] = ()) -> SuppressedGrid:
    """Suppress small cells of `interior` and whatever else would reveal them.

    `forced` cells (positions in the grid with totals) are hidden too, e.g. a total that
    another table of the same figures had to hide.
    """
    grid: list[list[int | None]] = with_totals(interior) if interior else [[None]]
    n_rows, n_cols = len(grid), len(grid[0])
    primary = {(r, c) for r in range(n_rows) for c in range(n_cols)
               if is_small(grid[r][c], threshold)}
    hidden = primary | set(forced)
    while (bridge := _find_bridge(hidden)) is not None:
        hidden |= _cheapest_repair(grid, hidden, bridge)
    return SuppressedGrid(tuple(tuple(row) for row in grid), frozenset(hidden),
                          frozenset(primary), threshold)


def recoverable(hidden: Iterable[Cell]) -> set[Cell]:
    """The hidden cells the shown figures give away (bridges of the hidden-cell graph)."""
    cells = set(hidden)
    return {cell for cell in cells if _is_bridge(cells, cell)}


def _find_bridge(hidden: set[Cell]) -> Cell | None:
    for cell in sorted(hidden):
        if _is_bridge(hidden, cell):
            return cell
    return None


def _component(edges: set[Cell], start: tuple[str, int]) -> set[tuple[str, int]]:
    """Nodes reachable from `start`; rows are ("r", i), columns ("c", j)."""
    adjacent: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for r, c in edges:
        adjacent.setdefault(("r", r), []).append(("c", c))
        adjacent.setdefault(("c", c), []).append(("r", r))
    seen = {start}
    todo = [start]
    while todo:
        for nxt in adjacent.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _is_bridge(hidden: set[Cell], cell: Cell) -> bool:
    rest = hidden - {cell}
    return ("c", cell[1]) not in _component(rest, ("r", cell[0]))


def _cost(grid: list[list[int | None]], cell: Cell) -> int:
    r, c = cell
    value = grid[r][c]
    cost = value or _ZERO_COST
    if r == len(grid) - 1 or c == len(grid[0]) - 1:
        cost += _MARGIN_COST
    return cost


def _cheapest_repair(grid: list[list[int | None]], hidden: set[Cell],
                     bridge: Cell) -> set[Cell]:
    """The cheapest set of cells whose hiding puts `bridge` on a cycle."""
    r, c = bridge
    rest = hidden - {bridge}
    row_side = _component(rest, ("r", r))
    col_side = _component(rest, ("c", c))
    options: list[set[Cell]] = []
    # One cell joining the two sides closes a cycle through the bridge.
    for kind_r, r2 in col_side:
        if kind_r != "r":
            continue
        for kind_c, c2 in row_side:
            if kind_c == "c" and (r2, c2) not in hidden:
                options.append({(r2, c2)})
    # Otherwise a rectangle through the bridge always closes one.
    n_rows, n_cols = len(grid), len(grid[0])
    for r2 in range(n_rows):
        for c2 in range(n_cols):
            if r2 != r and c2 != c:
                options.append({(r, c2), (r2, c), (r2, c2)} - hidden)
    options = [option for option in options if option]
    return min(options, key=lambda option: (sum(_cost(grid, cell) for cell in option),
                                            sorted(option)))
