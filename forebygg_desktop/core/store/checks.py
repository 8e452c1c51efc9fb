"""Collects validation errors for a whole form so every wrong field is marked at once.

The rules themselves live in `core/validation.py` (shared with the import); the checker
turns each broken rule into a `ValidationError` naming its field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from forebygg_desktop.core import validation
from forebygg_desktop.core.errors import ValidationError, ValidationErrors
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.validation import MAX_COUNT, MAX_MINUTES, Problem

__all__ = ["MAX_COUNT", "MAX_MINUTES", "Checker"]


class Checker:
    """Gathers `ValidationError`s; `done()` raises them together."""

    def __init__(self) -> None:
        self.errors: list[ValidationError] = []

    def fail(self, field: str, msgid: str, **params: Any) -> None:
        self.errors.append(ValidationError(msgid, field=field, **params))

    def check(self, ok: bool, field: str, msgid: str, **params: Any) -> bool:
        if not ok:
            self.fail(field, msgid, **params)
        return ok

    def problem(self, field: str, problem: Problem | None) -> bool:
        """Record a broken rule of `core/validation`; True when the value is fine."""
        if problem is not None:
            self.fail(field, problem.msgid, **problem.params)
        return problem is None

    def count(self, field: str, value: int | None) -> bool:
        """An optional head count: empty is allowed; a fraction, negative or absurd is not."""
        return self.problem(field, validation.count_problem(value))

    def minutes(self, field: str, value: int | None) -> bool:
        return self.problem(field, validation.minutes_problem(value))

    def day(self, field: str, value: date | None, happened: bool = True,
            required: bool = True) -> bool:
        """A date in the accepted range; `happened`: not after today."""
        return self.problem(field, validation.date_problem(
            value, not_after=validation.today() if happened else None, required=required))

    def text(self, field: str, value: str | None, limit: int) -> bool:
        return self.problem(field, validation.text_problem(value, limit))

    def row(self, table: str, values: dict[str, Any], today: date | None = None) -> None:
        """Every column rule of `table` (`validation.RULES`) over the given values (`today`:
        the day "not after today" means, when the caller has asked for it already).

        A field already marked (by a more specific message checked first) is not marked
        twice.
        """
        for column, problem in validation.row_problems(table, values, today):
            if not self.has(column):
                self.problem(column, problem)

    def column(self, table: str, column: str, value: Any) -> None:
        """`row` for one column (a tuple is checked as the list it is stored as)."""
        if isinstance(value, tuple):
            value = list(value)
        problem = validation.column_problem(table, column, value)
        if problem is not None and not self.has(column):
            self.problem(column, problem)

    def code(self, field: str, value: str | None, allowed: Any, required: bool = True) -> None:
        if value is None:
            if required:
                self.fail(field, N_("Choose a value."))
            return
        if value not in allowed:
            self.fail(field, N_("Unknown choice: {code}."), code=value)

    def has(self, field: str) -> bool:
        """True when an error is already recorded for `field` (skip follow-up checks)."""
        return any(e.field == field for e in self.errors)

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)
