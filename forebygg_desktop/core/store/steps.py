"""A Store check written as steps, each reading only the fields of the input record it names.

The Store runs the steps in order on one record (every save): the same errors, in the same
order, as one check function. Because a step is given the values of its fields and nothing
else (the catalogue it reads through the session), its verdict is a function of those
values: the import can run each step once per distinct value of its fields over a whole
package — column by column — and knows which rows break no rule at all. Only the other rows
go through the check row by row, for the exact first reason (exchange/validation.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from forebygg_desktop.core import validation
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import Language, Theme
from forebygg_desktop.core.store.checks import Checker


@dataclass(frozen=True)
class Step:
    """One rule of a check: `apply(checker, session, *values of fields)` marks what is wrong
    with the checker. It reads no other field and keeps no state between calls."""

    fields: tuple[str, ...]
    apply: Callable[..., None]


def run_steps(checker: Checker, session: Session, steps: Iterable[Step], data: Any) -> None:
    """Every step over one input record, in order."""
    for step in steps:
        step.apply(checker, session, *[getattr(data, name) for name in step.fields])


def row_steps(table: str, names: Iterable[str]) -> tuple[Step, ...]:
    """`Checker.row(table, data_values(data))` as one step per column with a value rule, in
    the order `validation.row_problems` checks them (`names`: the record's fields)."""
    present = set(names)
    return tuple(Step((column,), _ColumnRule(table, column))
                 for column in validation.checked_columns(table) if column in present)


@dataclass(frozen=True)
class _ColumnRule:
    table: str
    column: str

    def __call__(self, checker: Checker, session: Session, value: Any) -> None:
        checker.column(self.table, self.column, value)


# Steps more than one record's check shares (a talk, an open meeting).
def _language(checker: Checker, session: Session, language_code: Any) -> None:
    checker.check(session.get(Language, language_code) is not None,
                  "language_code", N_("Choose a language."))


def _theme(checker: Checker, session: Session, theme_code: Any) -> None:
    if theme_code is not None:
        checker.check(session.get(Theme, theme_code) is not None, "theme_code",
                      N_("Unknown choice: {code}."), code=theme_code)


LANGUAGE_STEP = Step(("language_code",), _language)
THEME_STEP = Step(("theme_code",), _theme)
