"""Stored evaluation answers hold no time of day and no order."""

from __future__ import annotations

import re
import uuid
from datetime import date

from sqlalchemy import text

from forebygg_desktop.core.models import EvaluationResponse
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import SeriesData


def _round_of_parents(store: Store, parents: int) -> tuple[int, int]:
    series = store.groups.create_series(SeriesData(program_code="ABC-3-12",
                                                   locality_code="HALLSTAVIK",
                                                   language_code="sv")).id
    token = store.evaluations.start_round("series", series, "group")
    for number in range(parents):
        store.evaluations.submit_answer(token, ("sv", "ar", "so")[number % 3],
                                        {"overall": number % 5 + 1})
    return token.local_seq, parents


def test_the_table_has_no_rowid(store: Store) -> None:
    with store.engine.connect() as connection:
        sql = connection.execute(text(
            "SELECT sql FROM sqlite_master WHERE name = 'evaluation_response'")).scalar_one()
        assert "WITHOUT ROWID" in sql.upper()
        # A rowid table answers this; a WITHOUT ROWID table has no such column.
        try:
            connection.execute(text("SELECT rowid FROM evaluation_response"))
        except Exception as error:  # any refusal proves the point
            assert "rowid" in str(error).lower()
        else:
            raise AssertionError("evaluation_response answers SELECT rowid")


def test_no_column_holds_a_time_of_day() -> None:
    for column in EvaluationResponse.__table__.columns:
        type_name = type(column.type).__name__
        assert type_name not in ("DateTime", "Time", "TIMESTAMP"), column.name
        assert not re.search(r"(_at|time|stamp|created|updated)$", column.name), column.name


def test_stored_values_have_a_date_only_and_one_sequence_per_round(store: Store) -> None:
    round_seq, parents = _round_of_parents(store, 7)
    with store.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, answered_on, local_seq, version FROM evaluation_response")).all()
    assert len(rows) == parents
    # The date as SQLite holds it: YYYY-MM-DD and nothing after it.
    assert {row.answered_on for row in rows} == {date.today().isoformat()}
    assert {row.local_seq for row in rows} == {round_seq}
    assert {row.version for row in rows} == {1}
    for row in rows:
        assert uuid.UUID(row.id).version == 4  # random, so it carries no time or counter


def test_keys_do_not_follow_the_order_of_answering(store: Store) -> None:
    _round_of_parents(store, 40)
    with store.engine.connect() as connection:
        in_table_order = [r.language for r in connection.execute(text(
            "SELECT language FROM evaluation_response"))]
    answered = [("sv", "ar", "so")[n % 3] for n in range(40)]
    # Stored order is the order of random keys: it matching the answering order for 40
    # parents would be a one-in-billions coincidence.
    assert in_table_order != answered
    assert sorted(in_table_order) == sorted(answered)


def test_finishing_a_round_moves_every_answer_to_one_new_sequence(store: Store) -> None:
    series = store.groups.create_series(SeriesData(program_code="ABC-3-12",
                                                   locality_code="RIMBO",
                                                   language_code="sv")).id
    token = store.evaluations.start_round("series", series, "group")
    store.evaluations.submit_answer(token, "sv", {"overall": 4})
    store.groups.update_series(series, SeriesData(program_code="ABC-3-12",
                                                  locality_code="RIMBO",
                                                  language_code="sv", venue="Biblioteket"))
    store.evaluations.submit_answer(token, "sv", {"overall": 5})
    store.evaluations.finish_round(token)
    with store.engine.connect() as connection:
        seqs = {r[0] for r in connection.execute(text(
            "SELECT local_seq FROM evaluation_response"))}
        latest = connection.execute(text(
            "SELECT value FROM meta WHERE key = 'change_seq'")).scalar_one()
    assert seqs == {int(latest)}
    assert int(latest) > token.local_seq
