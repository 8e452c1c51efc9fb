"""An enrolled laptop that signs anything (faulty, or in a forger's hands): whatever values
its data file holds, the import ends in a report — the file refused with a message, or
taken with each bad row rejected and its reason — never in an exception, and every row it
takes is stored exactly as it was sent. The figures of the store can still be computed.

Each example puts random values of every SQLite kind (NULL, integers to 64 bits, reals,
texts with control characters, texts that are not UTF-8, blobs, near-valid dates and
codes) into random cells of a genuine file, gives its rows new ids (so each is new at the
central store and must arrive exactly), signs it with the laptop's key and imports it.
"""

from __future__ import annotations

import io
import itertools
import json
import sqlite3
import uuid
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from forebygg_desktop.core import i18n
from forebygg_desktop.core.exchange import trust
from forebygg_desktop.core.exchange.container import canonical_zip, read_package
from forebygg_desktop.core.exchange.errors import PackageError
from forebygg_desktop.core.exchange.format import DATA_MEMBER, MANIFEST, record_types
from forebygg_desktop.core.exchange.merge import _stored_rows, normalised
from forebygg_desktop.core.exchange.reader import open_data_package
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import (
    DigitalUseData,
    OpenMeetingData,
)
from tests.core.conftest import plain_members, register_some, repack


class Bytes(bytes):
    """Bytes stored as a text (SQLite keeps them as they are: not always UTF-8)."""


NEAR_VALID = ["", "0", "1", "-1", "2026-02-30", "2026-03-04", "2999-01-01",
              "2026-03-04 10:11:12.000000", "2026-03-04 24:00:00.000000", "{}", "[]",
              '{"x": 1}', '{"overall": 9}', "x" * 300, "RIMBO", "XX", "sv", "so", "mother",
              "ABC", "CAFE", "closed", "\u202eevil\u202c", "عربي", "a\x00b",
              '["\\u0000"]', '["\\ud800"]', '{"overall": "\\u0000"}', '["sv", "\\u0000"]']
VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-2**63, max_value=2**63 - 1),
    st.integers(min_value=-3, max_value=600),
    st.sampled_from([2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**53 + 1, 2**63 - 1, -2**63]),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.binary(max_size=24),
    st.binary(min_size=1, max_size=24).map(Bytes),
    st.sampled_from(NEAR_VALID),
)
EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6),
                           st.integers(0, 10**6), VALUES), min_size=1, max_size=6)
ODD_TEXTS = ["", "a\x00b", "\ud800", "x" * 200, "\u202eevil", "tab\there", "عربي", "\x7f"]
JSON_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        st.text(max_size=40), st.sampled_from(ODD_TEXTS),
                        st.dictionaries(st.sampled_from(["first", "last", "x"]),
                                        st.one_of(st.text(max_size=12), st.sampled_from(
                                            ["2026-01-01", "2026-02-30", "2026-1-1"]))))
# A manifest field the forger may set to anything (sequence numbers only to what no
# history can hold: one that can would legitimately refuse the files after it).
MANIFEST_EDITS = st.one_of(
    st.none(),
    st.tuples(st.sampled_from(["device_name", "period", "created_at", "program_version",
                               "department"]), JSON_VALUES),
    st.tuples(st.sampled_from(["sequence", "since_local_seq", "upto_local_seq"]),
              st.one_of(st.integers(max_value=-1), st.integers(min_value=2**31),
                        st.floats(), st.text(max_size=5), st.booleans(), st.none())))


SEQUENCES = itertools.count(100)  # each example is the laptop's next file


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


class Genuine(tuple[dict[str, Any], dict[str, bytes]]):
    """A decrypted file's manifest and members (shown short in a failure report)."""

    def __repr__(self) -> str:
        return "Genuine(...)"


@pytest.fixture
def genuine(laptop: Store, tmp_path: Path) -> Genuine:
    """One file holding a row of every kind the laptop registers, decrypted."""
    register_some(laptop)
    laptop.open_meetings.create(OpenMeetingData(
        program_code="CAFE", held_on=date(2026, 3, 5), locality_code="RIMBO",
        language_code="so", women=4, men=1))
    laptop.digital.create(DigitalUseData(program_code="IKOMET", year=2026, quarter=1,
                                         logins_handed_out=14, started=9, completed=4))
    path = laptop.exchange.export(tmp_path / "genuine.forebygg").path
    return Genuine(plain_members(path, tmp_path / "central"))


def forged(manifest: dict[str, Any], members: dict[str, bytes], edits: list[Any],
           sequence: int) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The file with new ids throughout and the edits made (table, row, column, value
    chosen by index among those present)."""
    connection = sqlite3.connect(":memory:")
    connection.deserialize(members[DATA_MEMBER])
    types = record_types()
    for name, record_type in types.items():  # declared without types or constraints
        listed = ", ".join(f'"{n}"' for n in record_type.names)
        connection.execute(f'CREATE TABLE "loose" ({listed})')
        connection.execute(f'INSERT INTO "loose" SELECT {listed} FROM "{name}"')
        connection.execute(f'DROP TABLE "{name}"')
        connection.execute(f'ALTER TABLE "loose" RENAME TO "{name}"')
    new_ids = {old: str(uuid.uuid4()) for name in types
               for (old,) in connection.execute(f'SELECT id FROM "{name}"')}
    for name, record_type in types.items():
        for column in record_type.columns:
            if column.name == "id" or (column.references or "").endswith(".id"):
                for old, new in new_ids.items():
                    connection.execute(f'UPDATE "{name}" SET "{column.name}" = ? '
                                       f'WHERE "{column.name}" = ?', (new, old))
    filled = [n for n in types if connection.execute(f'SELECT 1 FROM "{n}"').fetchone()]
    for table_pick, row_pick, column_pick, value in edits:
        name = filled[table_pick % len(filled)]
        rowids = [r for (r,) in connection.execute(f'SELECT rowid FROM "{name}"')]
        column = types[name].names[column_pick % len(types[name].names)]
        sql = "CAST(? AS TEXT)" if isinstance(value, Bytes) else "?"
        connection.execute(f'UPDATE "{name}" SET "{column}" = {sql} WHERE rowid = ?',
                           (bytes(value) if isinstance(value, Bytes) else value,
                            rowids[row_pick % len(rowids)]))
    connection.commit()
    return ({**manifest, "sequence": sequence, "since_local_seq": 0},
            {**members, DATA_MEMBER: connection.serialize()})


def signed(manifest: dict[str, Any], members: dict[str, bytes], tmp_path: Path) -> bytes:
    """The file sealed and signed with the laptop's key; a manifest no UTF-8 can hold (a
    lone surrogate) written as a forger would, escaped, over a signature of the rest."""
    try:
        json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        odd = {k: v for k, v in manifest.items() if not _encodes(v)}
        content = repack({k: v for k, v in manifest.items() if k not in odd}, members,
                         central_dir=tmp_path / "central", signer_dir=tmp_path / "laptop")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            written = json.loads(archive.read(MANIFEST)) | odd
            others = {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}
        return canonical_zip(json.dumps(written, indent=2, sort_keys=True).encode(), others)
    return repack(manifest, members, central_dir=tmp_path / "central",
                  signer_dir=tmp_path / "laptop")


def _encodes(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(edits=EDITS, manifest_edit=MANIFEST_EDITS)
def test_whatever_a_signed_file_holds_the_import_ends_in_a_report(
        central: Store, genuine: Genuine, tmp_path: Path, edits: list[Any],
        manifest_edit: tuple[str, Any] | None) -> None:
    manifest, members = genuine
    sequence = next(SEQUENCES)
    manifest, members = forged(manifest, members, edits, sequence)
    if manifest_edit is not None:
        manifest[manifest_edit[0]] = manifest_edit[1]
    path = tmp_path / f"forged-{sequence}.forebygg"
    path.write_bytes(signed(manifest, members, tmp_path))

    [report] = central.exchange.import_files([path])  # raises nothing
    assert isinstance(central.exchange.devices(), list)  # what was recorded can be read

    event(f"refused: {type(report.error).__name__}" if report.error else
          f"taken, {len(report.rejected)} rows rejected")
    if manifest_edit is not None and manifest_edit[0] in (
            "sequence", "since_local_seq", "upto_local_seq"):
        assert report.error is not None
    if report.error is not None:
        assert isinstance(report.error, PackageError) and not report.committed
        assert "Nothing was changed" in report.error.message()
        return
    assert report.committed
    assert all(r.message() for r in report.rejected)  # each reason can be said
    package = open_data_package(trust.unsealed(read_package(path), tmp_path / "central"))
    rejected = {(r.record_type, r.record_id) for r in report.rejected}
    with central.uow.read() as session:
        connection = session.connection()
        for name, record_type in record_types().items():
            sent = {row[0]: row for row in package.rows[name]
                    if (name, row[0]) not in rejected}
            stored = _stored_rows(connection, record_type, list(sent))
            assert set(stored) == set(sent), name
            for row_id, row in sent.items():
                assert normalised(record_type, stored[row_id]) == \
                    normalised(record_type, row), (name, row_id)
    assert central.stats.report(Period.quarter(2026, 1)) is not None
