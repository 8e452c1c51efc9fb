"""The figures of a reporting period, as plain frozen records.

Counts of people keep `None` ("nothing was entered") apart from `0` ("nobody came"):
a sum over entered values is None only when no value at all was entered.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forebygg_desktop.core.counts import sum_known
from forebygg_desktop.core.period import Period

GENDERS = ("women", "men", "other")


def share(part: int | None, whole: int | None) -> float | None:
    """part / whole, or None when either is unknown or the whole is 0."""
    if part is None or not whole:
        return None
    return part / whole


@dataclass(frozen=True)
class GenderCounts:
    """People counted by gender; `total` sums what was entered."""

    women: int | None = None
    men: int | None = None
    other: int | None = None

    @property
    def total(self) -> int | None:
        return sum_known(self.women, self.men, self.other)

    def values(self) -> tuple[int | None, int | None, int | None]:
        return (self.women, self.men, self.other)

    def __add__(self, other: GenderCounts) -> GenderCounts:
        return GenderCounts(sum_known(self.women, other.women), sum_known(self.men, other.men),
                            sum_known(self.other, other.other))

    @property
    def share_men(self) -> float | None:
        return share(self.men, self.total)


@dataclass(frozen=True)
class GroupFigures:
    """Group series and their meetings: for a whole period or one breakdown row."""

    series_started: int = 0
    series_running: int = 0
    series_completed: int = 0
    series_cancelled: int = 0
    meetings: int = 0
    visits: GenderCounts = field(default_factory=GenderCounts)
    registered: GenderCounts = field(default_factory=GenderCounts)
    started: GenderCounts = field(default_factory=GenderCounts)
    completed: GenderCounts = field(default_factory=GenderCounts)
    other_language_series: int = 0
    interpreter_series: int = 0


@dataclass(frozen=True)
class OpenFigures:
    """Open meetings (cafés, lectures): occasions and participants."""

    occasions: int = 0
    estimated_occasions: int = 0
    participants: GenderCounts = field(default_factory=GenderCounts)


@dataclass(frozen=True)
class TalkFigures:
    """Advice-talk contact series begun in the period."""

    contacts: int = 0
    talks: int = 0
    by_outcome: dict[str, int] = field(default_factory=dict)
    by_who_came: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DigitalFigures:
    """Use of one digital program over the quarters lying wholly inside the period."""

    program_code: str
    logins_handed_out: int | None = None
    started: int | None = None
    completed: int | None = None


@dataclass(frozen=True)
class ItemCounts:
    """One item's answers in the period: how many chose each value (1..5, or yes and no).

    The counts are the release's input (`core/reports/release_cells`); a report shows them
    as its protection decides. `given`: the evaluation results would give the distribution
    (enough answered it), which an unsuppressed report also respects.
    """

    code: str
    type: str  # "likert5" or "yes_no"
    counts: tuple[int, ...]
    given: bool = True

    @property
    def n(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class EvaluationFigures:
    """One questionnaire's answers in the period: count and overall satisfaction, and (for
    the release) the answers per language and each item's distribution."""

    questionnaire_code: str
    responses: int
    satisfaction_mean: float | None
    satisfaction_n: int
    languages: tuple[tuple[str, int], ...] = ()
    items: tuple[ItemCounts, ...] = ()


@dataclass(frozen=True)
class Indicators:
    """Every headline figure of one period."""

    period: Period
    groups: GroupFigures
    open: OpenFigures
    talks: TalkFigures
    digital: tuple[DigitalFigures, ...]
    evaluations: tuple[EvaluationFigures, ...]
    # Visits in group meetings plus open-meeting participants, and the part of them in
    # localities flagged as priority areas.
    all_visits: GenderCounts
    priority_visits: int | None

    @property
    def share_men(self) -> float | None:
        """Men's share of all visits (group meetings and open meetings)."""
        return self.all_visits.share_men

    @property
    def share_priority(self) -> float | None:
        """Share of all visits made in priority areas."""
        return share(self.priority_visits, self.all_visits.total)


@dataclass(frozen=True)
class BreakdownRow:
    """One row of a breakdown: a program, locality or language, with its figures."""

    code: str
    groups: GroupFigures
    open: OpenFigures


@dataclass(frozen=True)
class Comparison:
    """A period's indicators beside the same period one year earlier."""

    current: Indicators
    year_earlier: Indicators


@dataclass(frozen=True)
class TrendPoint:
    """One quarter of the participation trend."""

    year: int
    quarter: int
    meetings: int
    visits: GenderCounts
    open_participants: GenderCounts
