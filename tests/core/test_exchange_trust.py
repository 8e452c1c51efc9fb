"""Merge outcomes people rely on, identity clashes, and configuration packages' signatures."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.device_keys import device_key
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData, edited
from tests.core.conftest import plain_members, repack


@pytest.fixture(autouse=True)
def _english_messages() -> None:
    i18n.set_language("en")


def talk(**changes: object) -> TalkData:
    return edited(TalkData(first_talk_on=date(2026, 3, 2), who_came="mother",
                           language_code="sv"), **changes)


def test_a_central_correction_is_never_overwritten_without_a_conflict(
        laptop: Store, central: Store, tmp_path: Path) -> None:
    """The laptop edits its row three times after the centre corrected it: whichever wins,
    the two independent edits are listed for review (the old rule let edit counts win)."""
    row = laptop.talks.create(talk(talks=1)).id
    central.exchange.import_files([laptop.exchange.export(tmp_path / "1.forebygg").path])
    central.talks.update(row, talk(talks=2, theme_code=None, outcome="referred",
                                   referred_to="health_care"))  # the correction
    for count in (3, 4, 5):
        laptop.talks.update(row, talk(talks=count))
    [report] = central.exchange.import_files([laptop.exchange.export(tmp_path / "2.forebygg")
                                              .path])
    assert report.ok and report.conflicts == 1
    [conflict] = central.exchange.conflicts()
    values = {name: {kept, other} for name, kept, other in conflict.differences}
    assert values["talks"] == {2, 5} and "outcome" in values
    # The correction made after the laptop's edits wins (hybrid logical clock), listed too.
    central.talks.update(row, talk(talks=6))
    laptop.talks.update(row, talk(talks=7))
    [again] = central.exchange.import_files([laptop.exchange.export(tmp_path / "3.forebygg")
                                             .path])
    assert again.conflicts == 1


def test_edits_made_knowing_the_other_are_not_conflicts(
        laptop: Store, central: Store, tmp_path: Path) -> None:
    row = laptop.talks.create(talk(talks=1)).id
    for count in (2, 3, 4):
        laptop.talks.update(row, talk(talks=count))
        central.exchange.import_files([laptop.exchange.export(tmp_path / f"{count}.forebygg")
                                       .path])
    assert central.exchange.open_conflicts() == 0 and central.talks.get(row).talks == 4


def copy_laptop(laptop: Store, target: Path) -> Store:
    """A copied data folder: the same database, device id and key."""
    assert laptop.data_dir is not None
    target.mkdir()
    connection = sqlite3.connect(laptop.path)
    connection.execute("VACUUM INTO ?", (str(target / "forebygg.sqlite3"),))
    connection.close()
    for key in laptop.data_dir.glob("*.pem"):
        shutil.copy(key, target / key.name)
    return open_store(target / "forebygg.sqlite3")


def test_two_histories_under_one_identity_are_shown_not_interleaved(
        laptop: Store, central: Store, tmp_path: Path) -> None:
    laptop.talks.create(talk())
    central.exchange.import_files([laptop.exchange.export(tmp_path / "1.forebygg").path])
    copy = copy_laptop(laptop, tmp_path / "copy")
    try:
        assert copy.device_id == laptop.device_id
        laptop.talks.create(talk(talks=2))
        copy.talks.create(talk(talks=3))
        original = laptop.exchange.export(tmp_path / "2a.forebygg").path
        copied = copy.exchange.export(tmp_path / "2b.forebygg").path
        [first] = central.exchange.import_files([original])
        assert first.ok
        before = len(central.talks.list())
        [clash] = central.exchange.import_files([copied])
        assert isinstance(clash.error, errors.IdentityClashError)
        assert "new identity" in clash.error.message()
        assert len(central.talks.list()) == before
        [device] = central.exchange.devices()
        assert device.identity_clash
        # The copy takes a new identity: new id and key; its next export is full.
        old_fingerprint = copy.exchange.device_fingerprint()
        new_id = copy.exchange.new_identity()
    finally:
        copy.close()
    copy = open_store(tmp_path / "copy" / "forebygg.sqlite3")
    try:
        assert copy.device_id == new_id != laptop.device_id
        assert copy.exchange.device_fingerprint() != old_fingerprint
        full = copy.exchange.export(tmp_path / "new.forebygg")
        assert full.full and full.sequence == 1
        [report] = central.exchange.plan_import([full.path])
        assert isinstance(report.error, errors.UnknownDeviceError)
        assert report.signer is not None
        central.exchange.enrol(report.signer)
        [done] = central.exchange.import_files([full.path])
        assert done.ok and len(central.talks.list()) == before + 1
    finally:
        copy.close()


def test_a_restored_backup_that_exports_again_is_a_clash(
        laptop: Store, central: Store, tmp_path: Path) -> None:
    laptop.talks.create(talk())
    backup = copy_laptop(laptop, tmp_path / "backup")
    backup.close()
    for number in (1, 2):
        laptop.talks.create(talk(talks=number))
        central.exchange.import_files([laptop.exchange.export(tmp_path / f"{number}.forebygg")
                                       .path])
    restored = open_store(tmp_path / "backup" / "forebygg.sqlite3")
    try:
        restored.talks.create(talk(talks=4))
        [report] = central.exchange.import_files(
            [restored.exchange.export(tmp_path / "r.forebygg").path])
        assert isinstance(report.error, errors.IdentityClashError)
    finally:
        restored.close()


# --- configuration packages ----------------------------------------------------------------

@pytest.fixture
def fresh_laptop(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "fresh" / "forebygg.sqlite3")
    yield store
    store.close()


def test_the_first_configuration_package_pins_the_department(
        central: Store, fresh_laptop: Store, tmp_path: Path) -> None:
    path = central.exchange.make_config(tmp_path)
    plan = fresh_laptop.exchange.plan_config(path)
    assert plan.first_department_key
    assert plan.department_fingerprint == central.exchange.device_fingerprint()
    fresh_laptop.exchange.apply_config(path)
    assert fresh_laptop.exchange.department_fingerprint() == plan.department_fingerprint
    assert not fresh_laptop.exchange.plan_config(path).first_department_key
    # Now the laptop can export, sealed to the department.
    fresh_laptop.exchange.export(tmp_path / "out.forebygg")


def test_a_configuration_package_from_another_department_key_is_refused(
        central: Store, fresh_laptop: Store, tmp_path: Path) -> None:
    fresh_laptop.exchange.apply_config(central.exchange.make_config(tmp_path / "a.forebygg"))
    impostor = open_store(tmp_path / "impostor" / "forebygg.sqlite3")
    try:
        impostor.settings.set(settings.ROLE, "central")
        fake = impostor.exchange.make_config(tmp_path / "b.forebygg", version=50)
    finally:
        impostor.close()
    version = fresh_laptop.catalog.version()
    with pytest.raises(errors.DepartmentKeyMismatchError) as caught:
        fresh_laptop.exchange.plan_config(fake)
    assert "Nothing was changed" in caught.value.message()
    with pytest.raises(errors.DepartmentKeyMismatchError):
        fresh_laptop.exchange.apply_config(fake)
    assert fresh_laptop.catalog.version() == version


def test_a_forged_configuration_package_is_refused(
        central: Store, fresh_laptop: Store, tmp_path: Path) -> None:
    genuine = central.exchange.make_config(tmp_path / "a.forebygg")
    manifest, members = plain_members(genuine, tmp_path / "central")
    members["config.json"] = members["config.json"].replace(b'"RIMBO"', b'"R1MBO"')
    forged = tmp_path / "forged.forebygg"
    forged.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                              signer_dir=None))
    with pytest.raises(errors.BadSignatureError):
        fresh_laptop.exchange.plan_config(forged)
    assert fresh_laptop.exchange.department_fingerprint() is None


def test_one_configuration_version_never_stands_for_two_contents(
        central: Store, fresh_laptop: Store, tmp_path: Path) -> None:
    first = central.exchange.make_config(tmp_path / "v2.forebygg")
    with pytest.raises(errors.ConfigVersionUsedError):
        central.exchange.make_config(tmp_path / "again.forebygg", version=2)
    fresh_laptop.exchange.apply_config(first)
    # A package with a reused version but other content (signed by the department's key,
    # e.g. made from a restored backup of the central store) is refused by the laptop.
    manifest, members = plain_members(first, tmp_path / "central")
    members["config.json"] = members["config.json"].replace(b'"RIMBO"', b'"RIMBO2"', 1)
    reused = tmp_path / "reused.forebygg"
    reused.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                              signer_dir=tmp_path / "central"))
    with pytest.raises(errors.ConfigVersionReusedError):
        fresh_laptop.exchange.plan_config(reused)
    assert fresh_laptop.exchange.plan_config(first).up_to_date


def test_rotating_the_department_key_keeps_old_packages_readable(
        laptop: Store, central: Store, tmp_path: Path) -> None:
    laptop.talks.create(talk())
    old = laptop.exchange.export(tmp_path / "old.forebygg").path
    before = central.exchange.department_fingerprint()
    central.exchange.rotate_department_key()
    assert central.exchange.department_fingerprint() == before  # signing key unchanged
    laptop.exchange.apply_config(central.exchange.make_config(tmp_path / "cfg.forebygg"))
    laptop.talks.create(talk(talks=2))
    new = laptop.exchange.export(tmp_path / "new.forebygg").path
    assert plain_members(old, tmp_path / "central")[0]["encryption"]["recipient_key_id"] != \
        plain_members(new, tmp_path / "central")[0]["encryption"]["recipient_key_id"]
    reports = central.exchange.import_files([new, old])
    assert all(r.ok for r in reports) and len(central.talks.list()) == 2
    assert device_key(tmp_path / "central").fingerprint == before
