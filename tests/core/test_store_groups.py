"""Group series and meetings through the Store: every GroupService method."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from forebygg_desktop.core.errors import NotFoundError
from forebygg_desktop.core.models import GroupSeries, Meeting, Meta
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.groups import SeriesFilter
from forebygg_desktop.core.store.records import MeetingData, SeriesData, edited

TODAY = date.today()
START = TODAY - timedelta(days=60)
SERIES = SeriesData(program_code="ABC-3-12", locality_code="HALLSTAVIK", language_code="ar",
                    venue="Biblioteket", interpreter_languages=("ar",), planned_meetings=4,
                    planned_start=START, registered_women=6, registered_men=2,
                    registered_other=0)


def meeting(number: int, days: int = 0, **changes: object) -> MeetingData:
    data = MeetingData(number=number, held_on=START + timedelta(days=days or 7 * (number - 1)),
                       minutes=150, women=5, men=2, other_gender=0)
    return edited(data, **changes)


def _row(store: Store, model: type, row_id: str) -> object:
    with store.uow.read() as session:
        return session.get(model, row_id)


def test_create_series_returns_what_changed_and_stamps_the_row(store: Store) -> None:
    change = store.groups.create_series(SERIES)
    assert (change.kind, change.action) == ("group_series", "created")
    record = store.groups.get_series(change.id)
    assert record.status == "planned"
    assert record.interpreter_languages == ("ar",)
    assert record.registered_women == 6
    row = _row(store, GroupSeries, change.id)
    assert row.device_id == store.device_id and row.version == 1 and row.deleted is False
    assert row.created_at is not None and row.local_seq >= 1
    assert len(change.id) == 36


def test_every_write_gets_a_new_change_sequence(store: Store) -> None:
    first = store.groups.create_series(SERIES).id
    second = store.groups.create_series(SERIES).id
    assert _row(store, GroupSeries, second).local_seq > _row(store, GroupSeries, first).local_seq
    with store.uow.read() as session:
        assert int(session.get(Meta, "change_seq").value) == _row(
            store, GroupSeries, second).local_seq


def test_update_series_bumps_version_and_keeps_the_key(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    before = _row(store, GroupSeries, series_id)
    change = store.groups.update_series(series_id, edited(SERIES, venue="Skolan",
                                                          started_women=5))
    assert change.action == "updated" and change.id == series_id
    record = store.groups.get_series(series_id)
    assert (record.venue, record.started_women, record.version) == ("Skolan", 5, 2)
    assert _row(store, GroupSeries, series_id).local_seq > before.local_seq


def test_first_meeting_moves_a_planned_series_to_running(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    change = store.groups.register_meeting(series_id, meeting(1))
    assert (change.kind, change.action, change.ids[1]) == ("meeting", "created", series_id)
    series = store.groups.get_series(series_id)
    assert series.status == "running" and series.version == 2
    store.groups.register_meeting(series_id, meeting(2))
    assert store.groups.get_series(series_id).version == 2  # only the first one touches it


def test_register_meeting_stores_every_field_and_stamps_it(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    data = meeting(1, kind="information", other_adults=1, children=None, interpreter=True)
    meeting_id = store.groups.register_meeting(series_id, data).id
    [record] = store.groups.meetings(series_id)
    assert record.id == meeting_id and record.series_id == series_id
    assert (record.number, record.held_on, record.minutes, record.kind) == (
        1, data.held_on, 150, "information")
    assert (record.women, record.men, record.other_gender, record.other_adults) == (5, 2, 0, 1)
    assert record.children is None and record.interpreter is True
    row = _row(store, Meeting, meeting_id)
    assert (row.device_id, row.version, row.deleted) == (store.device_id, 1, False)
    assert row.created_at == row.updated_at


def test_meetings_are_listed_in_number_order(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    for number in (3, 1, 2):
        store.groups.register_meeting(series_id, meeting(number))
    assert [m.number for m in store.groups.meetings(series_id)] == [1, 2, 3]


def test_update_meeting_corrects_and_may_keep_its_own_number(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    meeting_id = store.groups.register_meeting(series_id, meeting(1)).id
    store.groups.update_meeting(meeting_id, meeting(1, women=3))
    [record] = store.groups.meetings(series_id)
    assert (record.women, record.version) == (3, 2)


def test_delete_and_restore_meeting_is_a_tombstone(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    meeting_id = store.groups.register_meeting(series_id, meeting(1)).id
    change = store.groups.delete_meeting(meeting_id)
    assert change.action == "deleted" and change.ids == (meeting_id, series_id)
    assert store.groups.meetings(series_id) == []
    assert [m.id for m in store.groups.meetings(series_id, include_deleted=True)] == [meeting_id]
    assert _row(store, Meeting, meeting_id).deleted is True  # still there, for sync
    # the number is free again while deleted
    other = store.groups.register_meeting(series_id, meeting(1)).id
    store.groups.delete_meeting(other)
    store.groups.restore_meeting(meeting_id)
    assert [m.id for m in store.groups.meetings(series_id)] == [meeting_id]
    assert _row(store, Meeting, meeting_id).version == 3


def test_delete_series_hides_it_and_restore_brings_it_back(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    store.groups.delete_series(series_id)
    with pytest.raises(NotFoundError):
        store.groups.get_series(series_id)
    assert store.groups.list_series() == []
    with pytest.raises(NotFoundError):
        store.groups.register_meeting(series_id, meeting(1))
    store.groups.restore_series(series_id)
    assert [r.id for r in store.groups.list_series()] == [series_id]


def test_deleting_twice_does_not_bump_the_version(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    store.groups.delete_series(series_id)
    store.groups.delete_series(series_id)
    assert _row(store, GroupSeries, series_id).version == 2


def test_unknown_ids_raise_not_found(store: Store) -> None:
    for call in (lambda: store.groups.get_series("nope"),
                 lambda: store.groups.update_series("nope", SERIES),
                 lambda: store.groups.set_status("nope", "running"),
                 lambda: store.groups.delete_series("nope"),
                 lambda: store.groups.register_meeting("nope", meeting(1)),
                 lambda: store.groups.update_meeting("nope", meeting(1)),
                 lambda: store.groups.delete_meeting("nope"),
                 lambda: store.groups.next_meeting("nope")):
        with pytest.raises(NotFoundError):
            call()


def test_set_status_and_cancel_with_reason(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    store.groups.set_status(series_id, "cancelled", "too_few_registered")
    record = store.groups.get_series(series_id)
    assert (record.status, record.cancel_reason) == ("cancelled", "too_few_registered")
    store.groups.set_status(series_id, "running", "too_few_registered")
    record = store.groups.get_series(series_id)
    assert (record.status, record.cancel_reason) == ("running", None)


def test_next_meeting_prefills_number_minutes_and_interpreter(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    first = store.groups.next_meeting(series_id, today=TODAY)
    assert (first.number, first.held_on, first.minutes) == (1, TODAY, 150)  # catalogue
    store.groups.register_meeting(series_id, meeting(1, minutes=120, interpreter=True))
    second = store.groups.next_meeting(series_id)
    assert (second.number, second.minutes, second.interpreter) == (2, 120, True)
    assert second.women is None  # counts are never guessed


def test_summary_keeps_unknown_apart_from_zero(store: Store) -> None:
    series_id = store.groups.create_series(edited(SERIES, started_women=6, started_men=0)).id
    summary = store.groups.summary(series_id)
    assert summary.stage_total("registered") == 8
    assert summary.stages["started"] == {"women": 6, "men": 0, "other": None}
    assert summary.stage_total("completed") is None
    assert summary.participant_visits is None and summary.meetings_held == 0
    store.groups.register_meeting(series_id, meeting(1, women=4, men=1, other_gender=None))
    store.groups.register_meeting(series_id, meeting(2, women=None, men=None,
                                                        other_gender=None))
    summary = store.groups.summary(series_id)
    assert (summary.meetings_held, summary.participant_visits) == (2, 5)


def test_list_series_filters(store: Store) -> None:
    abc = store.groups.create_series(SERIES).id
    fos = store.groups.create_series(edited(SERIES, program_code="FOS", locality_code="RIMBO",
                                            venue="Medborgarhuset", planned_start=None)).id
    store.groups.register_meeting(abc, meeting(1))
    ids = lambda f: {r.id for r in store.groups.list_series(f)}  # noqa: E731
    assert ids(SeriesFilter()) == {abc, fos}
    assert ids(SeriesFilter(program_code="FOS")) == {fos}
    assert ids(SeriesFilter(locality_code="HALLSTAVIK")) == {abc}
    assert ids(SeriesFilter(status="running")) == {abc}
    assert ids(SeriesFilter(text="medborgar")) == {fos}
    assert ids(SeriesFilter(text="Hallstavik bibliotek")) == {abc}
    assert ids(SeriesFilter(period=Period.quarter_of(START))) == {abc}
    assert ids(SeriesFilter(period=Period.year(START.year - 3))) == set()
    [row] = [r for r in store.groups.list_series() if r.id == abc]
    assert (row.meetings_held, row.first_meeting, row.last_meeting) == (1, START, START)


def test_list_series_flags_a_series_whose_meeting_is_overdue(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    store.groups.register_meeting(series_id, meeting(1))
    [row] = store.groups.list_series(today=START + timedelta(days=6))
    assert row.needs_attention is False
    [row] = store.groups.list_series(today=START + timedelta(days=8))
    assert row.needs_attention is True
    store.groups.set_status(series_id, "completed")
    [row] = store.groups.list_series(today=START + timedelta(days=30))
    assert row.needs_attention is False


def test_a_failed_save_changes_nothing(store: Store) -> None:
    series_id = store.groups.create_series(SERIES).id
    with store.uow.read() as session:
        seq_before = session.get(Meta, "change_seq").value
    with pytest.raises(Exception):  # noqa: B017 - any validation error
        store.groups.register_meeting(series_id, meeting(1, women=-1))
    with store.uow.read() as session:
        assert session.get(Meta, "change_seq").value == seq_before
        assert session.scalars(select(Meeting)).all() == []
    assert store.groups.get_series(series_id).status == "planned"
