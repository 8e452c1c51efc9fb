"""Advice and support talks: one anonymous record per contact series."""

from __future__ import annotations

from datetime import date

from forebygg_desktop.core import validation
from forebygg_desktop.core.codes import REFERRED_TO, TALK_OUTCOMES, WHO_CAME
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import AdviceTalk, Language, Locality, Program, Theme
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.records import TalkData, TalkRecord, data_values
from forebygg_desktop.core.store.simple import SimpleRecords, not_in_future
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
        if is_day(data.first_talk_on):
            checker.check(not_in_future(data.first_talk_on), "first_talk_on",
                          N_("A talk cannot be registered in the future."))
        checker.row("advice_talk", data_values(data))
        checker.code("who_came", data.who_came, WHO_CAME)
        checker.code("outcome", data.outcome, TALK_OUTCOMES)
        checker.check(tx.session.get(Language, data.language_code) is not None,
                      "language_code", N_("Choose a language."))
        if data.locality_code is not None:
            checker.check(tx.session.get(Locality, data.locality_code) is not None,
                          "locality_code", N_("Choose a locality."))
        if data.theme_code is not None:
            checker.check(tx.session.get(Theme, data.theme_code) is not None, "theme_code",
                          N_("Unknown choice: {code}."), code=data.theme_code)
        if data.outcome == "referred":
            checker.code("referred_to", data.referred_to, REFERRED_TO)
        if data.outcome == "moved_to_group":
            program = (tx.session.get(Program, data.moved_to_program)
                       if data.moved_to_program else None)
            checker.check(program is not None, "moved_to_program",
                          N_("Choose the group program."))
        checker.done()
        if data.talks > USUAL_MAX_TALKS:
            return [UserError(N_("More than {limit} talks: advice talks are meant to be at most "
                                 "{limit}. Saved anyway."), field="talks",
                              limit=USUAL_MAX_TALKS)]
        return []
