"""Attacks on exchange packages: forging, another key, reading a lost USB stick, tampering.

Each refusal leaves the central database byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import stat
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.device_keys import DEPARTMENT_KEY_FILE, device_key
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.format import DATA_MEMBER, MANIFEST
from forebygg_desktop.core.paths import DEVICE_KEY_FILE
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData, TalkData
from tests.core.conftest import connect, enrol, fingerprint, plain_members, refused, repack

SECRET_VENUE = "Familjecentralen Tallbacken"


@pytest.fixture(autouse=True)
def _english_messages() -> None:
    i18n.set_language("en")




@pytest.fixture
def package(laptop: Store, tmp_path: Path) -> Path:
    series = laptop.groups.create_series(SeriesData("ABC-3-12", "RIMBO", "sv",
                                                    venue=SECRET_VENUE)).id
    for number in (1, 2, 3):
        laptop.groups.register_meeting(series, MeetingData(
            number=number, held_on=date(2026, 3, number), women=7, men=3))
    laptop.talks.create(TalkData(first_talk_on=date(2026, 3, 4), who_came="mother",
                                 language_code="sv"))
    return laptop.exchange.export(tmp_path / "usb.forebygg").path


def test_forged_count_with_recomputed_checksums_is_refused(
        central: Store, package: Path, tmp_path: Path) -> None:
    """The outside auditor's attack: change a count, recompute every checksum, zip again."""
    manifest, members = plain_members(package, tmp_path / "central")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(members[DATA_MEMBER])
    connection.execute("UPDATE meeting SET women = 70")
    connection.execute("UPDATE meeting SET deleted = 1")  # and mark every meeting deleted
    connection.commit()
    members[DATA_MEMBER] = connection.serialize()
    forged = tmp_path / "forged.forebygg"
    forged.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                              signer_dir=None))
    assert "not signed correctly" in refused(central, forged, errors.BadSignatureError)
    [genuine] = central.exchange.import_files([package])
    assert genuine.ok and genuine.total("new") > 0
    [series] = central.groups.list_series()
    assert {m.women for m in central.groups.meetings(series.id)} == {7}


def test_a_package_signed_by_another_key_for_a_known_laptop_is_refused(
        central: Store, package: Path, tmp_path: Path) -> None:
    thief = tmp_path / "thief"
    thief.mkdir()
    device_key(thief)  # a key of one's own, used to sign as the enrolled laptop
    manifest, members = plain_members(package, tmp_path / "central")
    forged = tmp_path / "other-key.forebygg"
    forged.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                              signer_dir=thief))
    message = refused(central, forged, errors.DeviceKeyMismatchError)
    assert device_key(thief).fingerprint in message


def test_the_package_on_a_lost_usb_stick_reveals_no_registration(
        laptop: Store, package: Path, tmp_path: Path) -> None:
    content = package.read_bytes()
    with laptop.uow.read() as session:
        ids = [r[0] for r in session.connection().exec_driver_sql(
            "SELECT id FROM group_series UNION ALL SELECT id FROM meeting")]
    known = [SECRET_VENUE, "Tallbacken", "ABC-3-12", "RIMBO", *ids]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    assert set(members) == {MANIFEST, DATA_MEMBER}
    for text in known:
        for encoded in (text.encode("utf-8"), text.encode("utf-16-le")):
            assert encoded not in content, text
            assert all(encoded not in m for m in members.values()), text
    # The data member is neither a database nor anything compressed one could unpack.
    assert not members[DATA_MEMBER].startswith(b"SQLite format 3")
    connection = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.DatabaseError):
        connection.deserialize(members[DATA_MEMBER])
        connection.execute("SELECT * FROM sqlite_master").fetchall()


def test_only_the_departments_key_opens_a_package(
        laptop: Store, package: Path, tmp_path: Path) -> None:
    """Another central store, even one that enrolled the laptop, cannot decrypt it."""
    other = open_store(tmp_path / "elsewhere" / "forebygg.sqlite3")
    try:
        other.settings.set(settings.ROLE, "central")
        enrol(other, laptop)
        assert "another department key" in refused(other, package, errors.OtherRecipientError)
    finally:
        other.close()


def test_every_flipped_byte_of_a_sealed_package_is_refused(
        central: Store, package: Path, tmp_path: Path) -> None:
    data = package.read_bytes()
    central.exchange.check_file(package)  # the genuine file passes every check
    target = tmp_path / "flipped.forebygg"
    accepted = []
    for index in range(len(data)):
        changed = bytearray(data)
        changed[index] ^= 0x01
        target.write_bytes(bytes(changed))
        try:
            central.exchange.check_file(target)
        except errors.PackageError:
            continue
        accepted.append(index)
    assert accepted == []
    before = fingerprint(central)
    for index in (0, len(data) // 3, len(data) // 2, len(data) - 30, len(data) - 1):
        changed = bytearray(data)
        changed[index] ^= 0x80
        target.write_bytes(bytes(changed))
        [report] = central.exchange.import_files([target])
        assert report.error is not None and not report.committed
    assert fingerprint(central) == before


def test_an_unknown_laptop_is_enrolled_once_with_its_fingerprint(
        central: Store, tmp_path: Path) -> None:
    newcomer = open_store(tmp_path / "new-laptop" / "forebygg.sqlite3")
    try:
        connect(newcomer, central)
        central.exchange.forget_device(newcomer.device_id)  # as if never accepted
        newcomer.talks.create(TalkData(first_talk_on=date(2026, 3, 4), who_came="father",
                                       language_code="ar"))
        path = newcomer.exchange.export(tmp_path / "first.forebygg").path
        shown = newcomer.exchange.device_fingerprint()
        message = refused(central, path, errors.UnknownDeviceError)
        assert shown in message
        [report] = central.exchange.plan_import([path])
        assert report.signer is not None and report.signer.fingerprint == shown
        central.exchange.enrol(report.signer)
        [imported] = central.exchange.import_files([path])
        assert imported.ok and imported.committed
        assert shown in {e.fingerprint for e in central.exchange.enrolled()}
        # Enrolling a different key for the same laptop is refused: forget it first.
        other = tmp_path / "other-key"
        other.mkdir()
        from forebygg_desktop.core.exchange.seal import Signer

        with pytest.raises(errors.DeviceKeyMismatchError):
            central.exchange.enrol(Signer(newcomer.device_id, "x", device_key(other).public_raw))
    finally:
        newcomer.close()


def test_keys_are_made_at_first_start_readable_by_the_owner_only(
        laptop: Store, central: Store) -> None:
    assert laptop.data_dir is not None and central.data_dir is not None
    for path in (laptop.data_dir / DEVICE_KEY_FILE, central.data_dir / DEVICE_KEY_FILE,
                 central.data_dir / DEPARTMENT_KEY_FILE):
        assert path.exists()
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert laptop.exchange.device_fingerprint() != central.exchange.device_fingerprint()
    assert len(laptop.exchange.device_fingerprint().split()) == 8
    assert laptop.exchange.department_fingerprint() == central.exchange.device_fingerprint()


def test_a_laptop_without_the_department_key_refuses_to_export(tmp_path: Path) -> None:
    lone = open_store(tmp_path / "lone" / "forebygg.sqlite3")
    try:
        with pytest.raises(errors.NoDepartmentKeyError):
            lone.exchange.export(tmp_path)
        assert not list(tmp_path.glob("*.forebygg"))
    finally:
        lone.close()


def test_a_member_the_spec_does_not_allow_is_refused_even_when_listed(
        central: Store, package: Path, tmp_path: Path) -> None:
    manifest, members = plain_members(package, tmp_path / "central")
    members["notes.txt"] = b"hello"
    path = tmp_path / "extra.forebygg"
    path.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                            signer_dir=tmp_path / "laptop"))
    assert "not allowed" in refused(central, path, errors.DamagedPackageError)


# --- version 1 during the transition ----------------------------------------------------

def version_1(package: Path, tmp_path: Path, device_id: str | None = None) -> Path:
    """The same rows as an old, unsigned version-1 file (as 0.1 wrote them)."""
    manifest, members = plain_members(package, tmp_path / "central")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(members[DATA_MEMBER])
    for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        connection.execute(f'ALTER TABLE "{table}" DROP COLUMN clock')
    if device_id:
        connection.execute("UPDATE advice_talk SET device_id = ?", (device_id,))
    connection.commit()
    members[DATA_MEMBER] = connection.serialize()
    manifest |= {"format_version": 1, "signature": None, "encryption": None}
    if device_id:
        manifest["device_id"] = device_id
    manifest["members"] = {n: {"sha256": hashlib.sha256(c).hexdigest(), "size": len(c)}
                           for n, c in members.items()}
    path = tmp_path / "old.forebygg"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def test_version_1_files_are_read_with_an_unsigned_warning(
        central: Store, package: Path, tmp_path: Path) -> None:
    from forebygg_desktop.core.exchange.texts import report_lines

    path = version_1(package, tmp_path, device_id="0b0b0b0b-0000-4000-8000-000000000001")
    [dry] = central.exchange.plan_import([path])
    assert dry.ok and dry.unsigned
    assert any("not signed" in line for line in report_lines(dry))
    [done] = central.exchange.import_files([path])
    assert done.ok and done.committed and done.counts["advice_talk"].new == 1
    [talk] = central.talks.list()
    assert talk.version == 1


def test_an_unsigned_file_claiming_an_enrolled_laptop_is_refused(
        central: Store, package: Path, tmp_path: Path) -> None:
    path = version_1(package, tmp_path)  # the enrolled laptop's device id, no signature
    refused(central, path, errors.UnsignedRefusedError)


# --- a data file altered by an enrolled laptop's own key (an insider, or a stolen laptop) --

def _rebuilt(table: str, drop: str | None = None) -> Callable[[sqlite3.Connection], None]:
    """The table made again without its declared keys (and without column `drop`)."""
    def change(connection: sqlite3.Connection) -> None:
        columns = [r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')
                   if r[1] != drop]
        listed = ", ".join(f'"{c}"' for c in columns)
        connection.execute(f'CREATE TABLE "rebuilt" AS SELECT {listed} FROM "{table}"')
        connection.execute(f'DROP TABLE "{table}"')
        connection.execute(f'ALTER TABLE "rebuilt" RENAME TO "{table}"')
    return change


def _repeated_row(connection: sqlite3.Connection) -> None:
    _rebuilt("meeting")(connection)
    connection.execute('INSERT INTO "meeting" SELECT * FROM "meeting" LIMIT 1')


ALTERED_TABLES: dict[str, tuple[Callable[[sqlite3.Connection], None], int]] = {
    # what is done to the data file, and how much the manifest's meeting count changes
    "ids dropped from a table with rows": (_rebuilt("meeting", drop="id"), 0),
    "ids dropped from an empty table": (_rebuilt("open_meeting", drop="id"), 0),
    "a column added": (lambda c: c.execute('ALTER TABLE "meeting" ADD COLUMN "name" TEXT'), 0),
    "a row removed, count left": (
        lambda c: c.execute('DELETE FROM "meeting" WHERE rowid = (SELECT min(rowid) FROM '
                            '"meeting")'), 0),
    "a row repeated, count raised to match": (_repeated_row, 1),
}


@pytest.mark.parametrize("alteration", sorted(ALTERED_TABLES))
def test_a_signed_data_file_with_altered_tables_is_refused_as_damaged(
        central: Store, package: Path, tmp_path: Path, alteration: str) -> None:
    change, more_meetings = ALTERED_TABLES[alteration]
    manifest, members = plain_members(package, tmp_path / "central")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(members[DATA_MEMBER])
    change(connection)
    connection.commit()
    members[DATA_MEMBER] = connection.serialize()
    manifest["counts"] = manifest["counts"] | {
        "meeting": manifest["counts"]["meeting"] + more_meetings}
    altered = tmp_path / "altered.forebygg"
    altered.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                               signer_dir=tmp_path / "laptop"))
    assert "damaged" in refused(central, altered, errors.DamagedPackageError)
    [genuine] = central.exchange.import_files([package])
    assert genuine.ok and genuine.counts["meeting"].new == 3
