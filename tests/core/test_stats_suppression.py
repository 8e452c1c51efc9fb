"""Small-cell suppression: no hidden cell can be worked out from the figures shown.

The check here is independent of the implementation's graph argument: it writes out every
relation a reader has (each row sums to its shown total, each column to its total), puts
the shown values in, and asks exact linear algebra whether a hidden cell is determined.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from forebygg_desktop.core.stats.suppression import suppress


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [row[:] for row in rows]
    rank, cols = 0, len(matrix[0]) if matrix else 0
    for col in range(cols):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col] / matrix[rank][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def determined_cells(values: tuple[tuple[int | None, ...], ...],
                     hidden: frozenset[tuple[int, int]]) -> set[tuple[int, int]]:
    """Hidden cells whose value follows from the shown cells and the sum relations."""
    n, m = len(values) - 1, len(values[0]) - 1  # last row and column are the totals
    unknowns = sorted(hidden)
    index = {cell: k for k, cell in enumerate(unknowns)}
    relations: list[list[tuple[int, int]]] = []  # cells summing to zero, total negated
    relations += [[(i, j) for j in range(m)] + [(i, m)] for i in range(n)]
    relations += [[(i, j) for i in range(n)] + [(n, j)] for j in range(m + 1)]
    rows = []
    for cells in relations:
        coefficients = [Fraction(0)] * len(unknowns)
        for cell in cells:
            if cell in index:
                sign = -1 if cell[0] == n or cell[1] == m else 1
                coefficients[index[cell]] += sign
        if any(coefficients):
            rows.append(coefficients)
    if not rows:
        return set(unknowns)
    base = _rank(rows)
    out = set()
    for cell, k in index.items():
        unit = [Fraction(int(i == k)) for i in range(len(unknowns))]
        if _rank([*rows, unit]) == base:
            out.add(cell)
    return out


counts = st.one_of(st.none(), st.integers(0, 3), st.integers(0, 40))
tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 8))
def test_no_suppressed_cell_is_recoverable_from_the_totals(table: list[list[int | None]],
                                                           threshold: int) -> None:
    grid = suppress(table, threshold)
    small = {(r, c) for r, row in enumerate(grid.values) for c, v in enumerate(row)
             if v is not None and 0 < v < threshold}
    assert small <= grid.hidden  # every small cell is hidden
    assert grid.primary == small
    assert not determined_cells(grid.values, grid.hidden)
    # Totals the table states stay the sums of what it holds.
    for row in grid.values[:-1]:
        known = [v for v in row[:-1] if v is not None]
        assert row[-1] == (sum(known) if known else None)


def test_a_lone_small_cell_takes_its_row_and_column_neighbours_with_it() -> None:
    grid = suppress([[20, 3, 0], [15, 12, 9], [30, 25, 7]], 5)
    assert (0, 1) in grid.primary
    # Row 0 and column 1 each need a second hidden cell, or subtraction reveals the 3.
    assert len([c for c in grid.hidden if c[0] == 0]) >= 2
    assert len([c for c in grid.hidden if c[1] == 1]) >= 2
    assert not determined_cells(grid.values, grid.hidden)
    # Zeros and totals are not chosen when an inner non-zero cell will do.
    assert all(grid.values[r][c] for r, c in grid.hidden)
    assert all(r < 3 and c < 3 for r, c in grid.hidden - grid.primary)


def test_nothing_is_hidden_when_every_count_is_large_or_zero() -> None:
    grid = suppress([[20, 0], [0, 12]], 5)
    assert not grid.hidden
    assert grid.values[-1] == (20, 12, 32)


def test_without_the_secondary_cells_the_small_cell_would_be_recoverable() -> None:
    grid = suppress([[20, 3], [15, 12]], 5)
    assert determined_cells(grid.values, grid.primary) == set(grid.primary)
    assert not determined_cells(grid.values, grid.hidden)
