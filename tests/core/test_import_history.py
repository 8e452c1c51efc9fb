"""The central store's record of imported files, read and written as plain SQL on SQLite and
on a PostgreSQL server alike: the identity-clash rule run as one query, and the file record
written as one upsert."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from forebygg_desktop.core.exchange import identity
from forebygg_desktop.core.exchange.merge import TypeCounts
from forebygg_desktop.core.exchange.service import FileReport, _remember
from forebygg_desktop.core.exchange.validation import _keys
from forebygg_desktop.core.models import ImportedFile
from forebygg_desktop.core.store import Store
from tests.pg_backend import StoreFactory

DEVICE = "11111111-2222-4333-8444-555555555555"
OTHER = "99999999-2222-4333-8444-555555555555"
# (sha256, device, sequence, since, upto): a laptop's files 1-3, and another laptop's file.
HISTORY = [("a" * 64, DEVICE, 1, 0, 10), ("b" * 64, DEVICE, 2, 10, 20),
           ("c" * 64, DEVICE, 4, 30, 40), ("d" * 64, OTHER, 3, 0, 99)]


@pytest.fixture
def central(store_factory: StoreFactory, tmp_path: Path) -> Store:
    store = store_factory(tmp_path / "central", role="central")
    with store.uow.write() as tx:
        for sha, device, sequence, since, upto in HISTORY:
            manifest = {"device_id": device, "device_name": "Laptop", "sequence": sequence,
                        "full": since == 0, "since_local_seq": since,
                        "upto_local_seq": upto, "period": None}
            _remember(tx.connection, sha, manifest, f"{sequence}.forebygg", FileReport(Path()))
    return store


def clash_as_written(history: list[tuple[str, str, int, int, int]],
                     manifest: dict[str, Any], sha256: str) -> bool:
    """The rule of identity.py, file by file in Python (what the query must agree with)."""
    sequence, since = manifest["sequence"], manifest["since_local_seq"]
    upto, full = manifest["upto_local_seq"], manifest["full"]
    if since > upto:
        return True
    for sha, device, other_sequence, _since, other_upto in history:
        if device != manifest["device_id"] or sha == sha256:
            continue
        if other_sequence == sequence \
                or (other_sequence < sequence and other_upto > upto) \
                or (other_sequence > sequence and other_upto < upto) \
                or (other_sequence == sequence - 1 and not full and other_upto != since):
            return True
    return False


def test_the_clash_query_agrees_with_the_rule_for_every_kind_of_file(central: Store) -> None:
    cases = 0
    clashes = 0
    with central.uow.read() as session:
        for sequence, since, upto, full, sha, device in itertools.product(
                (0, 1, 2, 3, 4, 5), (0, 10, 20, 25, 30), (10, 20, 30, 35, 40, 50),
                (False, True), ("b" * 64, "e" * 64), (DEVICE, OTHER)):
            manifest = {"device_id": device, "sequence": sequence, "since_local_seq": since,
                        "upto_local_seq": upto, "full": full}
            expected = clash_as_written(HISTORY, manifest, sha)
            assert identity.clash(session, manifest, sha) == expected, manifest
            cases += 1
            clashes += expected
    # The grid has teeth: files that clash and files that follow on.
    assert cases == 1440 and 0 < clashes < cases
    with central.uow.read() as session:
        follows = {"device_id": DEVICE, "sequence": 5, "since_local_seq": 40,
                   "upto_local_seq": 50, "full": False}
        assert not identity.clash(session, follows, "e" * 64)
        assert identity.clash(session, follows | {"since_local_seq": 35}, "e" * 64)


def test_a_file_recorded_again_keeps_one_row_with_the_new_summary(central: Store) -> None:
    manifest = {"device_id": DEVICE, "device_name": "Renamed", "sequence": 2, "full": False,
                "since_local_seq": 10, "upto_local_seq": 20, "period": None}
    report = FileReport(Path("again.forebygg"))
    report.counts = {"advice_talk": TypeCounts(new=3)}
    with central.uow.read() as session:
        before = session.get(ImportedFile, "b" * 64)
        assert before is not None
    with central.uow.write() as tx:
        _remember(tx.connection, "b" * 64, manifest, "again.forebygg", report)
    with central.uow.read() as session:
        rows = session.scalars(select(ImportedFile).where(ImportedFile.device_id == DEVICE)).all()
        [row] = [r for r in rows if r.sha256 == "b" * 64]
        assert len(rows) == 3
        assert row.summary["counts"]["advice_talk"]["new"] == 3
        assert row.imported_at >= before.imported_at
        # What identifies the file is kept: its first name, device name and number.
        assert (row.file_name, row.device_name, row.sequence) == ("2.forebygg", "Laptop", 2)


def test_value_keys_tell_one_and_one_point_zero_and_true_apart() -> None:
    assert len(set(_keys([1, 1.0, True]))) == 3
    assert len(set(_keys(["1", 1]))) == 2
    texts = ["CAFE", None, "CAFE"]
    assert _keys(texts) is texts  # texts and NULLs are their own keys
