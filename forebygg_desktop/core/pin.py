"""The staff PIN that locks the parent kiosk: stored only as a salted, slow hash.

The PIN itself is never stored, logged or shown. `hash_pin` gives a self-describing text
(`scrypt$n$r$p$salt$hash`, hex) for the `KIOSK_PIN_HASH` setting; `verify_pin` compares in
constant time. scrypt makes guessing a short PIN from a stolen database file slow.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from forebygg_desktop.core.errors import ValidationError
from forebygg_desktop.core.i18n import N_

PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 12
# scrypt cost: about 50 ms and 16 MiB per check on the target laptops.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_SALT_BYTES = 16
_KEY_BYTES = 32


class InvalidPinError(ValidationError):
    """A new PIN that breaks the rules (digits only, 4-12 of them)."""

    msgid = N_("The PIN must be {low} to {high} digits.")


def check_pin_format(pin: str) -> None:
    """Raise `InvalidPinError` unless `pin` is 4-12 ASCII digits."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH):
        raise InvalidPinError(field="pin", low=PIN_MIN_LENGTH, high=PIN_MAX_LENGTH)


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of a valid PIN, as text for the settings table."""
    check_pin_format(pin)
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    """True when `pin` matches the stored hash; False for no hash or a malformed one."""
    if not stored:
        return False
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
        key = _scrypt(pin, salt, n, r, p, len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(key, expected)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, length: int = _KEY_BYTES) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=64 * 1024 * 1024, dklen=length)
