"""The meeting save, the program's hot path, on both databases: what it refuses and says,
what it stamps, and that a failure anywhere inside it changes nothing.

`register_meeting` runs its checks as one Core query and writes with Core statements on
the transaction's connection (no ORM session); these tests hold it to the same promises as
every other write (messages in the user's language, mergeable rows, nothing half-saved).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from forebygg_desktop.core.errors import NotFoundError, ValidationError, ValidationErrors
from forebygg_desktop.core.i18n import set_language
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData, edited
from forebygg_desktop.core.store.unit import WriteTransaction

TODAY = date.today()
START = TODAY - timedelta(days=60)
SERIES = SeriesData(program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
                    planned_meetings=10, planned_start=START, registered_women=6,
                    registered_men=2, registered_other=0)


def meeting(number: int, **changes: Any) -> MeetingData:
    data = MeetingData(number=number, held_on=START + timedelta(days=7 * number), minutes=150,
                       women=4, men=2, other_gender=0)
    return edited(data, **changes)


def facts(store: Store) -> tuple[str, int, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Everything a failed save must leave as it was: the change sequence, the meetings
    (tombstones too) and the series' stamps."""
    with store.uow.read() as session:
        seq = session.execute(text("SELECT value FROM meta WHERE key = 'change_seq'")).scalar()
        count = session.execute(text("SELECT count(*) FROM meeting")).scalar()
        meetings = [tuple(r) for r in session.execute(text(
            "SELECT id, number, held_on, version, local_seq, deleted FROM meeting ORDER BY id"))]
        series = [tuple(r) for r in session.execute(text(
            "SELECT id, status, version, local_seq, updated_at FROM group_series ORDER BY id"))]
    return str(seq), int(count or 0), meetings, series


def errors_of(error: ValidationError | ValidationErrors) -> list[tuple[str | None, str]]:
    found = error.errors if isinstance(error, ValidationErrors) else [error]
    return [(e.field, e.msgid) for e in found]


@pytest.fixture
def series_id(store: Store) -> str:
    return store.groups.create_series(SERIES).id


@pytest.mark.parametrize(("changes", "expected"), [
    ({"number": 1}, [("number", "Meeting {number} is already registered.")]),
    ({"held_on": TODAY + timedelta(days=1)},
     [("held_on", "A meeting cannot be registered in the future.")]),
    ({"held_on": START - timedelta(days=1)},
     [("held_on", "The date is before the series started ({start}).")]),
    ({"women": 7, "men": 2},
     [("attendance", "{attendance} attended, but only {registered} are registered.")]),
    ({"number": 1, "held_on": START - timedelta(days=1), "women": 9},
     [("number", "Meeting {number} is already registered."),
      ("held_on", "The date is before the series started ({start})."),
      ("attendance", "{attendance} attended, but only {registered} are registered.")]),
    ({"women": -1}, [("women", "A count cannot be negative.")]),
    ({"number": 2.5}, [("number", "Enter a whole number.")]),
    ({"held_on": "2024-01-01"}, [("held_on", "Enter a date.")]),
    # Never bound as a parameter: SQLite cannot hold it, the check says so first.
    ({"number": 10**20},
     [("number", "The meeting number must be between {low} and {high}.")]),
])
def test_a_refused_save_says_why_and_changes_nothing(store: Store, series_id: str,
                                                     changes: dict[str, Any],
                                                     expected: list[tuple[str, str]]) -> None:
    store.groups.register_meeting(series_id, meeting(1))
    before = facts(store)
    with pytest.raises((ValidationError, ValidationErrors)) as caught:
        store.groups.register_meeting(series_id, edited(meeting(2), **changes))
    found = errors_of(caught.value)
    assert [f for f in found if f in expected] == expected, found
    assert facts(store) == before


def test_the_refusal_is_in_the_users_language(store: Store, series_id: str) -> None:
    store.groups.register_meeting(series_id, meeting(1))
    set_language("sv")
    with pytest.raises(ValidationError) as caught:
        store.groups.register_meeting(series_id, meeting(1, held_on=START + timedelta(days=9)))
    said = caught.value.message()
    assert "1" in said and "Meeting" not in said  # Swedish, with the number filled in


def test_a_tombstoned_meetings_number_and_day_are_free_again(store: Store,
                                                            series_id: str) -> None:
    first = store.groups.register_meeting(series_id, meeting(1)).id
    store.groups.delete_meeting(first)
    change = store.groups.register_meeting(series_id, meeting(1))
    assert change.id != first and change.warnings == ()


def test_a_second_meeting_on_one_day_is_saved_with_a_warning(store: Store,
                                                            series_id: str) -> None:
    store.groups.register_meeting(series_id, meeting(1))
    change = store.groups.register_meeting(series_id, meeting(2, held_on=meeting(1).held_on))
    [warning] = change.warnings
    assert warning.field == "held_on" and warning.params["number"] == 1
    assert len(store.groups.meetings(series_id)) == 2


def test_another_series_meetings_are_not_this_ones(store: Store, series_id: str) -> None:
    other = store.groups.create_series(SERIES).id
    store.groups.register_meeting(other, meeting(1))
    change = store.groups.register_meeting(series_id, meeting(1))
    assert change.warnings == ()


def test_a_missing_or_deleted_series_is_said_before_bad_input(store: Store,
                                                             series_id: str) -> None:
    before = facts(store)
    for bad in (meeting(1), meeting(1, women=-1), meeting(0, held_on=None)):
        with pytest.raises(NotFoundError):
            store.groups.register_meeting("no-such-series", bad)
    store.groups.delete_series(series_id)
    deleted = facts(store)
    assert deleted != before
    for bad in (meeting(1), meeting(1, women=-1)):
        with pytest.raises(NotFoundError):
            store.groups.register_meeting(series_id, bad)
    assert facts(store) == deleted


def test_the_saved_meeting_is_stamped_to_travel(store: Store, series_id: str) -> None:
    with store.uow.read() as session:
        series_before = session.execute(text(
            "SELECT version, clock, updated_at FROM group_series WHERE id = :id"),
            {"id": series_id}).one()
    change = store.groups.register_meeting(series_id, meeting(1))
    seq, _count, _meetings, _series = facts(store)
    with store.uow.read() as session:
        row = session.execute(text(
            "SELECT device_id, version, local_seq, deleted, clock, created_at, updated_at "
            "FROM meeting WHERE id = :id"), {"id": change.id}).one()
        series = session.execute(text(
            "SELECT status, device_id, version, local_seq, clock, updated_at "
            "FROM group_series WHERE id = :id"), {"id": series_id}).one()
    assert (row.device_id, row.version, int(row.local_seq), bool(row.deleted)) == (
        store.device_id, 1, int(seq), False)
    assert _json(row.clock) == {store.device_id: 1}
    assert row.created_at == row.updated_at
    # The first meeting moved the series to running: one change of the same save.
    assert (series.status, series.device_id, series.version, int(series.local_seq)) == (
        "running", store.device_id, series_before.version + 1, int(seq))
    assert _json(series.clock) == {store.device_id: _json(series_before.clock)
                                   .get(store.device_id, 0) + 1}
    assert _time(series.updated_at) > _time(series_before.updated_at)


def test_a_later_meeting_leaves_a_running_series_alone(store: Store, series_id: str) -> None:
    store.groups.register_meeting(series_id, meeting(1))
    before = facts(store)[3]
    store.groups.register_meeting(series_id, meeting(2))
    assert facts(store)[3] == before


@pytest.mark.parametrize("where", ["insert", "update", "step"])
def test_a_fault_inside_the_save_changes_nothing(store: Store, series_id: str,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 where: str) -> None:
    """The save fails after some of its statements ran: all of them are rolled back."""
    before = facts(store)
    undo_before = store.undo.can_undo()
    original = getattr(WriteTransaction, where)

    def failing(self: WriteTransaction, *args: Any) -> Any:
        original(self, *args)
        raise OSError("injected fault")
    monkeypatch.setattr(WriteTransaction, where, failing)
    with pytest.raises(OSError, match="injected"):
        store.groups.register_meeting(series_id, meeting(1))
    monkeypatch.undo()
    assert facts(store) == before
    assert store.undo.can_undo() == undo_before
    assert store.groups.get_series(series_id).status == "planned"
    store.groups.register_meeting(series_id, meeting(1))  # the store writes on afterwards
    assert facts(store)[1] == before[1] + 1


def test_a_save_is_committed_when_it_returns(store: Store, series_id: str) -> None:
    """Another connection (another program) sees the meeting as soon as the call returned."""
    change = store.groups.register_meeting(series_id, meeting(1))
    other = create_engine(store.engine.url.render_as_string(hide_password=False))
    try:
        with other.connect() as connection:
            number = connection.execute(text("SELECT number FROM meeting WHERE id = :id"),
                                        {"id": change.id}).scalar()
    finally:
        other.dispose()
    assert number == 1


@pytest.mark.sqlite_only
def test_the_save_runs_with_full_durability(store: Store, series_id: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """WAL and synchronous=FULL on the very connection the save writes with."""
    seen: list[tuple[Any, ...]] = []
    original = WriteTransaction.insert

    def watching(self: WriteTransaction, *args: Any) -> str:
        seen.append((self.connection.exec_driver_sql("PRAGMA journal_mode").scalar(),
                     self.connection.exec_driver_sql("PRAGMA synchronous").scalar(),
                     self.connection.exec_driver_sql("PRAGMA foreign_keys").scalar(),
                     self.connection.in_transaction()))
        return original(self, *args)
    monkeypatch.setattr(WriteTransaction, "insert", watching)
    store.groups.register_meeting(series_id, meeting(1))
    assert seen == [("wal", 2, 1, True)]


def _json(value: Any) -> Any:
    import json

    return json.loads(value) if isinstance(value, str) else value


def _time(value: Any) -> str:
    return str(value)
