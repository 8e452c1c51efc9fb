"""One identity, one laptop: two histories under one device id are found, not interleaved.

A laptop numbers its exports 1, 2, 3 … and each covers its change numbers (since, upto].
One history never has two different files with the same number, never goes back in its
change numbers, and an incremental file starts where the file before it ended. A copied
data folder or a restored backup that exports again breaks one of these; the central
store then refuses the file, remembers the clash for the device overview, and the copy is
given a new identity (`new_identity`: a new device id and key; its next export is full).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, delete, func, literal, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.driver import DriverStatement, connection_of
from forebygg_desktop.core.models import ExportLog, ImportedFile, Meta, new_uuid, utc_now
from forebygg_desktop.core.paths import DEVICE_KEY_FILE

CLASH_PREFIX = "identity_clash:"


def clash(session: Session | Connection, manifest: dict[str, Any], sha256: str) -> bool:
    """True when this file cannot belong to the history already imported for its device."""
    sequence, since = int(manifest["sequence"]), int(manifest["since_local_seq"])
    upto, full = int(manifest["upto_local_seq"]), bool(manifest["full"])
    if since > upto:
        return True
    # One indexed query in the database, not every earlier summary read back and parsed:
    # this runs for every file of an import.
    found = (_CLASH_FULL if full else _CLASH_INCREMENTAL).execute(connection_of(session), {
        "device_id": str(manifest["device_id"]), "sha256": sha256, "sequence": sequence,
        "before": sequence - 1, "since": since, "upto": upto}).first()
    return found is not None


def _clash_statement(full: bool) -> Select[Any]:
    """An earlier file of the device that this one cannot follow or precede."""
    other_upto = func.coalesce(ImportedFile.summary["upto_local_seq"].as_integer(), 0)
    sequence = bindparam("sequence", type_=Integer)
    upto = bindparam("upto", type_=Integer)
    breaks = [
        ImportedFile.sequence == sequence,  # one number, two different files
        and_(ImportedFile.sequence < sequence, other_upto > upto),  # later file, earlier changes
        and_(ImportedFile.sequence > sequence, other_upto < upto),
    ]
    if not full:  # an incremental file must start where the one before it ended
        breaks.append(and_(ImportedFile.sequence == bindparam("before"),
                           other_upto != bindparam("since")))
    return select(literal(1)).where(
        ImportedFile.device_id == bindparam("device_id"),
        ImportedFile.sha256 != bindparam("sha256"), or_(*breaks)).limit(1)


_CLASH_FULL = DriverStatement(_clash_statement(full=True))
_CLASH_INCREMENTAL = DriverStatement(_clash_statement(full=False))


def remember_clash(session: Session, manifest: dict[str, Any], file_name: str) -> None:
    key = CLASH_PREFIX + str(manifest["device_id"])[:40]
    value = json.dumps({"file": file_name, "sequence": manifest["sequence"],
                        "detected_at": utc_now().isoformat(timespec="seconds")})
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def clashing_devices(session: Session) -> set[str]:
    keys = session.scalars(select(Meta.key).where(Meta.key.startswith(CLASH_PREFIX)))
    return {k[len(CLASH_PREFIX):] for k in keys}


def new_identity(session: Session, data_dir: Path) -> str:
    """Give this copy of a data folder its own identity: a new device id and signing key.

    Rows keep their ids and version vectors (edits made here from now on carry the new id),
    the export history starts again, so the next export is a full one. The program must be
    restarted for the new id to be used.
    """
    device_id = new_uuid()
    row = session.get(Meta, "device_id")
    if row is None:
        session.add(Meta(key="device_id", value=device_id))
    else:
        row.value = device_id
    session.execute(delete(ExportLog))
    key = data_dir / DEVICE_KEY_FILE
    if key.exists():
        fsretry.replace(key, data_dir / f"{DEVICE_KEY_FILE}.replaced-{device_id[:8]}")
    from forebygg_desktop.core.device_keys import ensure_device_key

    ensure_device_key(data_dir)
    return device_id
