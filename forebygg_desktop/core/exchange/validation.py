"""Import enforces the registration rules: a row the laptop's own forms would refuse is
rejected with the same reason, by the same validation code the Store runs on every save.

There is one rule, not two: each record type's row is turned back into the Store's input
record (`TalkData`, `MeetingData`, …) and given to that Store's checker. Tombstones travel
whatever they hold (a deletion must reach the centre).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from forebygg_desktop.core.errors import ValidationError, ValidationErrors
from forebygg_desktop.core.exchange.format import RecordType
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import Language, Locality, Program, Theme
from forebygg_desktop.core.store.digital import DigitalUseService
from forebygg_desktop.core.store.groups import _check_meeting, _check_series
from forebygg_desktop.core.store.open_meetings import OpenMeetingService
from forebygg_desktop.core.store.records import (
    DigitalUseData,
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
)
from forebygg_desktop.core.store.talks import TalkService
from forebygg_desktop.core.store.unit import WriteTransaction

Row = tuple[Any, ...]
DATE_FIELDS = frozenset({"first_talk_on", "held_on", "planned_start"})
BOOL_FIELDS = frozenset({"interpreter", "estimated"})
# The checks live on the Store's services; they read only through the transaction given.
_SIMPLE: dict[str, tuple[Callable[..., Any], type[Any]]] = {
    "advice_talk": (TalkService.check, TalkData),
    "open_meeting": (OpenMeetingService.check, OpenMeetingData),
    "digital_use": (DigitalUseService.check, DigitalUseData),
}
VALIDATED = frozenset({*_SIMPLE, "group_series", "meeting", "evaluation_response"})


def to_data(record_type: RecordType, row: Row, data_class: type[Any]) -> Any:
    """The Store's input record for a wire row (dates, booleans and lists as the forms give)."""
    out: dict[str, Any] = {}
    for name, index, convert in _plan(record_type, data_class):
        value = row[index]
        if value is not None and convert is not None:
            value = convert(value)
        out[name] = value
    return data_class(**out)


def _as_list(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("["):
        import json

        return tuple(json.loads(value))
    return value


Plan = tuple[tuple[str, int, Callable[[Any], Any] | None], ...]
_PLANS: dict[tuple[str, str], Plan] = {}


def _plan(record_type: RecordType, data_class: type[Any]) -> Plan:
    """Per field of `data_class`: its name, the wire column it comes from, its conversion."""
    key = (record_type.name, data_class.__qualname__)
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = _make_plan(record_type, data_class)
    return plan


def _make_plan(record_type: RecordType, data_class: type[Any]) -> Plan:
    out = []
    for field in fields(data_class):
        convert: Callable[[Any], Any] | None = None
        if field.name in DATE_FIELDS:
            convert = date.fromisoformat
        elif field.name in BOOL_FIELDS:
            convert = bool
        elif field.name in ("interpreter_languages", "leader_ids"):
            convert = _as_list
        out.append((field.name, record_type.index(field.name), convert))
    return tuple(out)


def registration_errors(connection: Connection, record_type: RecordType, rows: list[Row],
                        series_rows: dict[str, Row]) -> dict[str, ValidationError]:
    """The first broken rule of each live row the Store would refuse, by row id.

    `series_rows` are the group series of the same package (a meeting is checked against
    its series as the laptop saw it); others are read from the store.
    """
    name = record_type.name
    if name not in VALIDATED or not rows:
        return {}
    deleted, device = record_type.index("deleted"), record_type.index("device_id")
    session = Session(bind=connection)
    # The checks look catalogue codes up per row (`session.get`): answered from these rows,
    # read once, without the session's identity-map lookup each time.
    catalogue = {(model, row.code): row for model in _CATALOGUE
                 for row in session.scalars(select(model))}
    checking = cast(Session, _CatalogueSession(session, catalogue))
    refused: dict[str, ValidationError] = {}
    try:
        for row in rows:
            if row[deleted]:
                continue
            tx = WriteTransaction(checking, str(row[device]))
            try:
                _check(tx, record_type, row, series_rows)
            except ValidationErrors as errors:
                refused[row[0]] = errors.errors[0]
            except ValidationError as error:
                refused[row[0]] = error
    finally:
        session.close()
        del catalogue
    return refused


_CATALOGUE: tuple[type[Any], ...] = (Program, Locality, Language, Theme)


class _CatalogueSession:
    """A session whose `get` of a catalogue row (by code) is a dictionary look-up; every
    other use goes to the real session."""

    def __init__(self, session: Session, catalogue: dict[tuple[type[Any], str], Any]) -> None:
        self._session = session
        self._catalogue = catalogue

    def get(self, model: type[Any], key: Any, **options: Any) -> Any:
        if model in _CATALOGUE and not options:
            return self._catalogue.get((model, key))
        return self._session.get(model, key, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def _check(tx: WriteTransaction, record_type: RecordType, row: Row,
           series_rows: dict[str, Row]) -> None:
    name = record_type.name
    if name in _SIMPLE:
        check, data_class = _SIMPLE[name]
        check(None, tx, to_data(record_type, row, data_class), row[0])
    elif name == "group_series":
        _check_series(tx, to_data(record_type, row, SeriesData), new=False)
    elif name == "evaluation_response":
        _check_answers(tx, dict(zip(record_type.names, row, strict=True)))
    else:
        series_id = row[record_type.index("series_id")]
        facts = _series_facts(tx, series_id, series_rows.get(series_id))
        if facts is not None:
            _check_meeting(tx, facts, to_data(record_type, row, MeetingData), row[0])


def _series_facts(tx: WriteTransaction, series_id: str, row: Row | None) -> Any:
    from forebygg_desktop.core.exchange.format import record_types
    from forebygg_desktop.core.models import GroupSeries

    if row is None:
        return tx.session.get(GroupSeries, series_id)
    series = record_types()["group_series"]
    values = dict(zip(series.names, row, strict=True))
    start = values["planned_start"]
    return SimpleNamespace(
        id=series_id, deleted=bool(values["deleted"]), status=values["status"],
        planned_start=date.fromisoformat(start) if start else None,
        registered_women=values["registered_women"], registered_men=values["registered_men"],
        registered_other=values["registered_other"])


def _check_answers(tx: WriteTransaction, values: dict[str, Any]) -> None:
    """The kiosk's rules for one answer: a published questionnaire version, one of its
    languages, not dated in the future, every answer one the questionnaire can produce
    (a scale answer inside the scale). The answers themselves are never quoted."""
    import json

    from forebygg_desktop.core.models import Questionnaire as QuestionnaireRow
    from forebygg_desktop.core.questionnaires import (
        QuestionnaireError,
        _normalise_answer,
        questionnaire_from_definition,
    )
    from forebygg_desktop.core.store.evaluation_records import InvalidAnswersError

    stored = tx.session.get(QuestionnaireRow, (values["questionnaire_code"],
                                               values["questionnaire_version"]))
    if stored is None:
        raise InvalidAnswersError(field="questionnaire_code")
    if date.fromisoformat(values["answered_on"]) > date.today():
        raise ValidationError(N_("Answers cannot be dated in the future."), field="answered_on")
    try:
        questionnaire = questionnaire_from_definition(stored.definition)
        if values["language"] not in questionnaire.languages:
            raise InvalidAnswersError(field="language")
        answers = json.loads(values["answers"])
        items = {item.code: item for item in questionnaire.items}
        if not isinstance(answers, dict) or not set(answers) <= set(items):
            raise InvalidAnswersError(field="answers")
        for code, value in answers.items():
            _normalise_answer(items[code], value, "import")
    except QuestionnaireError:
        raise InvalidAnswersError(field="answers") from None
