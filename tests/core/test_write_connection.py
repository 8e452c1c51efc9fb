"""The write connection kept between saves (core/store/unit.py `UnitOfWork._begin`).

It is taken from the pool at the first write and kept, so a save does not pay for a checkout
and a check-in. What must still hold: a failed write gives it back (the next write starts
on a sound connection), and closing the Store — or a start that fails half-way — leaves no
connection out and no handle on the database file (on Windows an open handle would stop a
restore from setting the file aside).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core.errors import NotFoundError, ValidationError
from forebygg_desktop.core.models import GroupSeries
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.evaluations import EvaluationService
from forebygg_desktop.core.store.records import MeetingData, SeriesData

SERIES = SeriesData(program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
                    planned_meetings=10, planned_start=date(2026, 1, 5))


def _meeting(number: int, women: int = 3) -> MeetingData:
    return MeetingData(number=number, held_on=date(2026, 1, 5 + 7 * number), minutes=120,
                       women=women, men=1, other_gender=0, other_adults=0, children=None,
                       interpreter=False)


def _open_handles(database: Path) -> list[str]:
    """The files of this process's open descriptors that are the database or its journals."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(database)):
            found.append(target)
    return found


def _checked_out(store: Store) -> int:
    return store.engine.pool.checkedout()  # type: ignore[attr-defined]


def test_saves_keep_one_connection_and_a_failed_write_gives_it_back(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.sqlite3")
    try:
        series_id = store.groups.create_series(SERIES).id
        kept = store.uow._connection
        assert kept is not None and _checked_out(store) == 1
        store.groups.register_meeting(series_id, _meeting(1))
        assert store.uow._connection is kept  # the same connection for the next save

        with pytest.raises(ValidationError):  # refused by the Store's rules
            store.groups.register_meeting(series_id, _meeting(2, women=-1))
        assert store.uow._connection is None and _checked_out(store) == 0
        with pytest.raises(NotFoundError), store.uow.write() as tx:  # raised in the write
            tx.get_live(GroupSeries, "no-such-series")
        assert _checked_out(store) == 0

        store.groups.register_meeting(series_id, _meeting(2))  # a new one, and it works
        assert [m.number for m in store.groups.meetings(series_id)] == [1, 2]
        assert _checked_out(store) == 1
    finally:
        store.close()
    assert _checked_out(store) == 0


def test_closing_the_store_leaves_no_handle_on_the_database(tmp_path: Path) -> None:
    database = tmp_path / "store.sqlite3"
    store = open_store(database)
    series_id = store.groups.create_series(SERIES).id
    store.groups.register_meeting(series_id, _meeting(1))
    with store.uow.read() as session:  # a read's connection goes back to the pool
        assert session.get(GroupSeries, series_id) is not None
    assert _open_handles(database)
    store.close()
    assert _open_handles(database) == []
    assert not Path(f"{database}-wal").exists()  # the last connection checkpointed it


def test_a_start_that_fails_after_its_first_writes_leaves_no_handle(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The start writes the catalogue before it publishes the questionnaires: when that
    last step fails, the write connection it kept is closed with the rest."""
    database = tmp_path / "store.sqlite3"

    def fail(_self: EvaluationService) -> None:
        raise OSError("the questionnaire files could not be read")

    monkeypatch.setattr(EvaluationService, "publish_shipped", fail)
    with pytest.raises(OSError):
        open_store(database)
    assert database.exists()
    assert _open_handles(database) == []


def test_closing_waits_for_a_write_under_way_on_another_thread(tmp_path: Path) -> None:
    """The window closes while a background task saves: the save is finished and kept,
    not cut off by its connection being closed under it."""
    import threading

    store = open_store(tmp_path / "store.sqlite3")
    series_id = store.groups.create_series(SERIES).id
    inside, go_on, closed = threading.Event(), threading.Event(), threading.Event()
    outcome: list[object] = []

    def save() -> None:
        try:
            with store.uow.write() as tx:
                inside.set()
                assert go_on.wait(10)
                tx.update(GroupSeries, series_id, {"planned_meetings": 12})
            outcome.append("saved")
        except BaseException as error:  # reported to the test below
            outcome.append(error)

    def close() -> None:
        store.close()
        closed.set()

    writer = threading.Thread(target=save)
    writer.start()
    assert inside.wait(10)
    closer = threading.Thread(target=close)
    closer.start()
    assert not closed.wait(0.3)  # the close waits for the write
    go_on.set()
    writer.join(10)
    closer.join(10)
    assert outcome == ["saved"] and closed.is_set()
    again = open_store(tmp_path / "store.sqlite3")
    try:
        assert again.groups.get_series(series_id).planned_meetings == 12
    finally:
        again.close()
