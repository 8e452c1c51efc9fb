"""The keys of a store: its signing key (every store) and the department's encryption key.

Every store signs the packages it writes with an Ed25519 key made at first start and kept
in the data folder (`device-key.pem`, mode 0600; outside `core/exchange` so the
start-up makes it without loading the exchange code). The central department's store also
holds an X25519 key pair that laptops encrypt their data packages to
(`department-key.pem`); a rotated key is kept as `department-key-<key id>.pem` so packages
sealed to it can still be read. Keys are PKCS#8 PEM files written by the `cryptography`
library; nothing here implements cryptography itself. See docs/security.md.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.paths import DEVICE_KEY_FILE

DEPARTMENT_KEY_FILE = "department-key.pem"
RETIRED_PREFIX = "department-key-"


class KeyFileError(UserError):
    """A key file that cannot be read: never replaced silently (packages depend on it)."""

    msgid = N_("The key file {path} cannot be read. It has not been changed. Restore it "
               "from a backup of the data folder, or see “Re-enrol a laptop” in the security "
               "guide.")


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, size: int | None = None) -> bytes:
    """Decode base64 text; ValueError when it is not (or not `size` bytes)."""
    if not isinstance(text, str):
        raise ValueError("not text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if size is not None and len(data) != size:
        raise ValueError("wrong length")
    return data


def key_id(public_raw: bytes) -> str:
    """The key's id in manifests: the SHA-256 of its raw public bytes, hex."""
    return hashlib.sha256(public_raw).hexdigest()


def fingerprint(public_raw: bytes) -> str:
    """What people compare by phone: the first 16 bytes of the key id, in 8 groups of 4."""
    digest = key_id(public_raw)[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _write_private(path: Path, pem: bytes) -> None:
    """Create the key file readable by its owner only; never replace an existing key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.part")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(descriptor, pem)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    try:
        os.link(temporary, path)  # fails when a key appeared meanwhile: that one is kept
    except FileExistsError:
        pass
    finally:
        temporary.unlink(missing_ok=True)


def _pem(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _load(path: Path) -> object:
    try:
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise KeyFileError(path=str(path)) from error


def ensure_device_key(data_dir: Path) -> None:
    """Make the store's signing key at first start (cheap check when it exists)."""
    path = data_dir / DEVICE_KEY_FILE
    if not path.exists():
        _write_private(path, _pem(Ed25519PrivateKey.generate()))


@dataclass(frozen=True)
class DeviceKey:
    """This store's signing key."""

    private: Ed25519PrivateKey

    @property
    def public_raw(self) -> bytes:
        return raw_public(self.private.public_key())

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_raw)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)


def device_key(data_dir: Path) -> DeviceKey:
    ensure_device_key(data_dir)
    key = _load(data_dir / DEVICE_KEY_FILE)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(path=str(data_dir / DEVICE_KEY_FILE))
    return DeviceKey(key)


def verify_signature(public_raw: bytes, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


# --- the department's encryption key (central store only) --------------------------------

def department_key(data_dir: Path) -> X25519PrivateKey:
    """The current encryption key pair, made when first needed."""
    path = data_dir / DEPARTMENT_KEY_FILE
    if not path.exists():
        _write_private(path, _pem(X25519PrivateKey.generate()))
    key = _load(path)
    if not isinstance(key, X25519PrivateKey):
        raise KeyFileError(path=str(path))
    return key


def department_keys(data_dir: Path) -> dict[str, X25519PrivateKey]:
    """Every encryption key this store can decrypt with (current and retired), by key id."""
    out: dict[str, X25519PrivateKey] = {}
    paths = sorted(data_dir.glob(f"{RETIRED_PREFIX}*.pem"))
    if (data_dir / DEPARTMENT_KEY_FILE).exists():
        paths.append(data_dir / DEPARTMENT_KEY_FILE)
    for path in paths:
        key = _load(path)
        if isinstance(key, X25519PrivateKey):
            out[key_id(raw_public(key.public_key()))] = key
    return out


def rotate_department_key(data_dir: Path) -> X25519PrivateKey:
    """Retire the current key (kept, to read packages sealed to it) and make a new one."""
    current = data_dir / DEPARTMENT_KEY_FILE
    if current.exists():
        old = department_key(data_dir)
        retired = data_dir / f"{RETIRED_PREFIX}{key_id(raw_public(old.public_key()))[:16]}.pem"
        fsretry.replace(current, retired)
    return department_key(data_dir)
