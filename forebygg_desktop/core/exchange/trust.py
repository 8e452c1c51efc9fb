"""Who may send what: enrolled laptops at the centre, the department's keys on a laptop.

* Central department: the first signed package of an unknown laptop is refused with the
  key's fingerprint; once a person has compared it and accepted the laptop (`enrol`), only
  packages signed by that key are taken for that device id.
* Laptop: the first signed configuration package pins the department's signing key and
  brings its encryption key; later packages must be signed by the pinned key, and may bring
  a new (rotated) encryption key.
* Version 1 (unsigned) files are read during the transition, with a warning, but never
  from a sender already known by its key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import bindparam, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from forebygg_desktop.core import device_keys
from forebygg_desktop.core.driver import DriverStatement, connection_of
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.container import RawPackage
from forebygg_desktop.core.exchange.format import UNSIGNED_FORMAT_VERSION
from forebygg_desktop.core.exchange.seal import Signer, check_signature, open_sealed
from forebygg_desktop.core.models import EnrolledDevice, Meta, utc_now
from forebygg_desktop.core.store.unit import read_meta

DEPARTMENT_SIGNING = "department_signing_key"
DEPARTMENT_ENCRYPTION = "department_encryption_key"


@dataclass(frozen=True)
class Enrolment:
    """A laptop as enrolled at the central department."""

    device_id: str
    device_name: str
    fingerprint: str
    enrolled_at: Any


def is_unsigned(raw: RawPackage) -> bool:
    return bool(raw.manifest["format_version"] == UNSIGNED_FORMAT_VERSION)


# --- central: laptops' keys ----------------------------------------------------------------

def check_sender(session: Session | Connection, raw: RawPackage,
                 signer: Signer | None) -> Signer | None:
    """The enrolled signer of a data package (None: an unsigned version-1 file).

    `signer` is what `check_signature` returned for this manifest (None when unsigned): the
    signature is verified once per file, by the caller, before anything is read here."""
    device_id = str(raw.manifest["device_id"])
    enrolled = _ENROLMENT.execute(connection_of(session), {"device_id": device_id}).first()
    if is_unsigned(raw):
        if enrolled is not None:
            raise errors.UnsignedRefusedError(name=raw.name)
        return None
    if signer is None:  # a signed manifest: the caller must have verified it
        raise errors.BadSignatureError(name=raw.name)
    if enrolled is None:
        raise errors.UnknownDeviceError(name=raw.name, device=signer.device_name,
                                        fingerprint=signer.fingerprint)
    if enrolled.public_key != signer.key_b64:
        raise errors.DeviceKeyMismatchError(name=raw.name, device=enrolled.device_name,
                                            fingerprint=signer.fingerprint)
    return signer


# Two columns of one enrolment, a plain statement built once (runs for every file).
_ENROLMENT = DriverStatement(select(EnrolledDevice.device_name, EnrolledDevice.public_key)
                             .where(EnrolledDevice.device_id == bindparam("device_id")))


def unsealed(raw: RawPackage, data_dir: Path) -> RawPackage:
    """The package with its sealed members decrypted by the department's keys."""
    if raw.manifest["encryption"] is None:
        return raw
    return open_members(raw, device_keys.department_keys(data_dir))


def open_members(raw: RawPackage, keys: Mapping[str, X25519PrivateKey]) -> RawPackage:
    """`unsealed` with the department's keys already loaded (once for a whole import)."""
    encryption = raw.manifest["encryption"]
    if encryption is None:
        return raw
    if not isinstance(encryption, dict) or not isinstance(encryption.get("members"), dict) \
            or set(encryption["members"]) != set(raw.members):
        raise errors.DecryptError(name=raw.name)
    members = {name: open_sealed(content, name, encryption, keys, raw.name)
               for name, content in raw.members.items()}
    return RawPackage(path=raw.path, sha256=raw.sha256, manifest=raw.manifest, members=members)


def enrol(session: Session, signer: Signer) -> None:
    """Accept a laptop's key (after a person compared the fingerprint)."""
    enrolled = session.get(EnrolledDevice, signer.device_id)
    if enrolled is not None and enrolled.public_key != signer.key_b64:
        raise errors.DeviceKeyMismatchError(name="—", device=enrolled.device_name,
                                            fingerprint=signer.fingerprint)
    if enrolled is None:
        session.add(EnrolledDevice(device_id=signer.device_id,
                                   device_name=signer.device_name[:128],
                                   public_key=signer.key_b64, fingerprint=signer.fingerprint,
                                   enrolled_at=utc_now()))


def enrolled_devices(session: Session) -> list[Enrolment]:
    rows = session.scalars(select(EnrolledDevice).order_by(EnrolledDevice.device_name))
    return [Enrolment(r.device_id, r.device_name, r.fingerprint, r.enrolled_at) for r in rows]


def forget(session: Session, device_id: str) -> bool:
    """Withdraw a laptop's enrolment (its next package is shown for enrolment again)."""
    row = session.get(EnrolledDevice, device_id)
    if row is not None:
        session.delete(row)
    return row is not None


# --- laptop: the department's keys ---------------------------------------------------------

def check_department(session: Session, raw: RawPackage) -> Signer | None:
    """The department that signed a configuration package (None: unsigned, version 1)."""
    pinned = read_meta(session, DEPARTMENT_SIGNING)
    if is_unsigned(raw):
        if pinned is not None:
            raise errors.UnsignedRefusedError(name=raw.name)
        return None
    signer = check_signature(raw.manifest, raw.name)
    if pinned is not None and pinned != signer.key_b64:
        raise errors.DepartmentKeyMismatchError(name=raw.name, fingerprint=signer.fingerprint)
    try:
        device_keys.unb64(raw.manifest.get("department_encryption_key"), 32)
    except ValueError as error:
        raise errors.DamagedPackageError(name=raw.name, detail="department key") from error
    return signer


def pin_department(session: Session, signing_b64: str, encryption_b64: str) -> None:
    """Remember the department's signing key (first time) and current encryption key."""
    for key, value in ((DEPARTMENT_SIGNING, signing_b64), (DEPARTMENT_ENCRYPTION, encryption_b64)):
        row = session.get(Meta, key)
        if row is None:
            session.add(Meta(key=key, value=value))
        elif key == DEPARTMENT_ENCRYPTION:
            row.value = value


def department_fingerprint(session: Session) -> str | None:
    """The pinned department key's fingerprint (a laptop), for comparing by phone."""
    pinned = read_meta(session, DEPARTMENT_SIGNING)
    return device_keys.fingerprint(device_keys.unb64(pinned)) if pinned else None


def forget_department(session: Session) -> None:
    """Unpin the department (a replaced central computer): the next package pins again."""
    for key in (DEPARTMENT_SIGNING, DEPARTMENT_ENCRYPTION):
        row = session.get(Meta, key)
        if row is not None:
            session.delete(row)


def recipient_key(session: Session, central: bool, data_dir: Path) -> bytes:
    """The encryption key data packages are sealed to (the centre seals to its own)."""
    if central:
        key = device_keys.department_key(data_dir)
        return device_keys.raw_public(key.public_key())
    pinned = read_meta(session, DEPARTMENT_ENCRYPTION)
    if pinned is None:
        raise errors.NoDepartmentKeyError()
    return device_keys.unb64(pinned, 32)
