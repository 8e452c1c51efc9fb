"""What an import does with a file before it needs the store: reading and checking it.

`prepare` reads the file and checks its container, checksums and layout, its kind and
department, and its signature — work on the file's bytes alone. For a file worth it, it
goes on (`Opened`): decrypts it with the department's keys and opens its data file
(integrity check, tables, counts, every value against the format). An import runs this for
the next file on a worker thread while the current one is written (`ahead.py`).

Nothing here decides whether the file is taken. The import still checks, in the same order
as ever and against the store as it is when the file's turn comes: the sender's enrolment,
the device's history, whether the file was imported before, then decryption and the data
file's checks (`Outcome.get` raises what the speculative attempt raised, at that point).
`Known` is only what the import knew at its start, to choose which files are worth opening
early: one whose signer is not enrolled (so its encrypted content is never opened before it
is refused, as without the worker), or one imported before (re-importing stays a look-up).
When the choice turns out wrong, the step is simply done in its turn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from forebygg_desktop.core.exchange import trust
from forebygg_desktop.core.exchange.container import RawPackage, read_package
from forebygg_desktop.core.exchange.errors import PackageError
from forebygg_desktop.core.exchange.reader import DataPackage, check_data_kind, open_data_package
from forebygg_desktop.core.exchange.report import FileReport
from forebygg_desktop.core.exchange.seal import check_signature
from forebygg_desktop.core.models import EnrolledDevice, ImportedFile


@dataclass(frozen=True)
class Known:
    """What an import knew at its start (a hint for what to open early, never a verdict)."""

    department: str
    enrolled: Mapping[str, str]  # device id → its enrolled public key (base64)
    imported: frozenset[str]  # SHA-256 of every file recorded as imported
    keys: Mapping[str, X25519PrivateKey] | None  # None: open nothing early


def known(session: Session, department: str,
          keys: Mapping[str, X25519PrivateKey] | None) -> Known:
    """The enrolments and imported files as they stand (two reads, once an import)."""
    enrolled = {row.device_id: row.public_key for row in session.execute(
        select(EnrolledDevice.device_id, EnrolledDevice.public_key))}
    imported = frozenset(session.scalars(select(ImportedFile.sha256)))
    return Known(department, enrolled, imported, keys)


class Outcome[T]:
    """The value of an attempted step, or the `PackageError` it raised."""

    def __init__(self, step: Callable[[], T]) -> None:
        self._value: T | None = None
        self._error: PackageError | None = None
        try:
            self._value = step()
        except PackageError as error:
            self._error = error

    @property
    def ok(self) -> bool:
        return self._error is None

    def get(self) -> T:
        """The value, or the step's refusal raised now."""
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


@dataclass(frozen=True)
class Opened:
    """A file decrypted and its data file opened and checked, ahead of its turn."""

    unsealed: Outcome[RawPackage]
    package: Outcome[DataPackage] | None  # None: decryption failed, nothing more tried


@dataclass
class Prepared:
    """A file read and checked as far as its bytes alone allow.

    `report` holds what these checks learnt (manifest, signer); `error` the first refusal
    among them; `opened` the next steps when they were tried early."""

    report: FileReport
    raw: RawPackage | None = None
    error: PackageError | None = None
    opened: Opened | None = None


def prepare(path: Path, pause: Callable[[], None] = lambda: None, *, known: Known
            ) -> Prepared:
    """Read and check one file; open it early when `known` says it is worth it. `pause` is
    called between steps (the worker waits there while the import does not let it work)."""
    report = FileReport(path=path)
    try:
        pause()
        raw = read_package(path)
        check_data_kind(raw, known.department)
        report.manifest = raw.manifest
        report.unsigned = trust.is_unsigned(raw)
        if not report.unsigned:  # verified once a file: check_sender is given the signer
            report.signer = check_signature(raw.manifest, raw.name)
    except PackageError as error:
        return Prepared(report, error=error)
    prepared = Prepared(report, raw)
    if known.keys is not None and _worth_opening(raw, report, known):
        keys = known.keys
        pause()
        unsealed = Outcome(lambda: trust.open_members(raw, keys))
        package = Outcome(lambda: open_data_package(unsealed.get(), pause)) if unsealed.ok \
            else None
        prepared.opened = Opened(unsealed, package)
    return prepared


def _worth_opening(raw: RawPackage, report: FileReport, known: Known) -> bool:
    """Would the file pass the sender check as things stood, and is it new here?"""
    if raw.sha256 in known.imported:
        return False
    enrolled = known.enrolled.get(str(raw.manifest["device_id"]))
    if report.unsigned:
        return enrolled is None
    return report.signer is not None and enrolled == report.signer.key_b64
