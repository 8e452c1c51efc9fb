"""The value rules every registration follows, whoever brings it: a form, a Store call or an
import.

One place says which dates the program accepts, that a count is a whole number from 0 up to
a plausible limit, how long a text may be and which answers a scale has. Forms show the
messages beside their fields (through the Store's `Checker`), the Store refuses a call that
breaks a rule, and the exchange import rejects a row that breaks one (`row_problems`) — so
a value a laptop could not save is not accepted from a file either.

Each check returns a `Problem` (a msgid plus parameters, translated when shown) or None.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from forebygg_desktop.core.i18n import N_

# Dates: nothing before the program's first possible year, nothing past the end of the
# century; what happened (a meeting, a talk, an answer) cannot lie after today.
EARLIEST_DATE: Final = date(2000, 1, 1)
LATEST_DATE: Final = date(2099, 12, 31)
EARLIEST_YEAR: Final = EARLIEST_DATE.year
LATEST_YEAR: Final = LATEST_DATE.year
# A count of people (or logins, questionnaires): a whole number from 0 up to this.
MAX_COUNT: Final = 10_000
MAX_MINUTES: Final = 24 * 60
# Texts: as long as the stored column (venue), or a generous paragraph (free text).
MAX_VENUE: Final = 128
MAX_NAME: Final = 128
MAX_FREE_TEXT: Final = 2_000
# The answer scales of the evaluation questionnaires.
LIKERT_MIN: Final = 1
LIKERT_MAX: Final = 5


_TODAY: ContextVar[date | None] = ContextVar("forebygg_today", default=None)


def today() -> date:
    """The day "not after today" means: the calendar's, or the one `same_day` fixed."""
    return _TODAY.get() or date.today()


@contextmanager
def same_day() -> Iterator[date]:
    """Every check inside sees one today (an import asks once, not twice a row; and a
    file imported across midnight is judged by one day). Nested: the outer day holds."""
    fixed = _TODAY.get()
    if fixed is not None:
        yield fixed
        return
    token = _TODAY.set(date.today())
    try:
        yield current_day()
    finally:
        _TODAY.reset(token)


current_day = today  # for functions whose parameter is called `today`


@dataclass(frozen=True)
class Problem:
    """A broken rule: the message (msgid) and its parameters."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)


def _is_int(value: object) -> bool:
    # bool is a subclass of int: True must not pass as 1; 2.0 is not a count either.
    return isinstance(value, int) and not isinstance(value, bool)


def is_day(value: object) -> bool:
    """A calendar date without a time of day (a datetime is a date subclass)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def count_problem(value: object) -> Problem | None:
    """An optional count: None ("not entered") or a whole number 0..MAX_COUNT."""
    if value is None:
        return None
    if not _is_int(value):
        return Problem(N_("A count must be a whole number."))
    assert isinstance(value, int)
    if value < 0:
        return Problem(N_("A count cannot be negative."))
    if value > MAX_COUNT:
        return Problem(N_("A count above {limit} is not plausible."), {"limit": MAX_COUNT})
    return None


def whole_number_problem(value: object, low: int, high: int, msgid: str,
                         required: bool = True) -> Problem | None:
    """A whole number in low..high; `msgid` (with {low} and {high}) says the range."""
    if value is None:
        return Problem(msgid, {"low": low, "high": high}) if required else None
    if not _is_int(value):
        return Problem(N_("Enter a whole number."))
    assert isinstance(value, int)
    if not low <= value <= high:
        return Problem(msgid, {"low": low, "high": high})
    return None


def minutes_problem(value: object) -> Problem | None:
    return whole_number_problem(value, 1, MAX_MINUTES,
                                N_("Minutes must be between {low} and {high}."), required=False)


def date_problem(value: object, *, not_after: date | None = None,
                 required: bool = True) -> Problem | None:
    """A calendar date (no time of day) between EARLIEST_DATE and LATEST_DATE.

    `not_after` is the latest day allowed (today, for what has already happened).
    """
    if value is None:
        return Problem(N_("Enter a date.")) if required else None
    if not is_day(value):
        return Problem(N_("Enter a date."))
    assert isinstance(value, date)
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        return Problem(N_("The date must lie between {first} and {last}."),
                       {"first": EARLIEST_DATE.isoformat(), "last": LATEST_DATE.isoformat()})
    if not_after is not None and value > not_after:
        return Problem(N_("The date cannot be after today."))
    return None


def year_problem(value: object) -> Problem | None:
    return whole_number_problem(value, EARLIEST_YEAR, LATEST_YEAR,
                                N_("The year must be between {low} and {high}."))


def text_problem(value: object, limit: int, required: bool = False) -> Problem | None:
    """A text of at most `limit` characters, without control characters but line breaks."""
    if value is None:
        return Problem(N_("Fill in this field.")) if required else None
    if not isinstance(value, str):
        return Problem(N_("Enter a text."))
    if len(value) > limit:
        return Problem(N_("At most {limit} characters."), {"limit": limit})
    if has_control_characters(value):
        return Problem(N_("The text contains characters that cannot be stored."))
    return None


def has_control_characters(text: str) -> bool:
    """A control character other than tab and line feed (NUL, escape, DEL …)."""
    return any(ord(c) < 32 and c not in "\n\t" for c in text) or "\x7f" in text


def answer_problem(item_type: str, value: object) -> Problem | None:
    """One answer to a questionnaire item: within its scale (None is unanswered)."""
    if value is None:
        return None
    if item_type == "likert5":
        if not _is_int(value) or not LIKERT_MIN <= value <= LIKERT_MAX:  # type: ignore[operator]
            return Problem(N_("An answer must be between {low} and {high}."),
                           {"low": LIKERT_MIN, "high": LIKERT_MAX})
        return None
    if item_type == "yes_no":
        return None if isinstance(value, bool) else Problem(N_("An answer must be yes or no."))
    if item_type == "free_text":
        return text_problem(value, MAX_FREE_TEXT)
    return Problem(N_("Unknown question."))


def answers_problems(items: Mapping[str, str],
                     answers: Mapping[str, object]) -> list[tuple[str, Problem]]:
    """Every answer checked against its item type (`items`: item code → type)."""
    out = []
    for code, value in answers.items():
        item_type = items.get(code)
        problem = (Problem(N_("Unknown question.")) if item_type is None
                   else answer_problem(item_type, value))
        if problem is not None:
            out.append((code, problem))
    return out


# --- the rules per stored column, for callers that hold a whole row (the import) ---------

COUNT = "count"
PAST = "past_date"      # what happened: not after today
DATE = "date"           # a plan: any accepted date
MINUTES = "minutes"


@dataclass(frozen=True)
class Rule:
    """The rule of one column: a kind and, for texts, a length limit."""

    kind: str
    limit: int = 0


def _counts(*names: str) -> dict[str, Rule]:
    return {name: Rule(COUNT) for name in names}


_STAGES = [f"{stage}_{gender}" for stage in ("registered", "started", "completed", "dropped")
           for gender in ("women", "men", "other")]

RULES: Final[Mapping[str, Mapping[str, Rule]]] = {
    "group_series": {"venue": Rule("text", MAX_VENUE), "planned_start": Rule(DATE),
                     "planned_meetings": Rule("planned_meetings"), **_counts(*_STAGES)},
    "meeting": {"held_on": Rule(PAST), "minutes": Rule(MINUTES), "number": Rule("number"),
                **_counts("women", "men", "other_gender", "other_adults", "children")},
    "open_meeting": {"held_on": Rule(PAST), "minutes": Rule(MINUTES),
                     "venue": Rule("text", MAX_VENUE),
                     **_counts("women", "men", "other_gender")},
    "advice_talk": {"first_talk_on": Rule(PAST), "talks": Rule("talks")},
    "digital_use": {"year": Rule("year"), "quarter": Rule("quarter"),
                    **_counts("logins_handed_out", "started", "completed")},
    "evaluation_response": {"answered_on": Rule(PAST),
                            "free_text": Rule("text", MAX_FREE_TEXT)},
    "research_count": _counts("handed_out", "returned"),
    "staff": {"name": Rule("text", MAX_NAME)},
}

MAX_MEETING_NUMBER: Final = 100
MAX_PLANNED_MEETINGS: Final = 100
MAX_TALKS: Final = 20


def value_problem(rule: Rule, value: object, today: date) -> Problem | None:
    """Check one value against its column's rule."""
    if rule.kind == COUNT:
        return count_problem(value)
    if rule.kind == PAST:
        return date_problem(value, not_after=today)
    if rule.kind == DATE:
        return date_problem(value, required=False)
    if rule.kind == MINUTES:
        return minutes_problem(value)
    if rule.kind == "text":
        return text_problem(value, rule.limit)
    if rule.kind == "year":
        return year_problem(value)
    if rule.kind == "quarter":
        return whole_number_problem(value, 1, 4, N_("Choose a quarter."))
    if rule.kind == "number":
        return whole_number_problem(value, 1, MAX_MEETING_NUMBER,
                                    N_("The meeting number must be between {low} and {high}."))
    if rule.kind == "planned_meetings":
        return whole_number_problem(value, 1, MAX_PLANNED_MEETINGS,
                                    N_("Planned meetings must be between {low} and {high}."),
                                    required=False)
    if rule.kind == "talks":
        return whole_number_problem(value, 1, MAX_TALKS,
                                    N_("The number of talks must be between {low} and {high}."))
    raise ValueError(f"unknown rule {rule.kind!r}")


def row_problems(table: str, values: Mapping[str, object],
                 today: date | None = None) -> list[tuple[str, Problem]]:
    """Every broken rule of one row of a travelling table, as (column, problem).

    Values are Python values (dates as `date`); a column without a rule is not checked
    here (codes and references are checked against the catalogue by their callers).
    The answer for a value is remembered per column (`_Remembered`): an import checks
    thousands of rows that share their dates and counts.
    """
    day = today or current_day()
    out = []
    for column, rule, remembered in _table_rules(table):
        if column in values:
            problem = remembered.problem(rule, values[column], day)
            if problem is not None:
                out.append((column, problem))
    return out


def column_problem(table: str, column: str, value: object,
                   today: date | None = None) -> Problem | None:
    """The rule of one column of `table` over a value (what `row_problems` says of it)."""
    rule, remembered = _column_rules(table)[column]
    return remembered.problem(rule, value, today or current_day())


class _Remembered:
    """`value_problem`'s answers for one column, by the value's type and value (and the
    day, for a rule that depends on it): a pure function of them. Texts are not kept
    (long, and rarely repeated)."""

    LIMIT = 4096

    def __init__(self, rule: Rule) -> None:
        self.keep = rule.kind != "text"
        self.by_day = rule.kind == PAST
        self.answers: dict[tuple[type[Any], object, date | None], Problem | None] = {}

    def problem(self, rule: Rule, value: object, today: date) -> Problem | None:
        if not self.keep:
            return value_problem(rule, value, today)
        if len(self.answers) >= self.LIMIT:
            self.answers.clear()
        key = (value.__class__, value, today if self.by_day else None)
        try:
            return self.answers[key]
        except KeyError:
            problem = self.answers[key] = value_problem(rule, value, today)
            return problem
        except TypeError:  # not hashable (a list where a number belongs): just check it
            return value_problem(rule, value, today)


_TABLE_RULES: dict[str, tuple[tuple[str, Rule, _Remembered], ...]] = {}


def _table_rules(table: str) -> tuple[tuple[str, Rule, _Remembered], ...]:
    rules = _TABLE_RULES.get(table)
    if rules is None:
        rules = _TABLE_RULES[table] = tuple(
            (column, rule, _Remembered(rule)) for column, rule in RULES.get(table, {}).items())
    return rules


_COLUMN_RULES: dict[str, dict[str, tuple[Rule, _Remembered]]] = {}


def _column_rules(table: str) -> dict[str, tuple[Rule, _Remembered]]:
    rules = _COLUMN_RULES.get(table)
    if rules is None:  # the same remembered answers as row_problems
        rules = _COLUMN_RULES[table] = {column: (rule, remembered) for column, rule, remembered
                                        in _table_rules(table)}
    return rules


def checked_columns(table: str) -> Iterable[str]:
    """The columns of `table` that have a rule here."""
    return RULES.get(table, {}).keys()
