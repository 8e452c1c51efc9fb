"""Signing manifests and sealing members (exchange format 2), with `cryptography` only.

* Signature: Ed25519 over the canonical JSON of the manifest with `signature` null. The
  manifest lists every member's SHA-256 and size, so the signature covers the whole file.
* Sealing: the member is compressed (zlib), then encrypted with AES-256-GCM under a key
  derived by HKDF-SHA256 from an X25519 exchange between a fresh ephemeral key and the
  department's public key. Only the department's private key opens it; any changed byte
  fails the GCM tag (and, before that, the manifest's checksum and signature).
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from forebygg_desktop.core.device_keys import (
    DeviceKey,
    b64,
    fingerprint,
    key_id,
    raw_public,
    unb64,
    verify_signature,
)
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.format import MAX_MEMBER_BYTES, MAX_RATIO

SIGNATURE_ALGORITHM = "ed25519"
ENCRYPTION_ALGORITHM = "x25519-hkdf-sha256-aes256gcm"
COMPRESSION = "zlib"
NONCE_BYTES = 12
HKDF_INFO = b"forebygg-exchange/2 sealed member"


@dataclass(frozen=True)
class Signer:
    """Who signed a package: the key in its signature block, checked against the manifest."""

    device_id: str
    device_name: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def key_b64(self) -> str:
        return b64(self.public_key)


def canonical(manifest: dict[str, Any]) -> bytes:
    """The signed bytes: the manifest with `signature` null, keys sorted, no whitespace."""
    body = dict(manifest) | {"signature": None}
    return json.dumps(body, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def sign(manifest: dict[str, Any], key: DeviceKey) -> dict[str, Any]:
    value = key.sign(canonical(manifest))
    return dict(manifest) | {"signature": {
        "algorithm": SIGNATURE_ALGORITHM, "key_id": key_id(key.public_raw),
        "public_key": b64(key.public_raw), "value": b64(value)}}


def check_signature(manifest: dict[str, Any], name: str) -> Signer:
    """The signer of a signed manifest, or `BadSignatureError` (nothing is trusted yet)."""
    block = manifest.get("signature")
    try:
        if not isinstance(block, dict) or block.get("algorithm") != SIGNATURE_ALGORITHM:
            raise ValueError("algorithm")
        public = unb64(block.get("public_key"), 32)
        value = unb64(block.get("value"), 64)
        if block.get("key_id") != key_id(public):
            raise ValueError("key id")
    except ValueError as error:
        raise errors.BadSignatureError(name=name) from error
    if not verify_signature(public, value, canonical(manifest)):
        raise errors.BadSignatureError(name=name)
    return Signer(str(manifest["device_id"]), str(manifest["device_name"]), public)


def seal(plain: bytes, recipient: bytes, member: str) -> tuple[bytes, dict[str, Any]]:
    """Encrypt one member to the department's X25519 public key (raw bytes)."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = raw_public(ephemeral.public_key())
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = os.urandom(NONCE_BYTES)
    sealed = nonce + AESGCM(_derive(shared, ephemeral_raw, recipient)).encrypt(
        nonce, zlib.compress(plain, 6), member.encode("utf-8"))
    return sealed, {"algorithm": ENCRYPTION_ALGORITHM, "compression": COMPRESSION,
                    "recipient_key_id": key_id(recipient),
                    "ephemeral_public_key": b64(ephemeral_raw),
                    "members": {member: {"plain_size": len(plain)}}}


def open_sealed(sealed: bytes, member: str, encryption: dict[str, Any],
                keys: Mapping[str, X25519PrivateKey], name: str) -> bytes:
    """Decrypt and decompress one member; `DecryptError` on any fault (bounded memory)."""
    try:
        if (encryption.get("algorithm") != ENCRYPTION_ALGORITHM
                or encryption.get("compression") != COMPRESSION):
            raise ValueError("algorithm")
        plain_size = encryption["members"][member]["plain_size"]
        if not isinstance(plain_size, int) or isinstance(plain_size, bool) or \
                not 0 <= plain_size <= MAX_MEMBER_BYTES:
            raise ValueError("size")
        ephemeral_raw = unb64(encryption.get("ephemeral_public_key"), 32)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise errors.DecryptError(name=name) from error
    key = keys.get(str(encryption.get("recipient_key_id")))
    if key is None:
        raise errors.OtherRecipientError(name=name)
    if len(sealed) < NONCE_BYTES + 16:
        raise errors.DecryptError(name=name)
    recipient = raw_public(key.public_key())
    try:
        shared = key.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        compressed = AESGCM(_derive(shared, ephemeral_raw, recipient)).decrypt(
            sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], member.encode("utf-8"))
    except (InvalidTag, ValueError) as error:
        raise errors.DecryptError(name=name) from error
    if plain_size > max(1 << 20, MAX_RATIO * len(compressed)):
        raise errors.SuspiciousPackageError(name=name, detail=f"{member}: {plain_size} bytes")
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(compressed, plain_size + 1)
    except zlib.error as error:
        raise errors.DecryptError(name=name) from error
    if len(plain) != plain_size or inflater.unconsumed_tail or not inflater.eof:
        raise errors.DecryptError(name=name)
    return plain


def _derive(shared: bytes, ephemeral_raw: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_raw + recipient,
                info=HKDF_INFO).derive(shared)
