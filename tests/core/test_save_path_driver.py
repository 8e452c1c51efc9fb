"""The write path's statements on the driver (core/driver.py), checked against SQLAlchemy.

What the driver path writes must be byte for byte what SQLAlchemy writes for the same
values, what it reads must come back as SQLAlchemy converts it, and its failures must be
SQLAlchemy's errors without the values: on both databases (`test_save_path*` runs on
PostgreSQL too when a server is given).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text
from sqlalchemy.exc import IntegrityError

from forebygg_desktop.core.driver import DriverStatement
from forebygg_desktop.core.models import GroupSeries, Meeting, new_uuid
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData
from forebygg_desktop.core.store.unit import WriteTransaction

SECRET = "Anna Andersson 070-1234567"  # a value that must never reach an error's text


def _series(store: Store) -> str:
    return store.groups.create_series(SeriesData(
        program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
        planned_meetings=10, planned_start=date(2026, 1, 5), registered_women=4,
        registered_men=2, registered_other=0)).id


def _stored(store: Store, table: str, row_id: str) -> dict[str, Any]:
    """A row as the database holds it: the driver's own values, no type conversion."""
    with store.engine.connect() as connection:
        result = connection.exec_driver_sql(
            f"SELECT * FROM {table} WHERE id = " + ("?" if store.engine.dialect.name ==
                                                     "sqlite" else "%(id)s"),
            (row_id,) if store.engine.dialect.name == "sqlite" else {"id": row_id})
        row = result.mappings().one()
    return {key: value for key, value in row.items() if key != "id"}


@pytest.mark.parametrize("model, values", [
    (Meeting, {"number": 3, "held_on": date(2026, 2, 9), "minutes": 150, "kind": "regular",
               "women": 7, "men": 3, "other_gender": 0, "other_adults": 1, "children": None,
               "interpreter": True}),
    (GroupSeries, {"program_code": "BIFF", "locality_code": "RIMBO", "language_code": "so",
                   "interpreter_languages": ["ar", "so"], "leader_ids": [],
                   "planned_start": date(2026, 3, 1), "venue": SECRET}),
])
def test_the_driver_stores_exactly_what_sqlalchemy_stores(store: Store, model: Any,
                                                          values: dict[str, Any]) -> None:
    series_id = _series(store)
    table = model.__table__
    stamp = datetime(2026, 2, 9, 18, 30, 0, 123456)
    common = {**values, "device_id": "dev", "version": 2, "clock": {"dev": 2, "x": 1},
              "local_seq": 9, "deleted": False, "created_at": stamp, "updated_at": stamp}
    if model is Meeting:
        common["series_id"] = series_id
    by_sqlalchemy, by_driver = new_uuid(), new_uuid()
    with store.engine.begin() as connection:
        connection.execute(insert(table), {**common, "id": by_sqlalchemy})
        DriverStatement(insert(table)).execute(connection, {**common, "id": by_driver},
                                               keys=[*common, "id"])
    assert _stored(store, table.name, by_driver) == _stored(store, table.name, by_sqlalchemy)


def test_a_default_left_out_is_filled_as_sqlalchemy_fills_it(store: Store) -> None:
    """Columns with Python-side defaults (status, lists, clock) given by neither caller."""
    table = GroupSeries.__table__
    given = {"program_code": "ABC-3-12", "locality_code": "RIMBO", "language_code": "sv",
             "device_id": "dev", "local_seq": 1, "created_at": datetime(2026, 1, 1),
             "updated_at": datetime(2026, 1, 1)}
    by_sqlalchemy, by_driver = new_uuid(), new_uuid()
    with store.engine.begin() as connection:
        connection.execute(insert(table), {**given, "id": by_sqlalchemy})
        DriverStatement(insert(table)).execute(connection, {**given, "id": by_driver},
                                               keys=[*given, "id"])
    stored = _stored(store, table.name, by_driver)
    assert stored == _stored(store, table.name, by_sqlalchemy)
    assert stored["status"] == "planned" and stored["delivery_mode"] == "in_person"


def test_the_driver_reads_values_as_sqlalchemy_converts_them(store: Store) -> None:
    series_id = _series(store)
    store.groups.register_meeting(series_id, MeetingData(
        number=1, held_on=date(2026, 1, 12), minutes=120, women=3, men=1, other_gender=0,
        other_adults=0, children=2, interpreter=False))
    query = select(Meeting.__table__).where(Meeting.__table__.c.series_id == series_id)
    with store.engine.connect() as connection:
        expected = connection.execute(query).one()
        got = DriverStatement(query).execute(connection, {}).first()
    assert tuple(got) == tuple(expected)
    assert got._asdict() == expected._asdict()
    assert isinstance(got.held_on, date) and isinstance(got.updated_at, datetime)
    assert got.clock == expected.clock and isinstance(got.clock, dict)


def test_a_refused_statement_is_sqlalchemys_error_without_the_values(store: Store) -> None:
    table = GroupSeries.__table__
    row = {"id": new_uuid(), "program_code": "ABC-3-12", "locality_code": "RIMBO",
           "language_code": "sv", "venue": SECRET, "device_id": "dev", "local_seq": 1,
           "created_at": datetime(2026, 1, 1), "updated_at": datetime(2026, 1, 1)}
    statement = DriverStatement(insert(table))
    with store.engine.begin() as connection:
        statement.execute(connection, row, keys=row)
    with pytest.raises(IntegrityError) as caught, store.engine.begin() as connection:
        statement.execute(connection, row, keys=row)  # the same id again
    assert SECRET not in str(caught.value) and "070" not in str(caught.value)
    assert "INSERT INTO group_series" in str(caught.value)


def test_a_save_that_fails_on_the_driver_changes_nothing(store: Store,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """The meeting's insert fails on the driver after the series read and the change
    counter ran on it: the whole save rolls back."""
    series_id = _series(store)
    before = _counts(store)
    real = WriteTransaction.insert

    def broken(tx: WriteTransaction, model: Any, values: dict[str, Any]) -> str:
        return real(tx, model, {**values, "kind": None})  # a NOT NULL column

    monkeypatch.setattr(WriteTransaction, "insert", broken)
    with pytest.raises(Exception) as caught:
        store.groups.register_meeting(series_id, MeetingData(
            number=1, held_on=date(2026, 1, 12), minutes=120, women=3, men=1,
            other_gender=0, other_adults=0, children=None, interpreter=False))
    assert isinstance(caught.value, IntegrityError), caught.value
    assert _counts(store) == before
    monkeypatch.undo()
    store.groups.register_meeting(series_id, MeetingData(  # and the next save works
        number=1, held_on=date(2026, 1, 12), minutes=120, women=3, men=1, other_gender=0,
        other_adults=0, children=None, interpreter=False))
    assert _counts(store)[0] == before[0] + 1


def _counts(store: Store) -> tuple[Any, ...]:
    with store.engine.connect() as connection:
        return tuple(connection.execute(text(query)).scalar() for query in (
            "SELECT count(*) FROM meeting", "SELECT value FROM meta WHERE key = 'change_seq'",
            "SELECT status FROM group_series"))


def test_defaults_made_by_sql_run_and_ones_needing_the_context_are_refused(
        store: Store) -> None:
    """A SQL-made default is part of the statement; a function of SQLAlchemy's execution
    context cannot be computed on the driver, so the statement is refused before it runs."""
    from sqlalchemy import func

    table = Table("driver_probe", MetaData(), Column("id", String(36), primary_key=True),
                  Column("n", Integer, default=func.abs(-3)),
                  Column("m", Integer, default=lambda: 4))
    refused = Table("driver_probe2", MetaData(), Column("id", String(36), primary_key=True),
                    Column("n", Integer, default=lambda context: 5))
    with store.engine.begin() as connection:
        table.create(connection)
        refused.create(connection)
        DriverStatement(insert(table)).execute(connection, {"id": "a"}, keys=["id"])
        assert connection.execute(select(table.c.n, table.c.m)).one() == (3, 4)
    with pytest.raises(ValueError, match=r"driver_probe2\.n"), \
            store.engine.begin() as connection:
        DriverStatement(insert(refused)).execute(connection, {"id": "a"}, keys=["id"])
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(refused)).scalar() == 0
