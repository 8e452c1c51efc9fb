"""Undo and redo of each kind of change, through the Store door, travelling like any change.

Each test makes a change, undoes it, checks the store is as before (for a creation: a
tombstone), that the undo itself was stamped as a change of this laptop (version and
change sequence up, so the next export carries it), and redoes it.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.history import (
    DEPTH,
    ChangedSinceError,
    NothingToRedoError,
    NothingToUndoError,
)
from forebygg_desktop.core.store.records import (
    DigitalUseData,
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
    edited,
)
from tests.core.conftest import connect

TODAY = date.today()
SERIES = SeriesData(program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
                    venue="Rimbo bibliotek", registered_women=6)
MEETING = MeetingData(number=1, held_on=TODAY - timedelta(days=1), women=3, men=2)
CAFE = OpenMeetingData(program_code="CAFE", held_on=TODAY, locality_code="RIMBO",
                       language_code="sv", women=5)


def stamp(store: Store, table: str, row_id: str) -> tuple[int, int, bool, str]:
    """version, local_seq, deleted, device_id of a stored row (tombstones included)."""
    with store.uow.read() as session:
        row = session.execute(text(f"SELECT version, local_seq, deleted, device_id FROM {table}"
                                   " WHERE id = :id"), {"id": row_id}).one()
    return int(row[0]), int(row[1]), bool(row[2]), str(row[3])


def exported_ids(store: Store, table: str, after_seq: int) -> set[str]:
    """Rows the next incremental export would carry (written after `after_seq`)."""
    with store.uow.read() as session:
        return {r[0] for r in session.execute(
            text(f"SELECT id FROM {table} WHERE local_seq > :s"), {"s": after_seq})}


def seq(store: Store) -> int:
    with store.uow.read() as session:
        return int(session.execute(text(
            "SELECT value FROM meta WHERE key = 'change_seq'")).scalar_one())


@pytest.fixture
def series_id(store: Store) -> str:
    return store.groups.create_series(SERIES).id


def test_nothing_to_undo_or_redo_on_a_fresh_store(store: Store) -> None:
    assert not store.undo.can_undo() and not store.undo.can_redo()
    with pytest.raises(NothingToUndoError):
        store.undo.undo()
    with pytest.raises(NothingToRedoError):
        store.undo.redo()


def test_undo_a_save_tombstones_it_and_redo_brings_it_back(store: Store, series_id: str) -> None:
    before = seq(store)
    meeting_id = store.groups.register_meeting(series_id, MEETING).id
    assert store.groups.get_series(series_id).status == "running"
    step = store.undo.next_undo()
    assert step is not None and (step.kind, step.action) == ("meeting", "created")

    change = store.undo.undo()
    assert (change.kind, change.action) == ("meeting", "undone")
    assert series_id in change.ids and meeting_id in change.ids
    assert store.groups.meetings(series_id) == []
    # The first meeting had moved the series to running: that is taken back too.
    assert store.groups.get_series(series_id).status == "planned"
    version, _seq, deleted, device = stamp(store, "meeting", meeting_id)
    assert deleted and version == 2 and device == store.device_id
    assert meeting_id in exported_ids(store, "meeting", before)

    store.undo.redo()
    [meeting] = store.groups.meetings(series_id)
    assert (meeting.id, meeting.women, meeting.men) == (meeting_id, 3, 2)
    assert store.groups.get_series(series_id).status == "running"
    assert stamp(store, "meeting", meeting_id)[:3] == (3, seq(store), False)


def test_undo_a_correction_restores_the_earlier_values(store: Store, series_id: str) -> None:
    meeting_id = store.groups.register_meeting(series_id, MEETING).id
    store.groups.update_meeting(meeting_id, edited(MEETING, women=None, men=0, minutes=90))
    assert store.undo.next_undo().action == "updated"  # type: ignore[union-attr]
    store.undo.undo()
    meeting = store.groups.meetings(series_id)[0]
    assert (meeting.women, meeting.men, meeting.minutes) == (3, 2, None)
    store.undo.redo()
    meeting = store.groups.meetings(series_id)[0]
    assert (meeting.women, meeting.men, meeting.minutes) == (None, 0, 90)


def test_undo_a_series_correction_keeps_lists_and_counts(store: Store, series_id: str) -> None:
    store.groups.update_series(series_id, edited(SERIES, interpreter_languages=("ar", "so"),
                                                 venue=None, registered_women=None))
    store.undo.undo()
    series = store.groups.get_series(series_id)
    assert (series.interpreter_languages, series.venue, series.registered_women) == \
        ((), "Rimbo bibliotek", 6)


def test_undo_a_deletion_brings_the_record_back(store: Store, series_id: str) -> None:
    talk = store.talks.create(TalkData(first_talk_on=TODAY, who_came="mother",
                                       language_code="sv"))
    store.talks.delete(talk.id)
    assert store.talks.list() == []
    assert store.undo.next_undo().action == "deleted"  # type: ignore[union-attr]
    before = seq(store)
    store.undo.undo()
    assert [t.id for t in store.talks.list()] == [talk.id]
    assert talk.id in exported_ids(store, "advice_talk", before)
    store.undo.redo()
    assert store.talks.list() == []
    assert stamp(store, "advice_talk", talk.id)[2] is True


def test_undo_a_series_deletion(store: Store, series_id: str) -> None:
    store.groups.delete_series(series_id)
    store.undo.undo()
    assert store.groups.get_series(series_id).venue == "Rimbo bibliotek"


def test_undo_a_status_change(store: Store, series_id: str) -> None:
    store.groups.set_status(series_id, "cancelled", "too_few_registered")
    store.undo.undo()
    series = store.groups.get_series(series_id)
    assert (series.status, series.cancel_reason) == ("planned", None)
    store.undo.redo()
    series = store.groups.get_series(series_id)
    assert (series.status, series.cancel_reason) == ("cancelled", "too_few_registered")


@pytest.mark.parametrize("kind", ["open_meeting", "digital_use", "research_count"])
def test_undo_a_save_of_the_other_records(store: Store, series_id: str, kind: str) -> None:
    if kind == "open_meeting":
        store.open_meetings.create(CAFE)
        listed: Any = store.open_meetings.list
    elif kind == "digital_use":
        store.digital.create(DigitalUseData(program_code="IKOMET", year=2025, quarter=2,
                                            started=4))
        listed = store.digital.list
    else:
        store.evaluations.set_research_count(series_id, "before", 10, 8)
        listed = lambda: [c for c in store.evaluations.research_counts(series_id).values()  # noqa: E731
                          if c.handed_out is not None]
    assert len(listed()) == 1
    store.undo.undo()
    assert listed() == []
    store.undo.redo()
    assert len(listed()) == 1


def test_a_new_change_clears_redo(store: Store, series_id: str) -> None:
    store.open_meetings.create(CAFE)
    store.undo.undo()
    assert store.undo.can_redo()
    store.open_meetings.create(edited(CAFE, women=9))
    assert not store.undo.can_redo()


def test_undo_goes_back_step_by_step(store: Store, series_id: str) -> None:
    first = store.groups.register_meeting(series_id, MEETING).id
    store.groups.register_meeting(series_id, edited(MEETING, number=2, held_on=TODAY))
    store.groups.delete_meeting(first)
    store.undo.undo()  # the deletion
    assert len(store.groups.meetings(series_id)) == 2
    store.undo.undo()  # the second save
    assert [m.number for m in store.groups.meetings(series_id)] == [1]
    store.undo.redo()
    assert len(store.groups.meetings(series_id)) == 2


def test_a_refused_save_is_not_a_step(store: Store, series_id: str) -> None:
    store.undo.history.clear()
    with pytest.raises(Exception):  # noqa: B017 - any validation error
        store.groups.register_meeting(series_id, edited(MEETING, women=-1))
    assert not store.undo.can_undo()


def test_undo_refuses_when_the_row_changed_since(store: Store, series_id: str) -> None:
    meeting_id = store.groups.register_meeting(series_id, MEETING).id
    # A newer version arrives from elsewhere (as an import writes it: no undo step).
    with store.uow.engine.begin() as connection:
        connection.execute(text("UPDATE meeting SET version = version + 1, women = 7"
                                " WHERE id = :id"), {"id": meeting_id})
    with pytest.raises(ChangedSinceError) as caught:
        store.undo.undo()
    assert caught.value.message()
    assert store.groups.meetings(series_id)[0].women == 7
    assert not store.undo.can_redo()


def test_evaluation_answers_and_catalogue_updates_are_never_steps(store: Store,
                                                                 series_id: str) -> None:
    store.undo.history.clear()
    token = store.evaluations.start_round("series", series_id, "group")
    store.evaluations.submit_answer(token, "sv", {"overall": 4, "comment": "Bra"})
    store.evaluations.finish_round(token)
    [row] = store.evaluations.free_texts()
    store.evaluations.redact(row.id)
    assert not store.undo.can_undo()


def test_the_demo_year_is_not_one_step(store: Store) -> None:
    from forebygg_desktop.core.demo import generate_demo

    generate_demo(store, seed=1, years=1)
    assert not store.undo.can_undo()


def test_the_history_keeps_a_bounded_number_of_steps(store: Store) -> None:
    for women in range(DEPTH + 5):
        store.open_meetings.create(edited(CAFE, women=women))
    undone = 0
    while store.undo.can_undo():
        store.undo.undo()
        undone += 1
    assert undone == DEPTH
    assert len(store.open_meetings.list()) == 5


def test_undone_changes_reach_the_central_department(store: Store, series_id: str,
                                                      tmp_path: Path) -> None:
    from forebygg_desktop.core.startup import open_store

    meeting_id = store.groups.register_meeting(series_id, MEETING).id
    central = open_store(tmp_path / "central" / "forebygg.sqlite3")
    try:
        from forebygg_desktop.core import settings

        central.settings.set(settings.ROLE, "central")
        department = central.settings.get(settings.DEPARTMENT)
        store.settings.set(settings.DEPARTMENT, department)
        connect(store, central)  # packages are signed and sealed to the department's key
        (tmp_path / "out").mkdir()
        first = store.exchange.export(tmp_path / "out")
        central.exchange.import_files([first.path])
        assert len(central.groups.meetings(series_id)) == 1
        store.undo.undo()
        second = store.exchange.export(tmp_path / "out")
        central.exchange.import_files([second.path])
        assert central.groups.meetings(series_id) == []
        assert stamp(central, "meeting", meeting_id)[2] is True
    finally:
        central.close()
