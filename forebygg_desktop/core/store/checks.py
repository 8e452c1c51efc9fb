"""Collects validation errors for a whole form so every wrong field is marked at once."""

from __future__ import annotations

from typing import Any

from forebygg_desktop.core.errors import ValidationError, ValidationErrors
from forebygg_desktop.core.i18n import N_

MAX_COUNT = 10_000
MAX_MINUTES = 24 * 60


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

    def count(self, field: str, value: int | None) -> None:
        """An optional head count: empty is allowed, negative or absurd is not."""
        if value is None:
            return
        if value < 0:
            self.fail(field, N_("A count cannot be negative."))
        elif value > MAX_COUNT:
            self.fail(field, N_("A count above {limit} is not plausible."), limit=MAX_COUNT)

    def minutes(self, field: str, value: int | None) -> None:
        if value is not None and not 1 <= value <= MAX_MINUTES:
            self.fail(field, N_("Minutes must be between 1 and {limit}."), limit=MAX_MINUTES)

    def code(self, field: str, value: str | None, allowed: Any, required: bool = True) -> None:
        if value is None:
            if required:
                self.fail(field, N_("Choose a value."))
            return
        if value not in allowed:
            self.fail(field, N_("Unknown choice: {code}."), code=value)

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ValidationErrors(self.errors)

