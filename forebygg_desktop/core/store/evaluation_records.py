"""Plain records of the evaluation service (kiosk rounds, free text, research counts, results).

Nothing here carries a time of day or an order: a round token holds only the change
sequence its answers share, and a free-text row only the date it was written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from forebygg_desktop.core.errors import UserError, ValidationError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.period import Period

MODES = ("kiosk", "paper")
CONTEXT_TYPES = ("series", "meeting", "open_meeting")
PHASES = ("before", "after")
FREE_TEXT_STATUSES = ("none", "unreviewed", "reviewed", "redacted")


class QuestionnaireChangedError(UserError):
    """A questionnaire version that is already published arrived with other content."""

    msgid = N_(
        "Questionnaire {code} version {version} is already published with other content. "
        "A published version never changes: publish the change as a new version. "
        "The published version is kept."
    )


class UnknownQuestionnaireError(UserError):
    msgid = N_("The questionnaire {code} version {version} is not published on this laptop.")


class InvalidAnswersError(ValidationError):
    """Answers the questionnaire cannot produce (the answers themselves are never quoted)."""

    msgid = N_("These answers do not fit the questionnaire and were not saved.")


class EmptyAnswersError(ValidationError):
    msgid = N_("No question was answered, so nothing was saved.")


@dataclass(frozen=True)
class RoundToken:
    """One kiosk session or one batch of paper forms.

    Every answer of the round is stored with the same `local_seq`, so the stored rows
    cannot be put in the order the parents answered in.
    """

    local_seq: int
    questionnaire_code: str
    questionnaire_version: int
    mode: str
    context_type: str
    context_id: str
    program_code: str | None


@dataclass(frozen=True)
class FreeTextRow:
    """A free-text answer waiting for, or past, review (no answers, no order)."""

    id: str
    answered_on: date
    questionnaire_code: str
    language: str
    program_code: str | None
    context_type: str | None
    context_id: str | None
    text: str | None
    status: str


@dataclass(frozen=True)
class ResearchCount:
    """How many of a licence holder's questionnaires were handed out and returned."""

    series_id: str
    phase: str
    handed_out: int | None
    returned: int | None


class AnswerNotThereError(UserError):
    """An answer to withdraw that is unknown or already withdrawn (or to restore that is
    not withdrawn)."""

    msgid = N_("Answer {id} cannot be changed: it does not exist, or it is already in that "
               "state. Nothing was changed.")


@dataclass(frozen=True)
class AnswerRow:
    """One parent's answers as staff see them to withdraw a wrong one: what was answered,
    when (a date), in which language and way — nothing that says who or in what order."""

    id: str
    answered_on: date
    questionnaire_code: str
    questionnaire_version: int
    language: str
    mode: str
    answers: Mapping[str, Any]
    free_text_status: str
    withdrawn: bool


@dataclass(frozen=True)
class ResultFilter:
    """Which answers a result covers; every part is optional."""

    series_id: str | None = None
    open_meeting_id: str | None = None
    program_code: str | None = None
    period: Period | None = None
    questionnaire_code: str | None = None


@dataclass(frozen=True)
class ItemResult:
    """One item: how many answered it, the mean and (when not suppressed) the distribution.

    Likert: distribution counts answers 1..5 and the mean is on 1-5. Yes/no: distribution
    is (yes, no) and the mean is the share of yes (0-1). Free text: only `n`, the number of
    texts written. `mean` and `distribution` are None when `n` is below the suppression
    threshold (`suppressed`).
    """

    code: str
    type: str
    n: int
    mean: float | None
    distribution: tuple[int, ...] | None

    @property
    def suppressed(self) -> bool:
        return self.type != "free_text" and self.n > 0 and self.distribution is None


@dataclass(frozen=True)
class QuestionnaireResult:
    """Results of one questionnaire (all its versions together, items matched by code)."""

    questionnaire_code: str
    versions: tuple[int, ...]
    responses: int
    threshold: int
    items: tuple[ItemResult, ...]
    languages: dict[str, int]
