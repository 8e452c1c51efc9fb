"""Import enforces the registration rules: a row the laptop's own forms would refuse is
rejected with the same reason, by the same validation code the Store runs on every save.

There is one rule, not two: each record type's row is turned back into the Store's input
record (`TalkData`, `MeetingData`, …) and given to that Store's checker. Tombstones travel
whatever they hold (a deletion must reach the centre).

A check written as steps (talks, open meetings: store/steps.py) is first run column by
column: each step once per distinct value of the fields it reads. Rows none of whose values
a step refuses break none of its rules and are let through; every other row goes through
the whole check, so a refused row gets exactly the reason a save would give.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date
from operator import itemgetter
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from forebygg_desktop.core.driver import plain_rows
from forebygg_desktop.core.errors import ValidationError, ValidationErrors
from forebygg_desktop.core.exchange import wire
from forebygg_desktop.core.exchange.format import RecordType
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import DigitalUse, Language, Locality, Meeting, Program, Theme
from forebygg_desktop.core.store.checks import Checker
from forebygg_desktop.core.store.digital import DigitalUseService, QuarterTaken
from forebygg_desktop.core.store.groups import NumberTaken, _check_meeting, _check_series
from forebygg_desktop.core.store.open_meetings import OPEN_MEETING_STEPS, OpenMeetingService
from forebygg_desktop.core.store.records import (
    DigitalUseData,
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
)
from forebygg_desktop.core.store.steps import Step
from forebygg_desktop.core.store.talks import TALK_STEPS, TalkService
from forebygg_desktop.core.store.unit import WriteTransaction
from forebygg_desktop.core.validation import same_day, today

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
# Checks written as steps (store/steps.py): screened column by column first.
_STEPS: dict[str, tuple[Step, ...]] = {"advice_talk": TALK_STEPS,
                                       "open_meeting": OPEN_MEETING_STEPS}


def to_data(record_type: RecordType, row: Row, data_class: type[Any]) -> Any:
    """The Store's input record for a wire row (dates, booleans and lists as the forms give)."""
    _names, values, converts = _plan(record_type, data_class)
    return data_class(*[value if convert is None or value is None else convert(value)
                        for value, convert in zip(values(row), converts, strict=True)])


def _as_list(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("["):
        return tuple(json.loads(value))
    return value


# Per field of a data class, in its order: the field names, a getter of their wire values
# from a row, and each one's conversion (None: as it is).
Plan = tuple[tuple[str, ...], Callable[[Row], tuple[Any, ...]],
             tuple[Callable[[Any], Any] | None, ...]]
_PLANS: dict[tuple[str, str], Plan] = {}


def _plan(record_type: RecordType, data_class: type[Any]) -> Plan:
    key = (record_type.name, data_class.__qualname__)
    plan = _PLANS.get(key)
    if plan is None:
        plan = _PLANS[key] = _make_plan(record_type, data_class)
    return plan


def _make_plan(record_type: RecordType, data_class: type[Any]) -> Plan:
    names, indexes, converts = [], [], []
    for field in fields(data_class):
        convert: Callable[[Any], Any] | None = None
        if field.name in DATE_FIELDS:
            convert = date.fromisoformat
        elif field.name in BOOL_FIELDS:
            convert = bool
        elif field.name in ("interpreter_languages", "leader_ids"):
            convert = _as_list
        names.append(field.name)
        indexes.append(record_type.index(field.name))
        converts.append(convert)
    many = itemgetter(*indexes)
    getter = many if len(indexes) > 1 else lambda row: (many(row),)
    return tuple(names), getter, tuple(converts)


def registration_errors(connection: Connection, record_type: RecordType, rows: list[Row],
                        series_rows: dict[str, Row]) -> dict[str, ValidationError]:
    """The first broken rule of each live row the Store would refuse, by row id.

    `series_rows` are the group series of the same package (a meeting is checked against
    its series as the laptop saw it); others are read from the store.
    """
    with RegistrationChecks(connection, series_rows) as checks:
        return checks.errors(record_type, rows)


class RegistrationChecks:
    """The Store's own checks over the rows of one package, inside its transaction.

    Row by row, the same check functions a save runs (for a check written as steps, only
    the rows a step refuses column by column: `_may_refuse`). What they read is read once for the
    package instead of once a row, and answered from memory exactly as the Store's
    query would answer it: the catalogue by code, the meeting numbers already used in the
    package's series, the quarters of digital use already registered by its devices, the
    parsed questionnaires. Today is asked once (`validation.same_day`).
    """

    def __init__(self, connection: Connection, series_rows: dict[str, Row]) -> None:
        self.connection = connection
        self.series_rows = series_rows
        self._session: Session | None = None
        self._checking: _CatalogueSession | None = None
        self._transactions: dict[str, WriteTransaction] = {}
        self.questionnaires: dict[tuple[str, int], Any] = {}
        self._catalogue_text = ""
        self._catalogue_rows: dict[tuple[type[Any], str], Any] | None = None

    def __enter__(self) -> RegistrationChecks:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._session is not None:
            self._session.close()
            self._session = self._checking = None
            self._transactions.clear()

    def _catalogue(self) -> dict[tuple[type[Any], str], Any]:
        """The catalogue as plain rows (read by attribute, as the checks read a model's),
        read once for the package: cheaper than ORM objects, and their text says what a
        step's verdict may depend on (`_VERDICTS`)."""
        if self._catalogue_rows is None:
            self._catalogue_text, self._catalogue_rows = _read_catalogue(self.connection)
        return self._catalogue_rows

    def codes(self) -> dict[str, set[str]]:
        """Every catalogue code by table (program, locality, language, theme), from the
        same read as the checks' catalogue."""
        rows = self._catalogue()
        codes = _CODES.get(self._catalogue_text)
        if codes is None:
            codes = {model.__tablename__: set() for model in _CATALOGUE}
            for model, code in rows:
                codes[model.__tablename__].add(code)
            if len(_CODES) >= 4:
                _CODES.clear()
            _CODES[self._catalogue_text] = codes
        return codes

    def _tx(self, device_id: str) -> WriteTransaction:
        tx = self._transactions.get(device_id)
        if tx is None:
            if self._checking is None:
                self._session = Session(bind=self.connection)
                self._checking = _CatalogueSession(self._session, self._catalogue())
            tx = self._transactions[device_id] = WriteTransaction(
                cast(Session, self._checking), device_id)
        return tx

    def errors(self, record_type: RecordType, rows: list[Row]) -> dict[str, ValidationError]:
        """The first broken rule of each live row the Store would refuse, by row id."""
        name = record_type.name
        if name not in VALIDATED or not rows:
            return {}
        deleted, device = record_type.index("deleted"), record_type.index("device_id")
        live = [row for row in rows if not row[deleted]]  # tombstones travel as they are
        check = self._checker(record_type, live)
        refused: dict[str, ValidationError] = {}
        with same_day():
            steps = _STEPS.get(name)
            if steps is not None and live:  # only rows a step may refuse are checked one by one
                live = self._may_refuse(record_type, live, steps, _SIMPLE[name][1])
            for row in live:
                error = check(self._tx(str(row[device])), row)
                if error is not None:
                    refused[row[0]] = error
        return refused

    def _may_refuse(self, record_type: RecordType, rows: list[Row], steps: tuple[Step, ...],
                    data_class: type[Any]) -> list[Row]:
        """The rows some step of the check may refuse, found column by column: each step
        runs once per distinct value of the fields it reads (with its type: 1, 1.0 and True
        are not one value). A row no step refuses on its own values breaks no rule of the
        check, whose steps are all it runs; the rest go through the whole check."""
        names, _values, converts = _plan(record_type, data_class)
        convert = dict(zip(names, converts, strict=True))
        session = self._tx(str(rows[0][record_type.index("device_id")])).session
        day, catalogue = today(), self._catalogue_text
        columns: dict[str, list[Any]] = {}
        suspect: set[int] = set()
        for number, step in enumerate(steps):
            for field in step.fields:
                if field not in columns:
                    columns[field] = _keys(list(map(itemgetter(record_type.index(field)),
                                                    rows)))
            keyed = [columns[field] for field in step.fields]
            try:
                distinct = set(_per_row(keyed))
            except TypeError:  # a value that cannot be compared by hash: check every row
                return rows
            good, bad = _verdicts(record_type.name, number, day, catalogue)
            for key in distinct - good - bad:  # values this step has not judged yet
                refused = _refuses(step, session, key if len(keyed) > 1 else (key,),
                                   [convert[f] for f in step.fields])
                (bad if refused else good).add(key)
            wrong = distinct & bad
            if wrong:
                suspect.update(n for n, key in enumerate(_per_row(keyed)) if key in wrong)
        return [rows[n] for n in sorted(suspect)]

    def _checker(self, record_type: RecordType, rows: list[Row]) -> Check:
        """The check of one row of this record type, its look-ups made for `rows`."""
        name = record_type.name
        if name in _SIMPLE:
            check, data_class = _SIMPLE[name]
            if name == "digital_use":
                quarters = _quarters_taken(self.connection, record_type, rows)
                return _first_error(lambda tx, row: check(
                    None, tx, to_data(record_type, row, data_class), row[0], quarters))
            return _first_error(lambda tx, row: check(
                None, tx, to_data(record_type, row, data_class), row[0]))
        if name == "group_series":
            return _first_error(lambda tx, row: _check_series(
                tx, to_data(record_type, row, SeriesData), new=False))
        if name == "evaluation_response":
            return _first_error(lambda tx, row: _check_answers(
                tx, dict(zip(record_type.names, row, strict=True)), self.questionnaires))
        series_column = record_type.index("series_id")
        taken = _numbers_taken(self.connection, {row[series_column] for row in rows})
        series_facts: dict[str, Any] = {}  # per series: read or converted once

        def meeting(tx: WriteTransaction, row: Row) -> None:
            series_id = row[series_column]
            if series_id in series_facts:
                facts = series_facts[series_id]
            else:
                facts = series_facts[series_id] = _series_facts(
                    tx, series_id, self.series_rows.get(series_id))
            if facts is not None:
                _check_meeting(tx, facts, to_data(record_type, row, MeetingData), row[0],
                               taken)
        return _first_error(meeting)


# One row's check: the first rule it breaks (None: the Store would save it).
Check = Callable[[WriteTransaction, Row], "ValidationError | None"]


def _first_error(check: Callable[[WriteTransaction, Row], Any]) -> Check:
    """A Store check that raises, as one that returns the first broken rule."""
    def run(tx: WriteTransaction, row: Row) -> ValidationError | None:
        try:
            check(tx, row)
        except ValidationErrors as errors:
            return errors.errors[0]
        except ValidationError as error:
            return error
        return None
    return run


_PLAIN = frozenset({str, type(None)})


def _keys(column: list[Any]) -> list[Any]:
    """A column's values as keys that tell their type: 1, 1.0 and True are one value to a
    set, not to a check. A text or NULL is its own key (it equals no value of another
    type); any other value is (type, value). A column of texts and NULLs — most of them —
    is used as it is."""
    if set(map(type, column)) <= _PLAIN:
        return column
    return list(zip(map(type, column), column, strict=True))


def _per_row(keyed: list[list[Any]]) -> Iterator[Any]:
    """Per row, the key of a step's one field, or the tuple of its fields' keys."""
    if len(keyed) == 1:
        return iter(keyed[0])
    return zip(*keyed, strict=True)


def _value(key: Any) -> Any:
    return key[1] if isinstance(key, tuple) else key


# A step's verdict on a value is a function of the value, the catalogue and today (a step
# reads nothing else): kept across packages, per (record type, step number, today, the
# catalogue's text) as the sets of value keys (`_keys`) it let through and refused — the steps
# are the modules' constant tuples.
Verdicts = tuple[set[Any], set[Any]]
_VERDICTS: dict[tuple[str, int, date, str], Verdicts] = {}
_VERDICTS_LIMIT = 200_000  # values kept in all, at most


def _verdicts(name: str, number: int, day: date, catalogue: str) -> Verdicts:
    key = (name, number, day, catalogue)
    verdicts = _VERDICTS.get(key)
    if verdicts is None or len(verdicts[0]) + len(verdicts[1]) > _VERDICTS_LIMIT // 10:
        if sum(len(g) + len(b) for g, b in _VERDICTS.values()) > _VERDICTS_LIMIT:
            _VERDICTS.clear()
        verdicts = _VERDICTS[key] = (set(), set())
    return verdicts


def _refuses(step: Step, session: Any, key: tuple[Any, ...],
             converts: list[Callable[[Any], Any] | None]) -> bool:
    """Does `step` mark anything for these wire values of its fields (their keys,
    `_keys`; converted as `to_data` converts them)? A value that cannot be converted
    counts as refused."""
    values = []
    for value, convert in zip(map(_value, key), converts, strict=True):
        if convert is not None and value is not None:
            try:
                value = convert(value)
            except (TypeError, ValueError):
                return True
        values.append(value)
    checker = Checker()
    step.apply(checker, session, *values)
    return bool(checker.errors)


def _numbers_taken(connection: Connection, series_ids: set[str]) -> NumberTaken:
    """The Store's "meeting number already registered" question, answered from the live
    meetings of these series read at once."""
    used: dict[tuple[str, int], set[str]] = {}
    meeting = Meeting.__table__.c
    for part in wire.chunks(sorted(series_ids)):
        for series_id, number, meeting_id in connection.execute(
                select(meeting.series_id, meeting.number, meeting.id).where(
                    meeting.series_id.in_(part), meeting.deleted.is_(False))):
            used.setdefault((series_id, number), set()).add(meeting_id)

    def taken(series_id: str, number: int, meeting_id: str) -> bool:
        return bool(used.get((series_id, number), set()) - {meeting_id})
    return taken


def _quarters_taken(connection: Connection, record_type: RecordType,
                    rows: list[Row]) -> QuarterTaken:
    """The Store's "quarter already registered for the program" question, answered from
    the live rows of these devices read at once."""
    used: dict[tuple[str, int, int, str], set[str]] = {}
    table = DigitalUse.__table__.c
    devices = sorted({str(row[record_type.index("device_id")]) for row in rows})
    for part in wire.chunks(devices):
        for program, year, quarter, device, row_id in connection.execute(
                select(table.program_code, table.year, table.quarter, table.device_id,
                       table.id).where(table.device_id.in_(part), table.deleted.is_(False))):
            used.setdefault((program, year, quarter, device), set()).add(row_id)

    def taken(data: DigitalUseData, device_id: str, row_id: str) -> bool:
        key = (data.program_code, data.year, data.quarter, device_id)
        return bool(used.get(key, set()) - {row_id})
    return taken


_CATALOGUE: tuple[type[Any], ...] = (Program, Locality, Language, Theme)


# The catalogues seen lately: (their rows as the driver gave them, the types of their values,
# their text, their rows by (model, code)); at most four.
_CATALOGUES: list[tuple[list[Any], list[type[Any]], str, dict[tuple[type[Any], str], Any]]] = []
_CODES: dict[str, dict[str, set[str]]] = {}  # by the catalogue's text


def _read_catalogue(connection: Connection) -> tuple[str, dict[tuple[type[Any], str], Any]]:
    """The catalogue's text (its rows as the driver gives them, one object for equal texts)
    and its rows by (model, code), read as plain rows — by attribute, as the checks read a
    model's. Decoded once per distinct catalogue: the rows read are compared with the ones
    seen before (cheaper than writing out their text again for every file)."""
    found = [(model.__tablename__, [tuple(row) for row in plain_rows(
        connection, f'SELECT * FROM "{model.__tablename__}" ORDER BY code')])
        for model in _CATALOGUE]
    types = _types(found)
    for seen, seen_types, text, rows in _CATALOGUES:
        if seen == found and seen_types == types:  # 1, 1.0 and True differ here
            return text, rows
    text = sys.intern(repr(found))
    rows = {(model, row.code): row for model in _CATALOGUE
            for row in connection.execute(select(model.__table__))}
    if len(_CATALOGUES) >= 4:
        _CATALOGUES.clear()
    _CATALOGUES.append((found, types, text, rows))
    return text, rows


def _types(catalogue: list[Any]) -> list[type[Any]]:
    return [type(value) for _table, rows in catalogue for row in rows for value in row]


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


def _check_answers(tx: WriteTransaction, values: dict[str, Any],
                   parsed: dict[tuple[str, int], Any]) -> None:
    """The kiosk's rules for one answer: a published questionnaire version, one of its
    languages, not dated in the future, every answer one the questionnaire can produce
    (a scale answer inside the scale). The answers themselves are never quoted."""
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
    if date.fromisoformat(values["answered_on"]) > today():
        raise ValidationError(N_("Answers cannot be dated in the future."), field="answered_on")
    try:
        key = (stored.code, stored.version)
        questionnaire = parsed.get(key)
        if questionnaire is None:
            questionnaire = parsed[key] = questionnaire_from_definition(stored.definition)
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
