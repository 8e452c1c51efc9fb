"""The import's look-up of stored versions by a list of ids (merge._stored_rows), on SQLite
and on a server: it finds exactly the stored rows, and on a server it is one statement
whatever the number of ids — one array argument (`= ANY`) instead of a placeholder per id.
A statement per list length, once the driver prepared it, let the server keep a plan made
while the table was nearly empty: a full scan per file, and an import of 200 files took
12-19 s instead of 5 s (bench_import)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from forebygg_desktop.core.exchange import merge
from forebygg_desktop.core.exchange.format import record_types
from forebygg_desktop.core.exchange.merge import _stored_rows
from forebygg_desktop.core.models import new_uuid
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData


def test_stored_versions_are_found_by_one_statement_whatever_the_number_of_ids(
        central: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    stored = [central.talks.create(TalkData(first_talk_on=date(2026, 3, 1 + n % 28),
                                            who_came="mother", language_code="sv")).id
              for n in range(30)]
    statements: list[str] = []
    run = merge.plain_rows

    def seen(connection: Any, sql: str, arguments: Any = ()) -> list[Any]:
        statements.append(sql)
        return run(connection, sql, arguments)

    monkeypatch.setattr(merge, "plain_rows", seen)  # the driver's cursor, as the import
    with central.uow.read() as session:
        connection = session.connection()
        talk = record_types()["advice_talk"]
        few = _stored_rows(connection, talk, [stored[0], new_uuid()])
        many = _stored_rows(connection, talk, [*stored, *(new_uuid() for _ in range(270))])
    assert set(few) == {stored[0]} and set(many) == set(stored)
    assert all(many[i][0] == i for i in stored)
    if central.uow.shared:  # a server: one statement text, one plan
        assert len(statements) == 2 and len(set(statements)) == 1
