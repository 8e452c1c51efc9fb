"""Advice and support talks: one anonymous record per contact series."""

from __future__ import annotations

from datetime import date
from typing import Any

from forebygg_desktop.core import validation
from forebygg_desktop.core.codes import REFERRED_TO, TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import AdviceTalk, Locality, Program
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.records import TalkData, TalkRecord, data_fields
from forebygg_desktop.core.store.simple import SimpleRecords, not_in_future
from forebygg_desktop.core.store.steps import (
    LANGUAGE_STEP,
    THEME_STEP,
    Step,
    row_steps,
    run_steps,
)
from forebygg_desktop.core.store.unit import WriteTransaction
from forebygg_desktop.core.validation import is_day

USUAL_MAX_TALKS = 3
MAX_TALKS = validation.MAX_TALKS


class TalkService(SimpleRecords[TalkData, TalkRecord]):
    model = AdviceTalk
    record_class = TalkRecord
    kind = "advice_talk"
    date_column = "first_talk_on"

    def defaults(self, locality_code: str | None, today: date | None = None) -> TalkData:
        return TalkData(first_talk_on=today or date.today(), who_came="mother",
                        language_code="sv", locality_code=locality_code)

    def check(self, tx: WriteTransaction, data: TalkData, row_id: str | None) -> list[UserError]:
        checker = Checker()
        run_steps(checker, tx.session, TALK_STEPS, data)
        checker.done()
        if data.talks > USUAL_MAX_TALKS:
            return [UserError(N_("More than {limit} talks: advice talks are meant to be at most "
                                 "{limit}. Saved anyway."), field="talks",
                              limit=USUAL_MAX_TALKS)]
        return []


# The rules of a talk, in the order a form marks them (store/steps.py).
def _not_in_future(checker: Checker, session: Any, first_talk_on: Any) -> None:
    if is_day(first_talk_on):
        checker.check(not_in_future(first_talk_on), "first_talk_on",
                      N_("A talk cannot be registered in the future."))


def _who_came(checker: Checker, session: Any, who_came: Any) -> None:
    checker.code("who_came", who_came, WHO_CAME)


def _outcome(checker: Checker, session: Any, outcome: Any) -> None:
    checker.code("outcome", outcome, TALK_OUTCOMES)


def _locality(checker: Checker, session: Any, locality_code: Any) -> None:
    if locality_code is not None:
        checker.check(session.get(Locality, locality_code) is not None,
                      "locality_code", N_("Choose a locality."))


def _referred_to(checker: Checker, session: Any, outcome: Any, referred_to: Any) -> None:
    if outcome == "referred":
        checker.code("referred_to", referred_to, REFERRED_TO)


def _moved_to(checker: Checker, session: Any, outcome: Any, moved_to_program: Any) -> None:
    if outcome == "moved_to_group":
        program = session.get(Program, moved_to_program) if moved_to_program else None
        checker.check(program is not None, "moved_to_program",
                      N_("Choose the group program."))


TALK_STEPS: tuple[Step, ...] = (
    Step(("first_talk_on",), _not_in_future),
    *row_steps("advice_talk", data_fields(TalkData)),
    Step(("who_came",), _who_came),
    Step(("outcome",), _outcome),
    LANGUAGE_STEP,
    Step(("locality_code",), _locality),
    THEME_STEP,
    Step(("outcome", "referred_to"), _referred_to),
    Step(("outcome", "moved_to_program"), _moved_to),
)
