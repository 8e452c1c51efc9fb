"""Fixtures for exchange tests: a central department store and a field laptop."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from forebygg_desktop.core.device_keys import (
    DEPARTMENT_KEY_FILE,
    b64,
    department_key,
    device_key,
    raw_public,
)
from forebygg_desktop.core.exchange import trust
from forebygg_desktop.core.exchange.container import build_zip, canonical_zip, read_package
from forebygg_desktop.core.exchange.errors import PackageError
from forebygg_desktop.core.exchange.format import DATA_MEMBER, MANIFEST
from forebygg_desktop.core.exchange.seal import Signer, seal
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData, TalkData
from tests.pg_backend import StoreFactory
from tests.pg_backend import fingerprint as pg_fingerprint


def connect(laptop: Store, central: Store, name: str = "laptop") -> None:
    """What a first configuration package and an accepted enrolment do: the laptop knows
    the department's keys, the department knows the laptop's signing key."""
    assert laptop.data_dir is not None and central.data_dir is not None
    with laptop.uow.write() as tx:
        trust.pin_department(
            tx.session, b64(device_key(central.data_dir).public_raw),
            b64(raw_public(department_key(central.data_dir).public_key())))
    enrol(central, laptop, name)


def enrol(central: Store, laptop: Store, name: str = "laptop") -> None:
    """The department accepts the laptop's key (as after comparing the fingerprint)."""
    assert laptop.data_dir is not None
    central.exchange.enrol(Signer(laptop.device_id, name,
                                  device_key(laptop.data_dir).public_raw))


def share_department_key(central: Store, other: Store) -> None:
    """A second central store holding the same department key (a restored centre)."""
    assert central.data_dir is not None and other.data_dir is not None
    department_key(central.data_dir)
    shutil.copy(central.data_dir / DEPARTMENT_KEY_FILE, other.data_dir / DEPARTMENT_KEY_FILE)


@pytest.fixture
def central(store_factory: StoreFactory, tmp_path: Path) -> Store:
    """A store in the central role (it imports the laptops' files): SQLite, and PostgreSQL
    when a server is given (tests/pg_backend.py)."""
    return store_factory(tmp_path / "central", role="central")


@pytest.fixture
def laptop(tmp_path: Path, central: Store) -> Iterator[Store]:
    """A field laptop's store, enrolled at `central` and knowing its keys."""
    store = open_store(tmp_path / "laptop" / "forebygg.sqlite3")
    connect(store, central)
    yield store
    store.close()


def register_some(laptop: Store) -> None:
    """A group series with a meeting, an advice talk and one evaluation answer."""
    series = laptop.groups.create_series(SeriesData(
        "ABC-3-12", "RIMBO", "sv", registered_women=6, registered_men=4))
    laptop.groups.register_meeting(series.id, MeetingData(number=1, held_on=date(2026, 3, 2),
                                                          women=5, men=3))
    laptop.talks.create(TalkData(first_talk_on=date(2026, 3, 4), who_came="mother",
                                 language_code="sv"))
    token = laptop.evaluations.start_round("series", series.id, "group")
    laptop.evaluations.submit_answer(token, "sv", {"overall": 4})


def plain_members(path: Path, central_dir: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """A package's manifest and members, decrypted with the department's key."""
    raw = trust.unsealed(read_package(path), central_dir)
    return dict(raw.manifest), dict(raw.members)


def repack(manifest: dict[str, Any], members: dict[str, bytes], *, central_dir: Path,
           signer_dir: Path | None) -> bytes:
    """Seal `members` to the department again and sign with the key in `signer_dir`
    (None: keep whatever signature block the manifest has, as a forger must)."""
    manifest = dict(manifest)
    members = dict(members)
    if DATA_MEMBER in members:
        recipient = raw_public(department_key(central_dir).public_key())
        members[DATA_MEMBER], manifest["encryption"] = seal(members[DATA_MEMBER], recipient,
                                                            DATA_MEMBER)
    if signer_dir is not None:
        return build_zip(manifest, members, device_key(signer_dir))
    signature = manifest.get("signature")
    content = build_zip(manifest, members)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        rebuilt = json.loads(archive.read(MANIFEST)) | {"signature": signature}
        others = {n: archive.read(n) for n in archive.namelist() if n != MANIFEST}
    raw = json.dumps(rebuilt, ensure_ascii=False, indent=2, sort_keys=True).encode()
    return canonical_zip(raw, others)


def fingerprint(store: Store) -> str:
    """"Nothing changed": a SQLite store's file and WAL byte for byte, a server store's
    every row (tests/pg_backend.py)."""
    return pg_fingerprint(store)


def refused(central: Store, path: Path, error: type[PackageError]) -> str:
    """Import and dry run both refuse the file with `error`; the database is unchanged."""
    before = fingerprint(central)
    for run in (central.exchange.plan_import, central.exchange.import_files):
        [report] = run([path])
        assert isinstance(report.error, error), report.error
        assert not report.committed
    assert fingerprint(central) == before
    message = report.error.message()
    assert "Nothing was changed" in message
    return message
