"""Open meetings: parents' cafés and lectures."""

from __future__ import annotations

from datetime import date
from typing import Any

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import Locality, OpenMeeting, Program
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.records import (
    OpenMeetingData,
    OpenMeetingRecord,
    data_fields,
)
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


class OpenMeetingService(SimpleRecords[OpenMeetingData, OpenMeetingRecord]):
    model = OpenMeeting
    record_class = OpenMeetingRecord
    kind = "open_meeting"
    date_column = "held_on"

    def defaults(self, program_code: str, locality_code: str,
                 today: date | None = None) -> OpenMeetingData:
        """A pre-filled form: today, the program's usual minutes, Swedish."""
        with self._uow.read() as session:
            program = session.get(Program, program_code)
        return OpenMeetingData(program_code=program_code, held_on=today or date.today(),
                               locality_code=locality_code, language_code="sv",
                               minutes=program.default_minutes if program else None)

    def check(self, tx: WriteTransaction, data: OpenMeetingData,
              row_id: str | None) -> list[UserError]:
        checker = Checker()
        run_steps(checker, tx.session, OPEN_MEETING_STEPS, data)
        checker.done()
        return []


# The rules of an open meeting, in the order a form marks them (store/steps.py).
def _program(checker: Checker, session: Any, program_code: Any) -> None:
    program = session.get(Program, program_code)
    checker.check(program is not None and program.kind == "open_meeting", "program_code",
                  N_("Choose a café or lecture."))


def _not_in_future(checker: Checker, session: Any, held_on: Any) -> None:
    if is_day(held_on):
        checker.check(not_in_future(held_on), "held_on",
                      N_("A meeting cannot be registered in the future."))


def _locality(checker: Checker, session: Any, locality_code: Any) -> None:
    checker.check(session.get(Locality, locality_code) is not None,
                  "locality_code", N_("Choose a locality."))


OPEN_MEETING_STEPS: tuple[Step, ...] = (
    Step(("program_code",), _program),
    Step(("held_on",), _not_in_future),
    Step(("locality_code",), _locality),
    LANGUAGE_STEP,
    THEME_STEP,
    *row_steps("open_meeting", data_fields(OpenMeetingData)),
)
