"""Open meetings: parents' cafés and lectures."""

from __future__ import annotations

from datetime import date

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import Language, Locality, OpenMeeting, Program, Theme
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.records import OpenMeetingData, OpenMeetingRecord, data_values
from forebygg_desktop.core.store.simple import SimpleRecords, not_in_future
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
        program = tx.session.get(Program, data.program_code)
        checker.check(program is not None and program.kind == "open_meeting", "program_code",
                      N_("Choose a café or lecture."))
        if is_day(data.held_on):
            checker.check(not_in_future(data.held_on), "held_on",
                          N_("A meeting cannot be registered in the future."))
        checker.check(tx.session.get(Locality, data.locality_code) is not None,
                      "locality_code", N_("Choose a locality."))
        checker.check(tx.session.get(Language, data.language_code) is not None,
                      "language_code", N_("Choose a language."))
        if data.theme_code is not None:
            checker.check(tx.session.get(Theme, data.theme_code) is not None, "theme_code",
                          N_("Unknown choice: {code}."), code=data.theme_code)
        checker.row("open_meeting", data_values(data))
        checker.done()
        return []
