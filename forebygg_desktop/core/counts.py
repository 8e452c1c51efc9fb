"""Counts of people, where `None` ("nothing was entered") is never mixed up with `0`.

Standard library only: the start-up glance uses it before SQLAlchemy is loaded.
"""

from __future__ import annotations


def sum_known(*values: int | None) -> int | None:
    """Sum of the entered values; None when none was entered (0 is a value)."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None
