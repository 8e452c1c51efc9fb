"""Every validation rule: typed errors naming the field, translatable, nothing saved."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from forebygg_desktop.core.catalog import load_catalog
from forebygg_desktop.core.errors import UserError, ValidationError, ValidationErrors
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import (
    DigitalUseData,
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
    edited,
)

TODAY = date.today()
START = TODAY - timedelta(days=30)
SERIES = SeriesData(program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
                    planned_start=START, registered_women=4, registered_men=2,
                    registered_other=0)
MEETING = MeetingData(number=1, held_on=START, women=3, men=2, other_gender=0)
CAFE = OpenMeetingData(program_code="CAFE", held_on=TODAY, locality_code="RIMBO",
                       language_code="sv", women=5)
TALK = TalkData(first_talk_on=TODAY, who_came="mother", language_code="sv")
USE = DigitalUseData(program_code="IKOMET", year=2025, quarter=2, started=5, completed=3)


def fields_of(error: UserError) -> set[str | None]:
    if isinstance(error, ValidationErrors):
        return {e.field for e in error.errors}
    return {error.field}


def refused(call: object, *fields: str) -> UserError:
    """Run `call`, expect a validation error marking exactly `fields`; return it."""
    with pytest.raises((ValidationError, ValidationErrors)) as caught:
        call()  # type: ignore[operator]
    assert fields_of(caught.value) == set(fields)
    assert caught.value.message()  # translatable text, not a traceback
    return caught.value


@pytest.fixture
def series_id(store: Store) -> str:
    return store.groups.create_series(SERIES).id


def _count(store: Store, table: str) -> int:
    with store.uow.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


# --- counts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["registered_women", "started_men", "completed_other",
                                  "dropped_women"])
def test_negative_series_counts_are_refused(store: Store, name: str) -> None:
    refused(lambda: store.groups.create_series(edited(SERIES, **{name: -1})), name)
    assert _count(store, "group_series") == 0


@pytest.mark.parametrize("name", ["women", "men", "other_gender", "other_adults", "children"])
def test_negative_meeting_counts_are_refused(store: Store, series_id: str, name: str) -> None:
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, **{name: -2})),
            name)
    assert _count(store, "meeting") == 0


def test_absurd_counts_are_refused(store: Store, series_id: str) -> None:
    refused(lambda: store.open_meetings.create(edited(CAFE, women=10_001)), "women")
    refused(lambda: store.digital.create(edited(USE, logins_handed_out=-1)),
            "logins_handed_out")


def test_negative_open_meeting_counts_are_refused(store: Store) -> None:
    refused(lambda: store.open_meetings.create(edited(CAFE, men=-1)), "men")
    assert store.open_meetings.list() == []


def test_attendance_above_registered_is_refused(store: Store, series_id: str) -> None:
    error = refused(lambda: store.groups.register_meeting(
        series_id, edited(MEETING, women=4, men=2, other_gender=1)), "attendance")
    assert error.params == {"attendance": 7, "registered": 6}
    store.groups.register_meeting(series_id, edited(MEETING, women=4, men=2, other_gender=0))


def test_attendance_is_unchecked_while_nobody_is_registered(store: Store) -> None:
    series_id = store.groups.create_series(edited(
        SERIES, registered_women=None, registered_men=None, registered_other=None)).id
    store.groups.register_meeting(series_id, edited(MEETING, women=40))


def test_started_above_registered_and_the_other_stage_rules(store: Store) -> None:
    refused(lambda: store.groups.create_series(edited(SERIES, started_women=5)),
            "started_women")
    refused(lambda: store.groups.create_series(edited(
        SERIES, started_men=2, completed_men=3)), "completed_men")
    refused(lambda: store.groups.create_series(edited(
        SERIES, started_women=4, completed_women=3, dropped_women=2)), "dropped_women")
    store.groups.create_series(edited(SERIES, started_women=4, completed_women=3,
                                      dropped_women=1))


def test_digital_completed_above_started_is_refused(store: Store) -> None:
    refused(lambda: store.digital.create(edited(USE, started=2, completed=3)), "completed")


# --- dates ----------------------------------------------------------------------------------

def test_a_meeting_before_the_series_started_is_refused(store: Store, series_id: str) -> None:
    error = refused(lambda: store.groups.register_meeting(
        series_id, edited(MEETING, held_on=START - timedelta(days=1))), "held_on")
    assert error.params["start"] == START.isoformat()


def test_moving_the_start_after_a_held_meeting_is_refused(store: Store,
                                                          series_id: str) -> None:
    store.groups.register_meeting(series_id, MEETING)
    refused(lambda: store.groups.update_series(
        series_id, edited(SERIES, planned_start=START + timedelta(days=1))), "planned_start")
    store.groups.update_series(series_id, edited(SERIES, planned_start=START))


def test_future_dates_are_refused_everywhere(store: Store, series_id: str) -> None:
    tomorrow = TODAY + timedelta(days=1)
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, held_on=tomorrow)),
            "held_on")
    refused(lambda: store.open_meetings.create(edited(CAFE, held_on=tomorrow)), "held_on")
    refused(lambda: store.talks.create(edited(TALK, first_talk_on=tomorrow)), "first_talk_on")
    store.groups.register_meeting(series_id, edited(MEETING, held_on=TODAY))  # today is fine


# --- catalogue references -------------------------------------------------------------------

def test_an_inactive_program_cannot_start_a_new_series(store: Store) -> None:
    series_id = store.groups.create_series(edited(SERIES, program_code="TRUST")).id
    package = copy.deepcopy(load_catalog())
    package["programs"] = [p for p in package["programs"] if p["code"] != "TRUST"]
    store.catalog.apply_catalog(package)
    error = refused(lambda: store.groups.create_series(edited(SERIES, program_code="TRUST")),
                    "program_code")
    assert error.params == {"code": "TRUST"}
    # an existing series on it can still be corrected
    store.groups.update_series(series_id, edited(SERIES, program_code="TRUST", venue="Ny"))
    refused(lambda: store.groups.update_series(
        store.groups.create_series(SERIES).id, edited(SERIES, program_code="TRUST")),
        "program_code")


def test_series_codes_must_exist_and_fit(store: Store) -> None:
    refused(lambda: store.groups.create_series(edited(SERIES, program_code="NOPE")),
            "program_code")
    refused(lambda: store.groups.create_series(edited(SERIES, program_code="CAFE")),
            "program_code")  # not a group program
    refused(lambda: store.groups.create_series(edited(SERIES, locality_code="X")),
            "locality_code")
    refused(lambda: store.groups.create_series(edited(SERIES, language_code="xx")),
            "language_code")
    refused(lambda: store.groups.create_series(edited(SERIES, interpreter_languages=("zz",))),
            "interpreter_languages")
    refused(lambda: store.groups.create_series(edited(SERIES, delivery_mode="pigeon")),
            "delivery_mode")
    refused(lambda: store.groups.create_series(edited(SERIES, composition="kids")),
            "composition")
    refused(lambda: store.groups.create_series(edited(SERIES, planned_meetings=0)),
            "planned_meetings")


def test_other_records_check_their_codes(store: Store) -> None:
    refused(lambda: store.open_meetings.create(edited(CAFE, program_code="FOS")),
            "program_code")
    refused(lambda: store.open_meetings.create(edited(CAFE, theme_code="NOPE")), "theme_code")
    refused(lambda: store.talks.create(edited(TALK, who_came="neighbour")), "who_came")
    refused(lambda: store.talks.create(edited(TALK, outcome="referred")), "referred_to")
    refused(lambda: store.talks.create(edited(TALK, outcome="moved_to_group")),
            "moved_to_program")
    refused(lambda: store.talks.create(edited(TALK, language_code="xx")), "language_code")
    refused(lambda: store.digital.create(edited(USE, program_code="ABC-3-12")),
            "program_code")
    refused(lambda: store.digital.create(edited(USE, quarter=5)), "quarter")
    refused(lambda: store.digital.create(edited(USE, year=1999)), "year")


# --- meetings -------------------------------------------------------------------------------

def test_a_duplicate_meeting_number_is_refused(store: Store, series_id: str) -> None:
    store.groups.register_meeting(series_id, MEETING)
    error = refused(lambda: store.groups.register_meeting(series_id, MEETING), "number")
    assert error.params == {"number": 1}
    other = store.groups.register_meeting(series_id, edited(MEETING, number=2)).id
    refused(lambda: store.groups.update_meeting(other, MEETING), "number")
    # the same number in another series is fine
    store.groups.register_meeting(store.groups.create_series(SERIES).id, MEETING)


def test_meeting_number_minutes_and_kind_ranges(store: Store, series_id: str) -> None:
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, number=0)),
            "number")
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, minutes=0)),
            "minutes")
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, kind="party")),
            "kind")


def test_all_wrong_fields_are_reported_at_once(store: Store, series_id: str) -> None:
    error = refused(lambda: store.groups.register_meeting(series_id, edited(
        MEETING, number=0, women=-1, held_on=TODAY + timedelta(days=2))),
        "number", "women", "held_on")
    assert isinstance(error, ValidationErrors) and len(error.errors) == 3


# --- status ---------------------------------------------------------------------------------

def test_cancelling_needs_a_known_reason(store: Store, series_id: str) -> None:
    refused(lambda: store.groups.set_status(series_id, "cancelled"), "cancel_reason")
    refused(lambda: store.groups.set_status(series_id, "cancelled", "bored"), "cancel_reason")
    refused(lambda: store.groups.set_status(series_id, "paused"), "status")
    assert store.groups.get_series(series_id).status == "planned"


# --- talks: a warning, not an error ---------------------------------------------------------

def test_a_fourth_talk_warns_but_saves(store: Store) -> None:
    change = store.talks.create(edited(TALK, talks=4))
    [warning] = change.warnings
    assert warning.field == "talks" and not isinstance(warning, ValidationError)
    assert "3" in warning.message()
    assert store.talks.get(change.id).talks == 4
    assert store.talks.create(edited(TALK, talks=3)).warnings == ()
    updated = store.talks.update(change.id, edited(TALK, talks=5))
    assert updated.warnings and store.talks.get(change.id).talks == 5


def test_an_implausible_number_of_talks_is_an_error(store: Store) -> None:
    refused(lambda: store.talks.create(edited(TALK, talks=0)), "talks")
    refused(lambda: store.talks.create(edited(TALK, talks=21)), "talks")


# --- empty is not zero ----------------------------------------------------------------------

def test_empty_and_zero_stay_different_in_storage_and_api(store: Store,
                                                          series_id: str) -> None:
    empty = store.groups.register_meeting(series_id, edited(
        MEETING, women=None, men=None, other_gender=None, children=None)).id
    zero = store.groups.register_meeting(series_id, edited(
        MEETING, number=2, women=0, men=0, other_gender=0, children=0)).id
    with store.uow.read() as session:
        rows = dict(session.execute(text(
            "SELECT id, women IS NULL FROM meeting WHERE id IN (:a, :b)"),
            {"a": empty, "b": zero}).all())
        stored_zero = session.execute(text("SELECT women, children FROM meeting WHERE id=:b"),
                                      {"b": zero}).one()
    assert rows == {empty: 1, zero: 0}
    assert tuple(stored_zero) == (0, 0)
    records = {m.id: m for m in store.groups.meetings(series_id)}
    assert records[empty].women is None and records[empty].attendance is None
    assert records[zero].women == 0 and records[zero].attendance == 0
    summary = store.groups.summary(series_id)
    assert summary.participant_visits == 0  # 0 + unknown = 0 known visits, not unknown


def test_empty_and_zero_in_the_other_records(store: Store) -> None:
    zero = store.open_meetings.create(edited(CAFE, women=0, men=None)).id
    record = store.open_meetings.get(zero)
    assert (record.women, record.men, record.attendance) == (0, None, 0)
    use = store.digital.create(edited(USE, started=0, completed=None)).id
    assert (store.digital.get(use).started, store.digital.get(use).completed) == (0, None)
    series = store.groups.create_series(edited(SERIES, registered_other=None,
                                               started_women=0))
    record_series = store.groups.get_series(series.id)
    assert (record_series.registered_other, record_series.started_women) == (None, 0)
