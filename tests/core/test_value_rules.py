"""The value rules of `core/validation.py`, one test per rule, through the Store API.

Whatever a caller passes — a form, a script, a forged call — a date the program does not
accept, a fraction of a person, an absurd count or a megabyte of text is refused with a
message naming the field, and nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from forebygg_desktop.core import validation
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
SERIES = SeriesData(program_code="ABC-3-12", locality_code="RIMBO", language_code="sv")
MEETING = MeetingData(number=1, held_on=TODAY, women=3, men=2, other_gender=0)
CAFE = OpenMeetingData(program_code="CAFE", held_on=TODAY, locality_code="RIMBO",
                       language_code="sv", women=5)
TALK = TalkData(first_talk_on=TODAY, who_came="mother", language_code="sv")
USE = DigitalUseData(program_code="IKOMET", year=2025, quarter=2, started=5, completed=3)
MEGABYTE = "x" * (1 << 20)


def fields_of(error: UserError) -> set[str | None]:
    if isinstance(error, ValidationErrors):
        return {e.field for e in error.errors}
    return {error.field}


def refused(call: Any, field: str) -> UserError:
    with pytest.raises((ValidationError, ValidationErrors)) as caught:
        call()
    assert field in fields_of(caught.value)
    assert caught.value.message()
    return caught.value


def rows(store: Store, table: str) -> int:
    with store.uow.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


@pytest.fixture
def series_id(store: Store) -> str:
    return store.groups.create_series(SERIES).id


# --- dates: the range the program accepts ---------------------------------------------------

@pytest.mark.parametrize("day", [date(1, 1, 1), date(1999, 12, 31)])
def test_a_date_before_the_accepted_range_is_refused_everywhere(
        store: Store, series_id: str, day: date) -> None:
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, held_on=day)),
            "held_on")
    refused(lambda: store.open_meetings.create(edited(CAFE, held_on=day)), "held_on")
    refused(lambda: store.talks.create(edited(TALK, first_talk_on=day)), "first_talk_on")
    refused(lambda: store.groups.create_series(edited(SERIES, planned_start=day)),
            "planned_start")
    assert rows(store, "meeting") == rows(store, "open_meeting") == 0
    assert rows(store, "advice_talk") == 0 and rows(store, "group_series") == 1


def test_a_planned_start_after_the_accepted_range_is_refused(store: Store) -> None:
    refused(lambda: store.groups.create_series(edited(SERIES, planned_start=date(9999, 12, 31))),
            "planned_start")
    # A plan may lie in the future, within the range.
    store.groups.create_series(edited(SERIES, planned_start=TODAY + timedelta(days=60)))


def test_year_9999_is_refused_for_what_happened(store: Store, series_id: str) -> None:
    far = date(9999, 1, 1)
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, held_on=far)),
            "held_on")
    refused(lambda: store.open_meetings.create(edited(CAFE, held_on=far)), "held_on")


def test_a_time_of_day_or_a_text_is_not_a_date(store: Store, series_id: str) -> None:
    moment = datetime.now()
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, held_on=moment)),
            "held_on")
    refused(lambda: store.talks.create(edited(TALK, first_talk_on="2026-01-01")),
            "first_talk_on")
    assert rows(store, "meeting") == rows(store, "advice_talk") == 0


@pytest.mark.parametrize("year", [1, 1999, 2100, 9999])
def test_digital_use_years_outside_the_range_are_refused(store: Store, year: int) -> None:
    refused(lambda: store.digital.create(edited(USE, year=year)), "year")
    assert rows(store, "digital_use") == 0


def test_a_quarter_must_be_one_to_four(store: Store) -> None:
    for quarter in (0, 5, 2.0):
        refused(lambda q=quarter: store.digital.create(edited(USE, quarter=q)), "quarter")


def test_evaluation_answers_outside_the_date_range_are_refused(store: Store,
                                                               series_id: str) -> None:
    token = store.evaluations.start_round("series", series_id, "group")
    refused(lambda: store.evaluations.submit_answer(token, "sv", {"overall": 4},
                                                    answered_on=date(1, 1, 1)), "answered_on")
    assert rows(store, "evaluation_response") == 0


# --- counts: whole numbers, not negative, plausible -------------------------------------------

@pytest.mark.parametrize("value", [2.5, 2.0, "3", True])
def test_a_count_must_be_a_whole_number(store: Store, series_id: str, value: object) -> None:
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, women=value)),
            "women")
    refused(lambda: store.open_meetings.create(edited(CAFE, men=value)), "men")
    refused(lambda: store.groups.create_series(edited(SERIES, registered_women=value)),
            "registered_women")
    refused(lambda: store.digital.create(edited(USE, started=value)), "started")
    refused(lambda: store.evaluations.set_research_count(series_id, "before", value, None),
            "handed_out")
    assert rows(store, "meeting") == rows(store, "open_meeting") == 0
    assert rows(store, "digital_use") == rows(store, "research_count") == 0


def test_a_negative_count_is_refused(store: Store, series_id: str) -> None:
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, children=-1)),
            "children")


def test_an_implausible_count_is_refused_but_the_limit_itself_is_kept(store: Store) -> None:
    refused(lambda: store.open_meetings.create(
        edited(CAFE, women=validation.MAX_COUNT + 1)), "women")
    change = store.open_meetings.create(edited(CAFE, women=validation.MAX_COUNT))
    assert store.open_meetings.get(change.id).women == validation.MAX_COUNT


def test_not_entered_and_zero_pass_the_count_rule(store: Store, series_id: str) -> None:
    change = store.groups.register_meeting(series_id, edited(
        MEETING, women=None, men=0, other_gender=None, other_adults=None, children=None))
    meeting = store.groups.meetings(series_id)[0]
    assert change.id == meeting.id
    assert (meeting.women, meeting.men, meeting.children) == (None, 0, None)


@pytest.mark.parametrize("value", [1.5, "2", 0, 21])
def test_talks_and_meeting_numbers_are_whole_numbers_in_range(store: Store, series_id: str,
                                                             value: object) -> None:
    refused(lambda: store.talks.create(edited(TALK, talks=value)), "talks")
    number = value if value != 21 else 101
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, number=number)),
            "number")


def test_minutes_must_be_a_whole_number(store: Store, series_id: str) -> None:
    refused(lambda: store.groups.register_meeting(series_id, edited(MEETING, minutes=90.5)),
            "minutes")


# --- texts: size limits ----------------------------------------------------------------------

def test_a_megabyte_venue_is_refused(store: Store) -> None:
    refused(lambda: store.groups.create_series(edited(SERIES, venue=MEGABYTE)), "venue")
    refused(lambda: store.open_meetings.create(edited(CAFE, venue=MEGABYTE)), "venue")
    assert rows(store, "group_series") == rows(store, "open_meeting") == 0


def test_a_venue_of_the_limit_is_kept_whole(store: Store) -> None:
    venue = "Å" * validation.MAX_VENUE
    change = store.groups.create_series(edited(SERIES, venue=venue))
    assert store.groups.get_series(change.id).venue == venue
    refused(lambda: store.groups.update_series(change.id, edited(SERIES, venue=venue + "x")),
            "venue")
    assert store.groups.get_series(change.id).venue == venue


def test_a_venue_with_control_characters_is_refused(store: Store) -> None:
    refused(lambda: store.open_meetings.create(edited(CAFE, venue="Rimbo\x00bibliotek")),
            "venue")


def test_free_text_answers_have_a_size_limit(store: Store, series_id: str) -> None:
    token = store.evaluations.start_round("series", series_id, "group")
    refused(lambda: store.evaluations.submit_answer(token, "sv", {"overall": 4,
                                                                 "comment": MEGABYTE}),
            "free_text")
    assert rows(store, "evaluation_response") == 0


# --- answers within their scale ---------------------------------------------------------------

@pytest.mark.parametrize("answer", [0, 6, 2.5, True])
def test_answers_outside_the_scale_are_refused(store: Store, series_id: str,
                                               answer: object) -> None:
    token = store.evaluations.start_round("series", series_id, "group")
    with pytest.raises(UserError):
        store.evaluations.submit_answer(token, "sv", {"overall": answer})
    assert rows(store, "evaluation_response") == 0


def test_the_answer_rule_is_the_one_the_import_uses() -> None:
    items = {"overall": "likert5", "again": "yes_no", "comment": "free_text"}
    assert validation.answers_problems(items, {"overall": 5, "again": False,
                                               "comment": "bra"}) == []
    bad = validation.answers_problems(items, {"overall": 6, "again": 1, "comment": MEGABYTE,
                                              "made_up": 3})
    assert [code for code, _problem in bad] == ["overall", "again", "comment", "made_up"]


# --- one rule table for every caller -----------------------------------------------------------

def test_row_problems_name_each_broken_column() -> None:
    problems = dict(validation.row_problems("meeting", {
        "held_on": date(9999, 1, 1), "minutes": 0, "number": 1, "women": 2.5, "men": 1,
        "other_gender": None, "other_adults": -1, "children": 0}, today=TODAY))
    assert set(problems) == {"held_on", "minutes", "women", "other_adults"}
    assert validation.row_problems("open_meeting", {"venue": MEGABYTE}) != []
    assert validation.row_problems("digital_use", {"year": 2026, "quarter": 3}) == []


def test_every_rule_names_a_real_column_and_text_limits_fit_the_columns() -> None:
    from forebygg_desktop.core.models import TRAVELLING

    for table, rules in validation.RULES.items():
        columns = TRAVELLING[table].__table__.c  # type: ignore[attr-defined]
        for column, rule in rules.items():
            assert column in columns, (table, column)
            length = getattr(columns[column].type, "length", None)
            if rule.kind == "text" and length is not None:
                assert rule.limit <= length, (table, column)


# --- form rules the core keeps for every caller -------------------------------------------------

def test_a_meeting_saved_without_counts_keeps_not_entered(store: Store, series_id: str) -> None:
    blank = MeetingData(number=1, held_on=TODAY)
    store.groups.register_meeting(series_id, blank)
    [meeting] = store.groups.meetings(series_id)
    assert (meeting.women, meeting.men, meeting.other_gender, meeting.other_adults,
            meeting.children) == (None,) * 5
    assert store.groups.summary(series_id).participant_visits is None


def test_a_second_meeting_on_the_same_date_warns(store: Store, series_id: str) -> None:
    first = store.groups.register_meeting(series_id, MEETING)
    assert first.warnings == ()
    second = store.groups.register_meeting(series_id, edited(MEETING, number=2))
    [warning] = second.warnings
    assert warning.field == "held_on" and warning.params == {"number": 1}
    assert [m.number for m in store.groups.meetings_on(series_id, TODAY)] == [1, 2]
    assert store.groups.meetings_on(series_id, TODAY, except_id=first.id)[0].number == 2
    moved = store.groups.update_meeting(second.id, edited(MEETING, number=2,
                                                           held_on=TODAY - timedelta(days=1)))
    assert moved.warnings == ()


def test_too_many_attending_names_the_three_counts_together(store: Store) -> None:
    series = store.groups.create_series(edited(SERIES, registered_women=2))
    error = refused(lambda: store.groups.register_meeting(
        series.id, edited(MEETING, women=2, men=1)), "attendance")
    assert error.params == {"attendance": 3, "registered": 2}


# --- the export file name keeps the laptop's letters ------------------------------------------

@pytest.mark.parametrize(("name", "slug"), [
    ("Familjestöd 3", "familjestöd-3"),
    ("Öppna förskolan / Rimbo", "öppna-förskolan-rimbo"),
    ("دعم الأسرة", "دعم-الأسرة"),
    ("../..\\evil:name*?", "evil-name"),
    ("   ", "device"),
])
def test_the_export_file_name_keeps_letters(name: str, slug: str) -> None:
    from forebygg_desktop.core.exchange.service import default_file_name

    file_name = default_file_name(name, 7, False)
    assert file_name.startswith(f"forebygg-{slug}-0007-")
    assert "/" not in file_name and "\\" not in file_name and ":" not in file_name
