"""A release: every count of people shown together, and the sums that link them.

A *cell* is one figure, named by a key (a tuple of codes). A cell is either *shown*
somewhere in the release (a table cell, a total, a figure a shown share gives away) or
*latent*: a figure the release never shows but that a reader knows exists and is not
negative (the women and others behind a quarter's "men" and "visits", say). An *equation*
says that a total is the sum of its parts; tables that break the same figure down
differently share their total cell, so one hidden total is hidden in all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

Key = tuple[str, ...]


@dataclass(frozen=True)
class Equation:
    """`total` = sum of `parts`."""

    total: Key
    parts: tuple[Key, ...]

    @property
    def keys(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


@dataclass
class Release:
    """The cells of one release with their true values (None: nothing was entered)."""

    values: dict[Key, int | None] = field(default_factory=dict)
    latent: set[Key] = field(default_factory=set)
    equations: list[Equation] = field(default_factory=list)
    # Check every cell and sum as it is added (the suppressed path: an inconsistent release
    # must stop the report, not be published); off when nothing will be hidden.
    strict: bool = True

    def add(self, key: Key, value: int | None, latent: bool = False) -> Key:
        """A cell; adding the same key twice must give the same value."""
        if self.strict and key in self.values and self.values[key] != value:
            raise ValueError(f"cell {key} added twice with different values")
        self.values[key] = value
        if latent:
            self.latent.add(key)
        else:
            self.latent.discard(key)  # shown anywhere means shown
        return key

    def link(self, total: Key, parts: Iterable[Key]) -> None:
        """`total` is the sum of `parts` (every key must be a cell already)."""
        parts = tuple(parts)
        if not self.strict:
            return  # the sums matter only to the audit
        for key in (total, *parts):
            if key not in self.values:
                raise ValueError(f"unknown cell {key}")
        if self.value(total) != sum(self.value(p) for p in parts):
            raise ValueError(f"{total} is not the sum of its parts")
        self.equations.append(Equation(total, parts))

    def value(self, key: Key) -> int:
        """The cell's value in sums: an empty cell counts as 0."""
        return self.values[key] or 0

    @property
    def shown(self) -> list[Key]:
        """Every cell the release shows (latent cells left out), in a stable order."""
        return sorted(k for k in self.values if k not in self.latent)

    def equations_of(self) -> dict[Key, list[int]]:
        """For each cell, the indexes of the equations it takes part in."""
        out: dict[Key, list[int]] = defaultdict(list)
        for index, equation in enumerate(self.equations):
            for key in equation.keys:
                out[key].append(index)
        return out

    def totals(self) -> set[Key]:
        """Cells that are the total of some equation (worth keeping visible)."""
        return {e.total for e in self.equations}
