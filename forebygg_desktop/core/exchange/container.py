"""The ZIP container: checked reading (limits before unpacking) and atomic writing.

Reading never extracts to disk: every member is read into memory, bounded by the size the
archive declares and by fixed limits, so a decompression bomb is refused before it grows.
Writing goes to a temporary file in the target folder, is flushed and fsync'd, renamed into
place, and only then reported — a USB stick pulled out early leaves a `.part` file, never a
file that looks whole.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from forebygg_desktop.core.device_keys import DeviceKey
from forebygg_desktop.core.errors import OutputDiskFullError
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.format import (
    CONFIG_MEMBER,
    DATA_MEMBER,
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_CONFIG,
    KIND_DATA,
    MANIFEST,
    MATERIALS_PREFIX,
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_TOTAL_BYTES,
    UNSIGNED_FORMAT_VERSION,
)
from forebygg_desktop.core.files import is_disk_full, replace_durably
from forebygg_desktop.core.validation import has_control_characters

ZIP_MAGIC = b"PK\x03\x04"
RATIO_FLOOR = 1 << 20  # tiny members may compress absurdly well (a run of zeros); allow it


@dataclass(frozen=True)
class RawPackage:
    """A package whose container, checksums and manifest passed every check."""

    path: Path
    sha256: str
    manifest: dict[str, Any]
    members: dict[str, bytes]

    @property
    def name(self) -> str:
        return shown_name(self.path)


def shown_name(path: Path) -> str:
    """A file's name as it can be shown and stored: a name that is not UTF-8 (a stick
    written by another system) has each byte that is not replaced by U+FFFD."""
    return os.fsencode(path.name).decode("utf-8", "replace")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_package(path: Path) -> RawPackage:
    """Open and check a package file completely; raise a `PackageError` on any fault."""
    name = shown_name(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise errors.EmptyFileError(name=name)
        if size > MAX_TOTAL_BYTES:
            raise errors.SuspiciousPackageError(name=name, detail=f"{size} bytes")
        data = path.read_bytes()
    except FileNotFoundError as error:  # not a damaged file: no file at all
        raise errors.MissingFileError(name=name) from error
    except OSError as error:
        raise errors.DamagedPackageError(name=name, detail=error.strerror or str(error)) \
            from error
    if not data.startswith(ZIP_MAGIC):
        raise errors.NotAPackageError(name=name, detail=_guess_kind(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise errors.DamagedPackageError(name=name, detail=_short(error)) from error
    with archive:
        infos = _checked_infos(archive, name)
        if MANIFEST not in infos:
            detail = ("an Office document" if "[Content_Types].xml" in infos
                      else "a ZIP archive without a manifest")
            raise errors.NotAPackageError(name=name, detail=detail)
        members = {n: _read_member(archive, info, name) for n, info in infos.items()}
    manifest_bytes = members.pop(MANIFEST)
    manifest = parse_manifest(manifest_bytes, name)
    _check_members(manifest, members, name)
    if manifest["format_version"] > UNSIGNED_FORMAT_VERSION and \
            canonical_zip(manifest_bytes, members) != data:
        # Format 2 files have one byte layout: a changed byte anywhere is refused, even in
        # ZIP fields no checksum covers (time stamps, attributes, comments).
        raise errors.DamagedPackageError(name=name, detail="layout differs")
    return RawPackage(path=path, sha256=sha256_hex(data), manifest=manifest, members=members)


def _checked_infos(archive: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise errors.SuspiciousPackageError(name=name, detail=f"{len(infos)} members")
    out: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        member = info.filename
        parts = PurePosixPath(member).parts
        if (member in out or member.startswith("/") or "\\" in member or ".." in parts
                or info.is_dir()):
            raise errors.DamagedPackageError(name=name, detail=f"bad member name {member[:60]}")
        if info.flag_bits & 0x1:
            raise errors.NotAPackageError(name=name, detail="a password-protected ZIP archive")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise errors.DamagedPackageError(name=name, detail="unknown compression")
        limit = MAX_MANIFEST_BYTES if member == MANIFEST else MAX_MEMBER_BYTES
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise errors.SuspiciousPackageError(
                name=name, detail=f"{member}: {info.file_size} bytes from {info.compress_size}")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise errors.SuspiciousPackageError(name=name, detail=f"{total} bytes in all")
        out[member] = info
    return out


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """Read at most the declared size (+1 to catch a lie); zipfile checks the CRC at the end."""
    try:
        with archive.open(info) as handle:
            content = handle.read(info.file_size + 1)
            if len(content) == info.file_size:
                handle.read(1)  # reaching EOF makes zipfile verify the CRC-32
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise errors.DamagedPackageError(name=name, detail=_short(error)) from error
    if len(content) != info.file_size:
        raise errors.SuspiciousPackageError(
            name=name, detail=f"{info.filename} is not the size it declares")
    return content


def parse_manifest(raw: bytes, name: str) -> dict[str, Any]:
    """Decode and check the manifest; a newer format is refused before its layout is read."""
    try:
        manifest = json.loads(raw.decode("utf-8"))
        # JSON can spell a lone surrogate ("\ud800"), which no UTF-8 text (the signed bytes,
        # a store) can hold.
        json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    except (UnicodeError, json.JSONDecodeError, RecursionError) as error:
        raise errors.DamagedPackageError(name=name, detail="manifest unreadable") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise errors.NotAPackageError(name=name, detail="unknown manifest")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise errors.DamagedPackageError(name=name, detail="format_version missing")
    if version > FORMAT_VERSION:
        raise errors.NewerFormatError(name=name, version=version, supported=FORMAT_VERSION)
    _check_manifest_fields(manifest, name)
    if version == UNSIGNED_FORMAT_VERSION:
        for section in ("signature", "encryption"):
            if manifest[section] is not None:
                raise errors.UnsupportedSealError(name=name, detail=section)
    else:  # signed always; data sealed, configuration not (it is for every laptop)
        sealed = manifest["encryption"] is not None
        if manifest["signature"] is None or sealed != (manifest["kind"] == KIND_DATA):
            raise errors.UnsupportedSealError(name=name, detail="signature/encryption")
    return manifest


_COMMON_FIELDS: dict[str, type | tuple[type, ...]] = {
    "kind": str, "department": str, "device_id": str, "device_name": str, "created_at": str,
    "program_version": str, "counts": dict, "members": dict,
    "signature": (dict, type(None)), "encryption": (dict, type(None)),
}
_KIND_FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    KIND_DATA: {"sequence": int, "full": bool, "since_local_seq": int, "upto_local_seq": int,
                "period": (dict, type(None))},
    KIND_CONFIG: {"config_version": int},
}
# The longest text each field may hold (the store's columns), and the integers' range (a
# 32-bit column on a server): a value beyond is a damaged manifest, not a crash when stored.
_TEXT_LIMITS = {"kind": 16, "department": 128, "device_id": 36, "device_name": 128,
                "created_at": 40, "program_version": 40}
_INT_FIELDS = ("sequence", "since_local_seq", "upto_local_seq", "config_version")
_INT_MAX = 2**31 - 1


def _check_manifest_fields(manifest: dict[str, Any], name: str) -> None:
    kind = manifest.get("kind")
    if kind not in _KIND_FIELDS:
        raise errors.DamagedPackageError(name=name, detail=f"unknown kind {str(kind)[:20]}")
    for field, kinds in (_COMMON_FIELDS | _KIND_FIELDS[kind]).items():
        value = manifest.get(field, ...)
        wrong_bool = isinstance(value, bool) and kinds is int
        if value is ... or not isinstance(value, kinds) or wrong_bool:
            raise errors.DamagedPackageError(name=name, detail=f"manifest field {field}")
    for field, limit in _TEXT_LIMITS.items():
        if len(manifest[field]) > limit or not storable(manifest[field]):
            raise errors.DamagedPackageError(name=name, detail=f"manifest field {field}")
    for field in _INT_FIELDS:
        if field in manifest and not 0 <= manifest[field] <= _INT_MAX:
            raise errors.DamagedPackageError(name=name, detail=f"manifest field {field}")
    for key, count in manifest["counts"].items():
        if not isinstance(key, str) or not _is_int(count) or count < 0:
            raise errors.DamagedPackageError(name=name, detail="manifest counts")
    if kind == KIND_DATA and not _is_period(manifest["period"]):
        raise errors.DamagedPackageError(name=name, detail="manifest field period")
    try:
        datetime.fromisoformat(manifest["created_at"])
    except ValueError as error:
        raise errors.DamagedPackageError(name=name, detail="manifest created_at") from error


def allowed_member(kind: str, member: str) -> bool:
    """What the spec allows in a package of this kind (anything else is refused)."""
    if kind == KIND_DATA:
        return member == DATA_MEMBER
    return member == CONFIG_MEMBER or (member.startswith(MATERIALS_PREFIX)
                                        and len(member) > len(MATERIALS_PREFIX))


def _check_members(manifest: dict[str, Any], members: dict[str, bytes], name: str) -> None:
    listed = manifest["members"]
    strange = sorted(m for m in members if not allowed_member(manifest["kind"], m))
    if strange:
        raise errors.DamagedPackageError(name=name, detail=f"member not allowed: {strange[0][:60]}")
    if set(listed) != set(members):
        missing = sorted(set(listed) ^ set(members))[:3]
        raise errors.DamagedPackageError(name=name, detail=f"members differ: {missing}")
    for member, content in members.items():
        entry = listed[member]
        if (not isinstance(entry, dict) or entry.get("size") != len(content)
                or entry.get("sha256") != sha256_hex(content)):
            raise errors.DamagedPackageError(name=name, detail=f"checksum of {member}")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def storable(text: str) -> bool:
    """A text every store keeps as it is: no control character but tab and line feed (the
    forms' rule), and no lone surrogate (JSON may spell one; UTF-8 cannot hold it)."""
    return not has_control_characters(text) and not any("\ud800" <= c <= "\udfff"
                                                        for c in text)


def _is_period(value: object) -> bool:
    """None, or {"first": day, "last": day} (what the writer records)."""
    if value is None:
        return True
    if not isinstance(value, dict) or set(value) != {"first", "last"}:
        return False
    try:
        return all(isinstance(v, str) and date.fromisoformat(v).isoformat() == v
                   for v in value.values())
    except ValueError:
        return False


def _short(error: BaseException) -> str:
    return (str(error) or type(error).__name__)[:80]


def _guess_kind(data: bytes) -> str:
    if data.startswith(b"SQLite format 3\x00"):
        return "a SQLite database"
    if data.startswith(b"%PDF"):
        return "a PDF document"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office document"
    if data.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")):
        return "a compressed archive of another kind"
    return "unknown content"


# --- writing --------------------------------------------------------------------------------

def build_zip(manifest: dict[str, Any], members: dict[str, bytes],
              signer: DeviceKey | None = None) -> bytes:
    """The package bytes: the manifest first (so a reader can sniff it), then the members.

    With a `signer`, the manifest (member checksums included) is signed last.
    """
    manifest = dict(manifest)
    manifest["members"] = {n: {"sha256": sha256_hex(c), "size": len(c)}
                           for n, c in sorted(members.items())}
    if signer is not None:
        from forebygg_desktop.core.exchange.seal import sign

        manifest = sign(manifest, signer)
    raw = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    return canonical_zip(raw, members)


def canonical_zip(manifest: bytes, members: dict[str, bytes]) -> bytes:
    """The one layout of a format-2 package: members stored (sealed data is compressed
    before encryption), manifest first, the rest by name, fixed time stamp 1980-01-01, UTF-8
    names, no extra fields or comments. Readers rebuild it and compare byte for byte."""
    entries = [(MANIFEST, manifest), *sorted(members.items())]
    body = io.BytesIO()
    directory = io.BytesIO()
    for member, content in entries:
        encoded = member.encode("utf-8")
        fields = (_ZIP_VERSION, _UTF8_FLAG, 0, 0, _DOS_DATE_1980,
                  zlib.crc32(content) & 0xFFFFFFFF, len(content), len(content), len(encoded))
        offset = body.tell()
        body.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + content)
        directory.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, _ZIP_VERSION, *fields,
                                    0, 0, 0, 0, 0, offset) + encoded)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                      directory.tell(), body.tell(), 0)
    return body.getvalue() + directory.getvalue() + end


_ZIP_VERSION = 20
_UTF8_FLAG = 0x0800
_DOS_DATE_1980 = (1 << 5) | 1


def write_atomically(target: Path, content: bytes) -> None:
    """`files.replace_durably`, its failures said as an export's."""
    try:
        replace_durably(target, content)
    except OSError as error:
        if is_disk_full(error):
            raise OutputDiskFullError(folder=str(target.parent)) from error
        raise errors.ExportWriteError(folder=str(target.parent),
                                      detail=error.strerror or str(error)) from error
