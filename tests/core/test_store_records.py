"""Open meetings, advice talks and digital use: create, correct, delete, undo, list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forebygg_desktop.core.errors import NotFoundError
from forebygg_desktop.core.models import AdviceTalk, DigitalUse, OpenMeeting
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import (
    DigitalUseData,
    OpenMeetingData,
    TalkData,
    edited,
)

TODAY = date.today()
CAFE = OpenMeetingData(program_code="CAFE", held_on=TODAY - timedelta(days=3),
                       locality_code="VIGELSJO", language_code="so", minutes=120,
                       theme_code="SCREENS", women=9, men=2, other_gender=0, estimated=True)
TALK = TalkData(first_talk_on=TODAY - timedelta(days=10), who_came="both_parents",
                language_code="ar", talks=2, theme_code="NPF", locality_code="RIMBO",
                outcome="referred", referred_to="child_psychiatry")
USE = DigitalUseData(program_code="IKOMET", year=2025, quarter=3, logins_handed_out=14,
                     started=9, completed=4)


def _row(store: Store, model: type, row_id: str) -> object:
    with store.uow.read() as session:
        return session.get(model, row_id)


# --- open meetings --------------------------------------------------------------------------

def test_open_meeting_round_trip(store: Store) -> None:
    change = store.open_meetings.create(CAFE)
    assert (change.kind, change.action) == ("open_meeting", "created")
    record = store.open_meetings.get(change.id)
    assert record.attendance == 11 and record.estimated is True
    assert (record.theme_code, record.language_code, record.minutes) == ("SCREENS", "so", 120)
    row = _row(store, OpenMeeting, change.id)
    assert (row.device_id, row.version) == (store.device_id, 1)


def test_open_meeting_update_delete_restore(store: Store) -> None:
    row_id = store.open_meetings.create(CAFE).id
    store.open_meetings.update(row_id, edited(CAFE, women=12, estimated=False))
    record = store.open_meetings.get(row_id)
    assert (record.women, record.estimated, record.version) == (12, False, 2)
    assert store.open_meetings.delete(row_id).action == "deleted"
    with pytest.raises(NotFoundError):
        store.open_meetings.get(row_id)
    assert store.open_meetings.list() == []
    with pytest.raises(NotFoundError):
        store.open_meetings.update(row_id, CAFE)
    store.open_meetings.restore(row_id)
    assert [r.id for r in store.open_meetings.list()] == [row_id]
    assert _row(store, OpenMeeting, row_id).version == 4


def test_open_meeting_defaults(store: Store) -> None:
    data = store.open_meetings.defaults("LECTURE", "RIMBO", today=TODAY)
    assert (data.held_on, data.locality_code, data.language_code) == (TODAY, "RIMBO", "sv")
    assert data.minutes is not None and data.women is None


def test_open_meetings_list_by_period_and_column_newest_first(store: Store) -> None:
    old = store.open_meetings.create(edited(CAFE, held_on=date(2025, 2, 1))).id
    new = store.open_meetings.create(edited(CAFE, held_on=date(2025, 5, 1),
                                            locality_code="RIMBO")).id
    assert [r.id for r in store.open_meetings.list()] == [new, old]
    assert [r.id for r in store.open_meetings.list(Period.quarter(2025, 1))] == [old]
    assert [r.id for r in store.open_meetings.list(locality_code="RIMBO")] == [new]
    assert [r.id for r in store.open_meetings.list(locality_code=None)] == [new, old]


def test_unknown_ids_raise_not_found(store: Store) -> None:
    for service in (store.open_meetings, store.talks, store.digital):
        with pytest.raises(NotFoundError):
            service.get("nope")
        with pytest.raises(NotFoundError):
            service.delete("nope")


# --- advice talks ---------------------------------------------------------------------------

def test_talk_round_trip_without_identity(store: Store) -> None:
    change = store.talks.create(TALK)
    assert change.kind == "advice_talk" and change.warnings == ()
    record = store.talks.get(change.id)
    assert (record.talks, record.who_came, record.outcome, record.referred_to) == (
        2, "both_parents", "referred", "child_psychiatry")
    assert record.interpreter is None  # not entered stays not entered


def test_talk_update_delete_restore(store: Store) -> None:
    row_id = store.talks.create(TALK).id
    store.talks.update(row_id, edited(TALK, talks=3, outcome="closed", referred_to=None))
    assert store.talks.get(row_id).outcome == "closed"
    store.talks.delete(row_id)
    assert store.talks.list() == []
    store.talks.restore(row_id)
    assert _row(store, AdviceTalk, row_id).version == 4


def test_talk_moved_into_a_group_program(store: Store) -> None:
    row_id = store.talks.create(edited(TALK, outcome="moved_to_group", referred_to=None,
                                       moved_to_program="FOS")).id
    assert store.talks.get(row_id).moved_to_program == "FOS"


def test_talk_defaults(store: Store) -> None:
    data = store.talks.defaults("RIMBO", today=TODAY)
    assert (data.first_talk_on, data.locality_code, data.talks) == (TODAY, "RIMBO", 1)


def test_talks_list_by_period(store: Store) -> None:
    store.talks.create(edited(TALK, first_talk_on=date(2025, 1, 15)))
    store.talks.create(edited(TALK, first_talk_on=date(2025, 4, 15)))
    assert len(store.talks.list(Period.quarter(2025, 2))) == 1
    assert len(store.talks.list(Period.year(2025))) == 2


# --- digital use ----------------------------------------------------------------------------

def test_digital_use_round_trip(store: Store) -> None:
    change = store.digital.create(USE)
    assert change.kind == "digital_use"
    record = store.digital.get(change.id)
    assert (record.logins_handed_out, record.started, record.completed) == (14, 9, 4)
    assert _row(store, DigitalUse, change.id).device_id == store.device_id


def test_digital_use_for_quarter_and_in_period(store: Store) -> None:
    q3 = store.digital.create(USE).id
    q4 = store.digital.create(edited(USE, quarter=4)).id
    store.digital.create(edited(USE, year=2024, quarter=4))
    assert [r.id for r in store.digital.for_quarter(2025, 3)] == [q3]
    in_half = {r.id for r in store.digital.in_period(Period.parse("2025-08-01..2025-12-31"))}
    assert in_half == {q3, q4}


def test_digital_use_list_with_a_period_uses_quarters(store: Store) -> None:
    q3 = store.digital.create(USE).id
    store.digital.create(edited(USE, year=2024))
    assert [r.id for r in store.digital.list(Period.quarter(2025, 3))] == [q3]


def test_digital_use_update_may_keep_its_own_quarter(store: Store) -> None:
    row_id = store.digital.create(USE).id
    store.digital.update(row_id, edited(USE, completed=None))
    assert store.digital.get(row_id).completed is None


def test_a_deleted_digital_quarter_can_be_entered_again(store: Store) -> None:
    row_id = store.digital.create(USE).id
    store.digital.delete(row_id)
    assert store.digital.create(USE).id != row_id


def _marked(save: object) -> list[tuple[str | None, str]]:
    from forebygg_desktop.core.errors import ValidationError, ValidationErrors

    with pytest.raises((ValidationError, ValidationErrors)) as refused:
        save()  # type: ignore[operator]
    errors = getattr(refused.value, "errors", [refused.value])
    return [(e.field, e.msgid) for e in errors]


def test_a_talk_form_with_many_faults_marks_each_field_once_in_order(store: Store) -> None:
    """The talk's check is a list of steps (store/steps.py): every wrong field is still
    marked, in the form's order, a field once (its most specific message)."""
    future = date.today() + timedelta(days=3)
    assert _marked(lambda: store.talks.create(TalkData(
        first_talk_on=future, who_came="nobody", language_code="xx", talks=0,
        locality_code="NOWHERE", theme_code="NONE", outcome="referred",
        referred_to=None))) == [
        ("first_talk_on", "A talk cannot be registered in the future."),
        ("talks", "The number of talks must be between {low} and {high}."),
        ("who_came", "Unknown choice: {code}."),
        ("language_code", "Choose a language."),
        ("locality_code", "Choose a locality."),
        ("theme_code", "Unknown choice: {code}."),
        ("referred_to", "Choose a value.")]
    assert _marked(lambda: store.talks.create(TalkData(
        first_talk_on=date(2026, 1, 5), who_came="mother", language_code="sv",
        outcome="moved_to_group", moved_to_program=None))) == [
        ("moved_to_program", "Choose the group program.")]


def test_an_open_meeting_form_with_many_faults_marks_each_field_once_in_order(
        store: Store) -> None:
    future = date.today() + timedelta(days=3)
    assert _marked(lambda: store.open_meetings.create(OpenMeetingData(
        program_code="ABC-3-12", held_on=future, locality_code="NOWHERE",
        language_code="xx", theme_code="NONE", minutes=0, venue="x" * 200, women=-1,
        men=10_001, other_gender=2))) == [
        ("program_code", "Choose a café or lecture."),
        ("held_on", "A meeting cannot be registered in the future."),
        ("locality_code", "Choose a locality."),
        ("language_code", "Choose a language."),
        ("theme_code", "Unknown choice: {code}."),
        ("minutes", "Minutes must be between {low} and {high}."),
        ("venue", "At most {limit} characters."),
        ("women", "A count cannot be negative."),
        ("men", "A count above {limit} is not plausible.")]
