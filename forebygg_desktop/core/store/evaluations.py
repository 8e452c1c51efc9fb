"""Anonymous evaluations: published questionnaires, kiosk and paper rounds, free-text review,
research questionnaire counts, the kiosk PIN, and results.

Anonymity in what is stored: answers are codes; `answered_on` is a date, never a time; the
key is random and the table has no rowid; every answer of one round shares one `local_seq`
(allocated when the round starts, re-stamped together when it ends), so no stored value
says who sat down third. Nothing here logs an answer or a round.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, and_, insert, or_, select, update

from forebygg_desktop.core import pin as pins
from forebygg_desktop.core import settings, validation
from forebygg_desktop.core.errors import NotFoundError, ValidationError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import (
    EvaluationResponse,
    GroupSeries,
    Meeting,
    OpenMeeting,
    ResearchQuestionnaireCount,
    new_uuid,
)
from forebygg_desktop.core.models import Questionnaire as QuestionnaireRow
from forebygg_desktop.core.questionnaires import (
    Answer,
    Questionnaire,
    QuestionnaireError,
    load_questionnaires,
    questionnaire_from_definition,
    shipped_folder,
    validate_answers,
)
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.evaluation_records import (
    CONTEXT_TYPES,
    MODES,
    PHASES,
    AnswerNotThereError,
    AnswerRow,
    EmptyAnswersError,
    FreeTextRow,
    InvalidAnswersError,
    QuestionnaireChangedError,
    QuestionnaireResult,
    ResearchCount,
    ResultFilter,
    RoundToken,
    UnknownQuestionnaireError,
)
from forebygg_desktop.core.store.evaluation_results import compute_results
from forebygg_desktop.core.store.preferences import SettingsService
from forebygg_desktop.core.store.unit import Change, UnitOfWork, WriteTransaction

log = logging.getLogger(__name__)

KIND = "evaluation_response"
_TABLE = cast(Table, EvaluationResponse.__table__)


class EvaluationService:
    def __init__(self, uow: UnitOfWork, settings_service: SettingsService) -> None:
        self._uow = uow
        self._settings = settings_service
        self._parsed: dict[tuple[str, int, str], Questionnaire] = {}
        # Shipped versions refused at the last `publish_shipped` (shown by the GUI).
        self.refused: list[QuestionnaireChangedError] = []

    # --- questionnaires -------------------------------------------------------------------

    def publish(self, questionnaire: Questionnaire) -> Change:
        """Store a questionnaire version; the same content again changes nothing.

        A version already stored with another fingerprint is refused with
        `QuestionnaireChangedError`: a published version never changes.
        """
        with self._uow.write() as tx:
            return self._publish(tx, questionnaire)

    def publish_shipped(self, folder: Path | None = None) -> list[QuestionnaireChangedError]:
        """Publish every questionnaire shipped in `resources/` that is not stored yet.

        Refused versions are kept as they were stored, logged and returned (also kept in
        `refused`), so one faulty file never stops the program from opening.
        """
        shipped = load_questionnaires(folder or shipped_folder())
        table = QuestionnaireRow.__table__
        with self._uow.read() as session:  # columns, not rows: at start no mapper is needed
            stored = {(code, version): fingerprint for code, version, fingerprint in
                      session.execute(select(table.c.code, table.c.version,
                                             table.c.fingerprint))}
        refused: list[QuestionnaireChangedError] = []
        new = []
        for questionnaire in shipped:
            fingerprint = stored.get((questionnaire.code, questionnaire.version))
            if fingerprint is None:
                new.append(questionnaire)
            elif fingerprint != questionnaire.fingerprint:
                refused.append(QuestionnaireChangedError(code=questionnaire.code,
                                                         version=questionnaire.version))
        if new:
            with self._uow.write() as tx:
                for questionnaire in new:
                    self._publish(tx, questionnaire)
        for error in refused:
            log.error("refused shipped questionnaire: %s", error)
        self.refused = refused
        return refused

    def questionnaires(self) -> list[Questionnaire]:
        """Every published version, by code and version."""
        with self._uow.read() as session:
            rows = list(session.scalars(select(QuestionnaireRow)
                                        .order_by(QuestionnaireRow.code, QuestionnaireRow.version)))
        return [self._parse(row) for row in rows]

    def questionnaire(self, code: str, version: int | None = None) -> Questionnaire:
        """One published version (default: the latest of `code`)."""
        versions = [q for q in self.questionnaires() if q.code == code
                    and (version is None or q.version == version)]
        if not versions:
            raise UnknownQuestionnaireError(code=code, version=version or "-")
        return versions[-1]

    def latest_versions(self) -> list[Questionnaire]:
        """The latest version of each published questionnaire."""
        latest: dict[str, Questionnaire] = {}
        for questionnaire in self.questionnaires():
            latest[questionnaire.code] = questionnaire
        return list(latest.values())

    def applicable(self, context_type: str, program_code: str | None) -> list[Questionnaire]:
        """Latest versions usable for a context; program-specific ones first."""
        wanted = {"meeting": {"meeting", "series"}}.get(context_type, {context_type})
        usable = [q for q in self.latest_versions()
                  if wanted & set(q.contexts)
                  and (q.programs is None or program_code in q.programs)]
        return sorted(usable, key=lambda q: (q.programs is None, q.code))

    # --- rounds and answers ---------------------------------------------------------------

    def context_program(self, context_type: str, context_id: str) -> str:
        """The program of a series, a meeting's series or an open meeting."""
        with self._uow.read() as session:
            return _context_program(session, context_type, context_id)

    def start_round(self, context_type: str, context_id: str, questionnaire_code: str,
                    version: int | None = None, mode: str = "kiosk") -> RoundToken:
        """Begin a kiosk session or a batch of paper forms for one context.

        Allocates the one change sequence number that every answer of the round shares.
        """
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        if context_type not in CONTEXT_TYPES:
            raise ValueError(f"unknown context type {context_type!r}")
        questionnaire = self.questionnaire(questionnaire_code, version)
        with self._uow.write() as tx:
            program = _context_program(tx.session, context_type, context_id)
            usable = self.applicable(context_type, program)
            if questionnaire.code not in {q.code for q in usable}:
                raise ValidationError(N_("This questionnaire is not meant for this activity."),
                                      field="questionnaire")
            return RoundToken(local_seq=tx.seq, questionnaire_code=questionnaire.code,
                              questionnaire_version=questionnaire.version, mode=mode,
                              context_type=context_type, context_id=context_id,
                              program_code=program)

    def submit_answer(self, token: RoundToken, language: str,
                      answers: Mapping[str, Answer], answered_on: date | None = None) -> Change:
        """Store one parent's answers (codes; the date only; free text unreviewed).

        The Change carries no id: nothing downstream can tie a stored row to the moment
        it was sent.
        """
        questionnaire = self.questionnaire(token.questionnaire_code, token.questionnaire_version)
        if language not in questionnaire.languages:
            raise InvalidAnswersError(field="language")
        day = answered_on or date.today()
        if validation.is_day(day) and day > validation.today():
            raise ValidationError(N_("Answers cannot be dated in the future."),
                                  field="answered_on")
        problem = validation.date_problem(day)
        if problem is not None:
            raise ValidationError(problem.msgid, field="answered_on", **problem.params)
        try:
            clean = validate_answers(questionnaire, answers)
        except QuestionnaireError:
            # Its message quotes the answers: never chain it where a log could print it.
            raise InvalidAnswersError() from None
        free_codes = {item.code for item in questionnaire.items if item.type == "free_text"}
        free_text = next((str(clean[c]) for c in free_codes if clean.get(c)), None)
        problem = validation.text_problem(free_text, validation.MAX_FREE_TEXT)
        if problem is not None:
            raise ValidationError(problem.msgid, field="free_text", **problem.params)
        coded = {code: value for code, value in clean.items()
                 if code not in free_codes and value is not None}
        if not coded and free_text is None:
            raise EmptyAnswersError()
        values: dict[str, Any] = {
            "answered_on": day, "questionnaire_code": questionnaire.code,
            "questionnaire_version": questionnaire.version, "language": language,
            "mode": token.mode, "context_type": token.context_type,
            "context_id": token.context_id, "program_code": token.program_code,
            "answers": coded, "free_text": free_text,
            "free_text_status": "unreviewed" if free_text else "none",
        }
        with self._uow.write() as tx:
            # Not tx.insert: that would stamp a fresh sequence number per answer.
            tx.connection.execute(insert(_TABLE), {
                **values, "id": new_uuid(), "device_id": tx.device_id, "version": 1,
                "clock": {tx.device_id: 1}, "local_seq": token.local_seq, "deleted": False})
        return Change(KIND, "created")

    def finish_round(self, token: RoundToken) -> Change:
        """Close a round: its answers move together to a fresh sequence number, so an
        export made after the round includes all of them (and still cannot order them)."""
        with self._uow.write() as tx:
            tx.connection.execute(
                update(_TABLE)
                .where(_TABLE.c.local_seq == token.local_seq,
                       _TABLE.c.device_id == tx.device_id)
                .values(local_seq=tx.seq))
        return Change(KIND, "updated")

    def response_count(self, flt: ResultFilter | None = None) -> int:
        """How many live answers match a filter."""
        with self._uow.read() as session:
            return len(list(session.scalars(_filtered(session, flt or ResultFilter(),
                                                      EvaluationResponse.id))))

    # --- free-text review -----------------------------------------------------------------

    def free_texts(self, status: str | None = "unreviewed",
                   flt: ResultFilter | None = None) -> list[FreeTextRow]:
        """Free texts to review (or of any other status), by date and then a random key."""
        with self._uow.read() as session:
            query = _filtered(session, flt or ResultFilter(), EvaluationResponse)
            query = query.where(EvaluationResponse.free_text_status != "none")
            if status is not None:
                query = query.where(EvaluationResponse.free_text_status == status)
            rows = session.scalars(query.order_by(EvaluationResponse.answered_on,
                                                  EvaluationResponse.id))
            return [FreeTextRow(r.id, r.answered_on, r.questionnaire_code, r.language,
                                r.program_code, r.context_type, r.context_id, r.free_text,
                                r.free_text_status) for r in rows]

    def unreviewed_count(self) -> int:
        return len(self.free_texts("unreviewed"))

    def mark_reviewed(self, response_id: str, text: str | None = None) -> Change:
        """Release a free text for exports and reports, optionally as edited by staff
        (e.g. with a name removed). An edit that leaves nothing redacts it."""
        with self._uow.write() as tx:
            row = _free_text_row(tx, response_id)
            if text is not None:
                row.free_text = text.strip() or None
            row.free_text_status = "reviewed" if row.free_text else "redacted"
            tx.touch(row)
            return Change(KIND, "updated", (response_id,))

    # --- withdrawing answers ---------------------------------------------------------------

    def answers(self, flt: ResultFilter | None = None,
                withdrawn: bool = False) -> list[AnswerRow]:
        """Answers matching a filter, by date and then their random key (no order of
        answering is kept); `withdrawn` adds the withdrawn ones, so they can be restored."""
        with self._uow.read() as session:
            query = _filtered(session, flt or ResultFilter(), EvaluationResponse,
                              withdrawn=withdrawn)
            rows = session.scalars(query.order_by(EvaluationResponse.answered_on,
                                                  EvaluationResponse.id))
            return [AnswerRow(r.id, r.answered_on, r.questionnaire_code,
                              r.questionnaire_version, r.language, r.mode, dict(r.answers),
                              r.free_text_status, r.deleted) for r in rows]

    def withdraw_answers(self, response_ids: Sequence[str]) -> Change:
        """Withdraw answers (entered in the wrong series, a test at the kiosk): tombstones
        that travel to the central department like any deletion; they count nowhere from
        now on. All or nothing: an unknown or already withdrawn id changes nothing."""
        return self._set_withdrawn(response_ids, True)

    def restore_answers(self, response_ids: Sequence[str]) -> Change:
        """Take withdrawals back (all or nothing)."""
        return self._set_withdrawn(response_ids, False)

    def withdraw(self, response_id: str) -> Change:
        return self.withdraw_answers([response_id])

    def restore_answer(self, response_id: str) -> Change:
        return self.restore_answers([response_id])

    def _set_withdrawn(self, response_ids: Sequence[str], withdrawn: bool) -> Change:
        ids = list(dict.fromkeys(response_ids))
        if not ids:
            raise AnswerNotThereError(id="–")
        with self._uow.write() as tx:
            for response_id in ids:
                row = tx.session.get(EvaluationResponse, response_id)
                if row is None or row.deleted == withdrawn:
                    raise AnswerNotThereError(id=response_id)
                row.deleted = withdrawn
                tx.touch(row)
            return Change(KIND, "deleted" if withdrawn else "updated", tuple(ids))

    def redact(self, response_id: str) -> Change:
        """Remove a free text for good; the coded answers stay."""
        with self._uow.write() as tx:
            row = _free_text_row(tx, response_id)
            row.free_text, row.free_text_status = None, "redacted"
            tx.touch(row)
            return Change(KIND, "updated", (response_id,))

    # --- research questionnaires ----------------------------------------------------------

    def research_counts(self, series_id: str) -> dict[str, ResearchCount]:
        """Handed out and returned, per phase ("before", "after"); absent phases are None."""
        with self._uow.read() as session:
            rows = session.scalars(select(ResearchQuestionnaireCount).where(
                ResearchQuestionnaireCount.series_id == series_id,
                ResearchQuestionnaireCount.deleted.is_(False)))
            found = {r.phase: ResearchCount(series_id, r.phase, r.handed_out, r.returned)
                     for r in rows}
        return {phase: found.get(phase, ResearchCount(series_id, phase, None, None))
                for phase in PHASES}

    def set_research_count(self, series_id: str, phase: str, handed_out: int | None,
                           returned: int | None) -> Change:
        """Record (or correct) one phase's counts; None means not entered, 0 is none."""
        checker = Checker()
        checker.code("phase", phase, PHASES)
        checker.count("handed_out", handed_out)
        checker.count("returned", returned)
        if handed_out is not None and returned is not None:
            checker.check(returned <= handed_out, "returned",
                          N_("More returned than handed out."))
        checker.done()
        with self._uow.write() as tx:
            tx.get_live(GroupSeries, series_id)
            row = tx.session.scalars(select(ResearchQuestionnaireCount).where(
                ResearchQuestionnaireCount.series_id == series_id,
                ResearchQuestionnaireCount.phase == phase,
                ResearchQuestionnaireCount.deleted.is_(False))).first()
            if row is None:
                row = ResearchQuestionnaireCount(series_id=series_id, phase=phase,
                                                 handed_out=handed_out, returned=returned)
                tx.add(row)
                tx.session.flush()
                return Change("research_count", "created", (row.id,))
            row.handed_out, row.returned = handed_out, returned
            tx.touch(row)
            return Change("research_count", "updated", (row.id,))

    # --- kiosk PIN ------------------------------------------------------------------------

    def has_kiosk_pin(self) -> bool:
        return bool(self._settings.get(settings.KIOSK_PIN_HASH))

    def set_kiosk_pin(self, pin: str) -> Change:
        """Store a new staff PIN, hashed (the PIN itself is never stored)."""
        return self._settings.set(settings.KIOSK_PIN_HASH, pins.hash_pin(pin))

    def verify_kiosk_pin(self, pin: str) -> bool:
        return pins.verify_pin(pin, self._settings.get(settings.KIOSK_PIN_HASH))

    # --- results --------------------------------------------------------------------------

    def results(self, flt: ResultFilter | None = None) -> list[QuestionnaireResult]:
        """Per questionnaire: each item's n, mean and distribution (suppressed below the
        threshold), over the answers matching the filter."""
        threshold = self._settings.get(settings.SUPPRESSION_THRESHOLD)
        with self._uow.read() as session:
            rows = list(session.execute(_filtered(
                session, flt or ResultFilter(), EvaluationResponse.questionnaire_code,
                EvaluationResponse.questionnaire_version, EvaluationResponse.language,
                EvaluationResponse.answers, EvaluationResponse.free_text_status)))
        return compute_results(rows, {(q.code, q.version): q for q in self.questionnaires()},
                               threshold)

    # --- helpers --------------------------------------------------------------------------

    def _publish(self, tx: WriteTransaction, questionnaire: Questionnaire) -> Change:
        row = tx.session.get(QuestionnaireRow, (questionnaire.code, questionnaire.version))
        if row is not None:
            if row.fingerprint != questionnaire.fingerprint:
                raise QuestionnaireChangedError(code=questionnaire.code,
                                                version=questionnaire.version)
            return Change("questionnaire", "unchanged", (questionnaire.code,))
        tx.session.add(QuestionnaireRow(code=questionnaire.code, version=questionnaire.version,
                                        fingerprint=questionnaire.fingerprint,
                                        definition=questionnaire.definition()))
        return Change("questionnaire", "created", (questionnaire.code,))

    def _parse(self, row: QuestionnaireRow) -> Questionnaire:
        key = (row.code, row.version, row.fingerprint)
        parsed = self._parsed.get(key)
        if parsed is None:
            parsed = self._parsed[key] = questionnaire_from_definition(
                row.definition, source=f"stored {row.code} v{row.version}")
        return parsed


def _context_program(session: Any, context_type: str, context_id: str) -> str:
    model: Any = {"series": GroupSeries, "meeting": Meeting,
                  "open_meeting": OpenMeeting}.get(context_type)
    row = session.get(model, context_id) if model is not None else None
    if row is None or row.deleted:
        raise NotFoundError()
    if isinstance(row, Meeting):
        series = session.get(GroupSeries, row.series_id)
        return str(series.program_code)
    return str(row.program_code)


def _filtered(session: Any, flt: ResultFilter, *columns: Any, withdrawn: bool = False) -> Any:
    """A select of live answers matching a filter (a series includes its meetings);
    `withdrawn` includes the answers staff withdrew."""
    model = EvaluationResponse
    # Answers given in a series, meeting or open meeting that was deleted count nowhere
    # (the Definitions sheet says so); a meeting counts only while its series is live.
    live_series = select(GroupSeries.id).where(GroupSeries.deleted.is_(False))
    live_meetings = select(Meeting.id).where(Meeting.deleted.is_(False),
                                             Meeting.series_id.in_(live_series))
    live_open = select(OpenMeeting.id).where(OpenMeeting.deleted.is_(False))
    live = [] if withdrawn else [model.deleted.is_(False)]
    query = select(*columns).where(*live, or_(
        model.context_type.is_(None),
        model.context_type.not_in(("series", "meeting", "open_meeting")),
        and_(model.context_type == "series", model.context_id.in_(live_series)),
        and_(model.context_type == "meeting", model.context_id.in_(live_meetings)),
        and_(model.context_type == "open_meeting", model.context_id.in_(live_open))))
    if flt.series_id is not None:
        meeting_ids = select(Meeting.id).where(Meeting.series_id == flt.series_id)
        query = query.where(
            ((model.context_type == "series") & (model.context_id == flt.series_id))
            | ((model.context_type == "meeting") & model.context_id.in_(meeting_ids)))
    if flt.open_meeting_id is not None:
        query = query.where(model.context_type == "open_meeting",
                            model.context_id == flt.open_meeting_id)
    if flt.program_code is not None:
        query = query.where(model.program_code == flt.program_code)
    if flt.period is not None:
        query = query.where(model.answered_on >= flt.period.start,
                            model.answered_on <= flt.period.end)
    if flt.questionnaire_code is not None:
        query = query.where(model.questionnaire_code == flt.questionnaire_code)
    return query


def _free_text_row(tx: WriteTransaction, response_id: str) -> EvaluationResponse:
    row = tx.get_live(EvaluationResponse, response_id)
    if row.free_text_status == "none":
        raise NotFoundError()
    return row
