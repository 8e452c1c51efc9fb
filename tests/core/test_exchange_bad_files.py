"""Every kind of bad file: a clear message saying what to do, and the database untouched."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.format import DATA_MEMBER, MANIFEST
from forebygg_desktop.core.exchange.texts import report_lines
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import SeriesData, TalkData
from tests.core.conftest import connect, fingerprint, plain_members, repack
from tests.core.conftest import refused as refused_unchanged


@pytest.fixture(autouse=True)
def _english_messages() -> None:
    """The messages are asserted in their English source form."""
    i18n.set_language("en")

@pytest.fixture
def good(tmp_path: Path, central: Store) -> Path:
    """A valid package from an enrolled laptop (closed, so only the file remains)."""
    laptop = open_store(tmp_path / "laptop" / "forebygg.sqlite3")
    connect(laptop, central)
    for day in range(1, 6):
        laptop.talks.create(TalkData(first_talk_on=date(2026, 2, day), who_came="father",
                                     language_code="ar"))
    path = laptop.exchange.export(tmp_path / "good.forebygg").path
    laptop.close()
    return path


def refused(central: Store, path: Path, error: type[errors.PackageError]) -> str:
    """Import and dry run both refuse the file with `error`, naming it; nothing changes."""
    message = refused_unchanged(central, path, error)
    assert path.name in message
    return message


Change = Callable[[dict[str, object], dict[str, bytes]], None]


def rewrite(good: Path, target: Path, change: Change, signer: str = "laptop") -> Path:
    """A copy of a package with its manifest or decrypted members changed, sealed again and
    checksums recomputed; signed by the laptop's own key (a faulty but genuine laptop),
    with the original signature kept (`keep`: a forger without the key), or written as a
    plain deflated ZIP without sealing or signature (`none`: container-level faults)."""
    manifest, members = plain_members(good, good.parent / "central")
    change(manifest, members)
    if signer == "none":
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest))
            for name, content in members.items():
                archive.writestr(name, content)
        return target
    target.write_bytes(repack(manifest, members, central_dir=good.parent / "central",
                              signer_dir=good.parent / signer if signer != "keep" else None))
    return target


def test_truncated_file(central: Store, good: Path, tmp_path: Path) -> None:
    path = tmp_path / "truncated.forebygg"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "removed too early" in refused(central, path, errors.DamagedPackageError)


@pytest.mark.parametrize("where", [0.3, 0.5, 0.7, 0.9])
def test_bit_flipped_file(central: Store, good: Path, tmp_path: Path, where: float) -> None:
    data = bytearray(good.read_bytes())
    data[int(len(data) * where)] ^= 0x10
    path = tmp_path / "flipped.forebygg"
    path.write_bytes(bytes(data))
    before = fingerprint(central)
    [report] = central.exchange.import_files([path])
    assert isinstance(report.error, errors.PackageError)
    assert "Nothing was changed" in report.error.message()
    assert fingerprint(central) == before


def test_empty_file(central: Store, tmp_path: Path) -> None:
    path = tmp_path / "empty.forebygg"
    path.write_bytes(b"")
    assert "is empty" in refused(central, path, errors.EmptyFileError)


def test_not_a_package_at_all(central: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.forebygg"
    path.write_text("Möte i Rimbo 12 mars\n", encoding="utf-8")
    assert "not a Forebygg exchange file" in refused(central, path, errors.NotAPackageError)


def test_office_document_renamed_to_look_right(central: Store, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    path = tmp_path / "rapport-Q1.forebygg"
    path.write_bytes(buffer.getvalue())
    assert "Office document" in refused(central, path, errors.NotAPackageError)


@pytest.mark.sqlite_only
def test_database_renamed_to_look_right(central: Store, tmp_path: Path) -> None:
    path = tmp_path / "copy.forebygg"
    path.write_bytes(central.path.read_bytes())
    assert "SQLite database" in refused(central, path, errors.NotAPackageError)


def test_newer_format(central: Store, good: Path, tmp_path: Path) -> None:
    def newer(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        manifest["format_version"] = 3
        manifest["layout"] = "something new"

    path = rewrite(good, tmp_path / "newer.forebygg", newer)
    message = refused(central, path, errors.NewerFormatError)
    assert "newer version" in message and "Update the program" in message


def test_another_departments_file(central: Store, good: Path, tmp_path: Path) -> None:
    def elsewhere(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        manifest["department"] = "uppsala-socialforvaltningen"

    path = rewrite(good, tmp_path / "uppsala.forebygg", elsewhere)
    assert "uppsala-socialforvaltningen" in refused(central, path, errors.OtherDepartmentError)


def test_decompression_bomb_is_refused_before_unpacking(central: Store, good: Path,
                                                        tmp_path: Path) -> None:
    def bomb(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        members[DATA_MEMBER] = bytes(64 << 20)  # 64 MiB of zeros → about 64 KiB packed

    path = rewrite(good, tmp_path / "bomb.forebygg", bomb, signer="none")
    assert path.stat().st_size < 1 << 20
    assert "far more data" in refused(central, path, errors.SuspiciousPackageError)


def test_member_whose_size_lies_is_refused(central: Store, good: Path, tmp_path: Path) -> None:
    data = bytearray(good.read_bytes())
    # Shrink the declared size of data.sqlite in the central directory: reading stops there.
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo(DATA_MEMBER)
    marker = data.rfind(b"PK\x01\x02" , 0, data.rfind(DATA_MEMBER.encode()))
    offset = marker + 24  # uncompressed size field of the central directory entry
    assert int.from_bytes(data[offset:offset + 4], "little") == info.file_size
    data[offset:offset + 4] = (info.file_size // 2).to_bytes(4, "little")
    path = tmp_path / "liar.forebygg"
    path.write_bytes(bytes(data))
    refused(central, path, errors.PackageError)


def test_member_changed_after_packing(central: Store, good: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(good) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    data = bytearray(members[DATA_MEMBER])
    data[-100] ^= 0x01
    members[DATA_MEMBER] = bytes(data)
    path = tmp_path / "tampered.forebygg"
    with zipfile.ZipFile(path, "w") as archive:  # valid ZIP CRCs, stale manifest checksum
        for name, content in members.items():
            archive.writestr(name, content)
    assert "checksum" in refused(central, path, errors.DamagedPackageError)


def test_configuration_package_given_to_import(central: Store, tmp_path: Path) -> None:
    path = central.exchange.make_config(tmp_path)
    assert "configuration package" in refused(central, path, errors.WrongKindError)


def test_counts_that_differ_from_the_manifest(central: Store, good: Path,
                                             tmp_path: Path) -> None:
    def wrong(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        counts = manifest["counts"]
        assert isinstance(counts, dict)
        counts["advice_talk"] = 4

    path = rewrite(good, tmp_path / "counts.forebygg", wrong)
    refused(central, path, errors.DamagedPackageError)


def test_bad_rows_are_rejected_with_a_reason_and_the_rest_imported(
        central: Store, good: Path, tmp_path: Path) -> None:
    def spoil(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        connection = sqlite3.connect(":memory:")
        connection.deserialize(members[DATA_MEMBER])
        ids = [r[0] for r in connection.execute("SELECT id FROM advice_talk ORDER BY id")]
        connection.execute("UPDATE advice_talk SET talks = 'many' WHERE id = ?", (ids[0],))
        connection.execute("UPDATE advice_talk SET first_talk_on = '2026-02-30' WHERE id = ?",
                           (ids[1],))
        connection.execute("UPDATE advice_talk SET language_code = 'xx' WHERE id = ?",
                           (ids[2],))
        connection.commit()
        members[DATA_MEMBER] = connection.serialize()

    path = rewrite(good, tmp_path / "spoiled.forebygg", spoil)
    [report] = central.exchange.import_files([path])
    assert report.ok and report.committed
    assert report.counts["advice_talk"].rejected == 3 and report.counts["advice_talk"].new == 2
    messages = sorted(r.message() for r in report.rejected)
    assert any("“talks”" in m for m in messages)
    assert any("“first_talk_on”" in m for m in messages)
    assert any("xx" in m and "catalogue" in m for m in messages)


@pytest.mark.parametrize(("stamp", "accepted"), [
    ("2026-03-04 10:11:59.999712", True),   # SQLite's datetime() rounds this up a second
    ("2026-03-04 23:59:59.999999", True),
    ("2026-03-04 10:11:12.000000", True),
    ("2026-03-04T10:11:12.000000", False),
    ("2026-03-04 10:11:60.000000", False),
    ("2026-03-04 10:11:12.00000x", False),
    ("2026-03-04 10:11:12", False),
])
def test_time_stamps_are_checked_exactly(central: Store, good: Path, tmp_path: Path,
                                         stamp: str, accepted: bool) -> None:
    """A valid stamp with a fraction near the next second was once refused (seen in CI)."""
    def restamp(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        connection = sqlite3.connect(":memory:")
        connection.deserialize(members[DATA_MEMBER])
        first = connection.execute("SELECT id FROM advice_talk ORDER BY id").fetchone()[0]
        connection.execute("UPDATE advice_talk SET updated_at = ? WHERE id = ?", (stamp, first))
        connection.commit()
        members[DATA_MEMBER] = connection.serialize()

    [report] = central.exchange.import_files([rewrite(good, tmp_path / "s.forebygg", restamp)])
    assert report.ok and report.committed
    assert (report.counts["advice_talk"].rejected == 0) == accepted


def test_a_text_that_is_not_utf8_rejects_its_row_and_the_rest_is_imported(
        central: Store, good: Path, tmp_path: Path) -> None:
    """A faulty or forging laptop can store any bytes as text: such a row is rejected
    naming its column; it does not stop the import of the file or of the files after it."""
    def spoil(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        connection = sqlite3.connect(":memory:")
        connection.deserialize(members[DATA_MEMBER])
        ids = [r[0] for r in connection.execute("SELECT id FROM advice_talk ORDER BY id")]
        connection.execute("UPDATE advice_talk SET who_came = CAST(X'C328' AS TEXT)"
                           " WHERE id = ?", (ids[0],))
        connection.execute("UPDATE advice_talk SET id = CAST(X'FF' AS TEXT) || substr(id, 2)"
                           " WHERE id = ?", (ids[1],))
        connection.execute("UPDATE advice_talk SET talks = 'many' WHERE id = ?", (ids[2],))
        connection.commit()
        members[DATA_MEMBER] = connection.serialize()

    spoiled = rewrite(good, tmp_path / "a-not-utf8.forebygg", spoil)
    other = open_store(tmp_path / "other" / "forebygg.sqlite3")  # a second laptop's file
    connect(other, central)
    other.talks.create(TalkData(first_talk_on=date(2026, 2, 9), who_came="mother",
                                language_code="so"))
    after = other.exchange.export(tmp_path / "b-after.forebygg").path
    other.close()
    first, second = central.exchange.import_files([spoiled, after])
    assert first.ok and first.committed, first.error
    assert first.counts["advice_talk"].rejected == 3 and first.counts["advice_talk"].new == 2
    fields = sorted(r.params["field"] for r in first.rejected)
    assert fields == ["id", "talks", "who_came"]
    assert all("does not follow the exchange format" in r.message() for r in first.rejected)
    assert second.ok and second.committed and second.counts["advice_talk"].new == 1


@pytest.mark.parametrize("where", ["table", "column"])
def test_a_name_that_is_not_utf8_is_a_damaged_file(central: Store, good: Path,
                                                   tmp_path: Path, where: str) -> None:
    def spoil(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        connection = sqlite3.connect(":memory:")
        connection.deserialize(members[DATA_MEMBER])
        if where == "table":
            connection.execute("CREATE TABLE zzzzzzzz (a)")
        else:
            connection.execute("ALTER TABLE advice_talk ADD COLUMN zzzzzzzz TEXT")
        connection.commit()
        image = connection.serialize()
        # The same length in bytes everywhere the name is written: a consistent file.
        members[DATA_MEMBER] = image.replace(b"zzzzzzzz", b"\xff\xfezzzzzz")

    path = rewrite(good, tmp_path / "names.forebygg", spoil)
    message = refused(central, path, errors.DamagedPackageError)
    assert "names not readable" in message


def test_a_nul_inside_a_text_rejects_the_row_and_the_store_takes_the_next_file(
        central: Store, good: Path, tmp_path: Path) -> None:
    """A server's text cannot hold a NUL: once such a code reached the record of an
    imported file there, every later import from the laptop failed."""
    def spoil(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        connection = sqlite3.connect(":memory:")
        connection.deserialize(members[DATA_MEMBER])
        connection.execute("UPDATE advice_talk SET language_code = 's' || char(0) || 'v'"
                           " WHERE id = (SELECT min(id) FROM advice_talk)")
        connection.commit()
        members[DATA_MEMBER] = connection.serialize()

    [first] = central.exchange.import_files([rewrite(good, tmp_path / "nul.forebygg", spoil)])
    assert first.committed and [r.params for r in first.rejected] == \
        [{"field": "language_code"}]
    other = open_store(tmp_path / "other" / "forebygg.sqlite3")
    connect(other, central)
    other.talks.create(TalkData(first_talk_on=date(2026, 2, 9), who_came="mother",
                                language_code="so"))
    after = other.exchange.export(tmp_path / "after.forebygg").path
    other.close()
    [second] = central.exchange.import_files([after])
    assert second.committed and second.counts["advice_talk"].new == 1
    assert len(central.exchange.devices()) == 2  # both files' records read back


def test_a_file_whose_name_is_not_utf8_is_imported_and_named_readably(
        central: Store, good: Path, tmp_path: Path) -> None:
    """A stick written by another system can hold a name Linux cannot decode."""
    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/m\xf6te.forebygg"))
    odd.write_bytes(good.read_bytes())
    [report] = central.exchange.import_files([odd])
    assert report.committed, report.error
    assert {d.last_file for d in central.exchange.devices()} == {"m\ufffdte.forebygg"}
    assert report_lines(report)[0].startswith("m\ufffdte.forebygg: ")


@pytest.mark.parametrize(("answers", "taken"), [
    ('{"overall": 4, "comment": "bra \\ud83d\\ude00"}', True),  # a pair: an emoji
    ('{"overall": 4, "comment": "\\ud800"}', False),  # a lone surrogate
    ('{"overall": 4, "comment": "a\\u0000b"}', False),  # a NUL
    ('{"overall": 4, "\\u0000": 1}', False),
])
def test_a_json_escape_no_store_can_hold_rejects_the_row(
        central: Store, tmp_path: Path, answers: str, taken: bool) -> None:
    laptop = open_store(tmp_path / "laptop" / "forebygg.sqlite3")
    connect(laptop, central)
    series = laptop.groups.create_series(SeriesData("ABC-3-12", "RIMBO", "sv"))
    token = laptop.evaluations.start_round("series", series.id, "group")
    laptop.evaluations.submit_answer(token, "sv", {"overall": 4, "comment": "bra"})
    good = laptop.exchange.export(tmp_path / "good.forebygg").path
    laptop.close()

    def spoil(manifest: dict[str, object], members: dict[str, bytes]) -> None:
        connection = sqlite3.connect(":memory:")
        connection.deserialize(members[DATA_MEMBER])
        connection.execute("UPDATE evaluation_response SET answers = ?", (answers,))
        connection.commit()
        members[DATA_MEMBER] = connection.serialize()

    [report] = central.exchange.import_files([rewrite(good, tmp_path / "j.forebygg", spoil)])
    assert report.committed, report.error
    assert report.counts["evaluation_response"].new == int(taken)
    assert [r.params.get("field") for r in report.rejected] == ([] if taken else ["answers"])
