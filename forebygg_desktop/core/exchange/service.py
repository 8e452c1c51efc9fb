"""`store.exchange`: export for the central department, import with a dry run, devices.

Every import validates a whole file before anything changes and commits one transaction
per file. Files are remembered by the SHA-256 of their bytes, so a file imported before is
recognised at once and changes nothing.
"""

from __future__ import annotations

import platform
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from forebygg_desktop.core import settings
from forebygg_desktop.core.device_keys import department_keys, device_key
from forebygg_desktop.core.driver import DriverStatement, connection_of
from forebygg_desktop.core.exchange import errors, identity, prepare, trust, wire
from forebygg_desktop.core.exchange.ahead import Ahead
from forebygg_desktop.core.exchange.breakdown import all_unchanged, plan_breakdown
from forebygg_desktop.core.exchange.config import ConfigPlan, ConfigService
from forebygg_desktop.core.exchange.conflicts import ConflictInfo, open_conflicts
from forebygg_desktop.core.exchange.container import (
    RawPackage,
    read_package,
    sha256_hex,
    shown_name,
    write_atomically,
)
from forebygg_desktop.core.exchange.format import FILE_SUFFIX, record_types
from forebygg_desktop.core.exchange.merge import MergePlan, TypeCounts, apply_plan, plan_merge
from forebygg_desktop.core.exchange.reader import DataPackage, open_data_package
from forebygg_desktop.core.exchange.report import FileReport
from forebygg_desktop.core.exchange.seal import Signer, check_signature
from forebygg_desktop.core.exchange.writer import build_data_package, collect_rows
from forebygg_desktop.core.models import ExportLog, ImportedFile, Setting, SyncConflict, utc_now
from forebygg_desktop.core.reports.closing import hold_closed
from forebygg_desktop.core.store.unit import Change, UnitOfWork, read_meta
from forebygg_desktop.core.targets import check_target, target_in
from forebygg_desktop.core.validation import same_day

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sequence: int
    full: bool
    counts: dict[str, int]
    period: dict[str, str] | None

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class DeviceStatus:
    """A laptop as the central store knows it from imported files."""

    device_id: str
    device_name: str
    last_sequence: int
    last_file: str
    last_imported_at: datetime
    files: int
    missing: tuple[int, ...]  # sequence numbers never imported (a file that did not arrive)
    identity_clash: bool = False  # two histories under this device id (see identity.py)


@dataclass(frozen=True)
class ExportInfo:
    sequence: int
    exported_at: datetime
    file_name: str
    full: bool
    rows: int


class ExchangeService:
    """Export, import (dry run and commit), device overview, configuration packages."""

    def __init__(self, uow: UnitOfWork, data_dir: Path | None = None) -> None:
        self._uow = uow
        self._data_dir = data_dir
        self.config = ConfigService(uow, data_dir, self._setting, self._keys)

    def _keys(self) -> Path:
        if self._data_dir is None:
            raise errors.NoKeyStoreError()
        return self._data_dir

    # --- keys and enrolment ---------------------------------------------------------------
    def device_fingerprint(self) -> str:
        """This store's signing key fingerprint (shown in the settings, compared by phone)."""
        return device_key(self._keys()).fingerprint

    def department_fingerprint(self) -> str | None:
        """The department's signing key: the pinned one on a laptop, its own at the centre."""
        if self.is_central():
            return self.device_fingerprint()
        with self._uow.read() as session:
            return trust.department_fingerprint(session)

    def enrol(self, signer: Signer) -> Change:
        """Accept a laptop's key, after a person compared its fingerprint (central)."""
        with self._uow.write() as tx:
            trust.enrol(tx.session, signer)
        return Change("enrolled_device", "created", (signer.device_id,))

    def enrolled(self) -> list[trust.Enrolment]:
        with self._uow.read() as session:
            return trust.enrolled_devices(session)

    def forget_device(self, device_id: str) -> Change:
        """Withdraw an enrolment (a reinstalled laptop enrols again with its new key)."""
        with self._uow.write() as tx:
            if not trust.forget(tx.session, device_id):
                raise errors.NotEnrolledError(device=device_id)
        return Change("enrolled_device", "deleted", (device_id,))

    def forget_department(self) -> Change:
        """A laptop unpins the department's key (the central computer was replaced)."""
        with self._uow.write() as tx:
            trust.forget_department(tx.session)
        return Change("setting", "updated")

    def new_identity(self) -> str:
        """Give this copy of a data folder a new device id and key (after an identity clash);
        the program must be restarted. Returns the new device id."""
        with self._uow.write() as tx:
            device_id = identity.new_identity(tx.session, self._keys())
        self._uow.device_id = device_id  # edits from now on carry the new identity
        return device_id

    def rotate_department_key(self) -> str:
        """Make a new department encryption key (the old one still opens old packages);
        laptops get it with the next configuration package. Returns its fingerprint."""
        from forebygg_desktop.core.device_keys import (
            fingerprint,
            raw_public,
            rotate_department_key,
        )

        if not self.is_central():
            raise errors.NotCentralKeyError()
        return fingerprint(raw_public(rotate_department_key(self._keys()).public_key()))

    # --- settings -------------------------------------------------------------------------
    def _setting[T](self, option: settings.Option[T]) -> T:
        with self._uow.read() as session:
            row = session.get(Setting, option.key)
            return option.coerce(row.value if row else None)

    def device_name(self) -> str:
        return self._setting(settings.DEVICE_NAME) or platform.node() or self._uow.device_id[:8]

    def is_central(self) -> bool:
        return self._setting(settings.ROLE) == "central"

    # --- export ---------------------------------------------------------------------------
    def last_export(self) -> ExportInfo | None:
        """The newest export of this laptop, if any."""
        with self._uow.read() as session:
            row = session.scalar(select(ExportLog).order_by(ExportLog.sequence.desc()).limit(1))
            if row is None:
                return None
            return ExportInfo(row.sequence, row.exported_at, row.file_name, row.full,
                              sum(int(v) for v in row.counts.values()))

    def export(self, out: Path, full: bool = False,
               progress: Progress | None = None, force: bool = False) -> ExportResult:
        """Write every change since the last export (or everything) to one package.

        `out` is a folder (a name is chosen) or a file path. The file is written atomically
        and read back before the export is recorded; a failure leaves no file that looks whole.
        The target is never the database, a backup or the log, nor another kind of file; an
        existing package is replaced only with `force` (the user agreed).
        """
        if self._uow.refused is not None:
            raise self._uow.refused  # a damaged file: export the rescue copy instead
        _report(progress, 0, 3, "collect")
        signer = device_key(self._keys())
        with self._uow.read() as session:
            recipient = trust.recipient_key(session, self.is_central(), self._keys())
            connection = session.connection()
            last = session.scalar(select(ExportLog).order_by(ExportLog.sequence.desc()).limit(1))
            upto = int(read_meta(session, "change_seq") or 0)
            since = 0 if full or last is None else last.upto_local_seq
            rows = collect_rows(connection, None if full else since, upto)
            sequence = (last.sequence + 1) if last else 1
        name = self.device_name()
        export = build_data_package(
            rows, department=self._setting(settings.DEPARTMENT), device_id=self._uow.device_id,
            device_name=name, sequence=sequence, full=full or since == 0, since=since, upto=upto,
            signer=signer, recipient=recipient)
        target = target_in(out, default_file_name(name, sequence, full))
        check_target(target, "package", data_dir=self._data_dir,
                     database=Path(self._uow.engine.url.database or ""), force=force)
        _report(progress, 1, 3, "write")
        write_atomically(target, export.content)
        _report(progress, 2, 3, "verify")
        _verify(target, export.content, sequence, signer.public_raw)
        with self._uow.write() as tx:
            tx.session.add(ExportLog(sequence=sequence, exported_at=utc_now(),
                                     file_name=target.name, full=full, upto_local_seq=upto,
                                     counts=export.counts))
        _report(progress, 3, 3, "done")
        return ExportResult(target, sequence, export.manifest["full"], export.counts,
                            export.manifest["period"])

    # --- import ---------------------------------------------------------------------------
    def plan_import(self, paths: Iterable[Path],
                    progress: Progress | None = None) -> list[FileReport]:
        """The dry run: what importing each file would do. Changes nothing."""
        return self._run(paths, commit=False, progress=progress)

    def import_files(self, paths: Iterable[Path], progress: Progress | None = None,
                     cancelled: Callable[[], bool] | None = None) -> list[FileReport]:
        """Import each file in its own transaction; a refused file changes nothing."""
        return self._run(paths, commit=True, progress=progress, cancelled=cancelled)

    def _run(self, paths: Iterable[Path], commit: bool, progress: Progress | None,
             cancelled: Callable[[], bool] | None = None) -> list[FileReport]:
        """Each file in turn; the next files are read and checked on a worker thread while
        this one commits (`ahead.py` says when the worker works, `prepare.py` what runs
        early and why nothing is decided there)."""
        if not self.is_central():
            raise errors.NotCentralError()
        files = expand_paths(paths)
        department = self._setting(settings.DEPARTMENT)
        keys = _Keys(self._data_dir)
        known = prepare.Known(department, {}, frozenset(), None)  # one file: nothing ahead
        if len(files) > 1:
            with self._uow.read() as session:
                known = prepare.known(session, department, keys.early())
        reports = []
        with same_day(), Ahead(files, partial(prepare.prepare, known=known)) as ahead:
            for done, path in enumerate(files):
                if cancelled is not None and cancelled():
                    break
                _report(progress, done, len(files), shown_name(path))
                reports.append(self._one(ahead.get(done), commit, keys,
                                         partial(ahead.let_work, done + 1)))
                ahead.hold()  # the commit is done: the worker stops at its next step
                ahead.start(done + 1)  # a file refused or seen before: no write to overlap
        _report(progress, len(files), len(files), "")
        return reports

    def check_file(self, path: Path) -> DataPackage:
        """Every check of a data file short of merging it: container, signature and
        enrolment, decryption, tables and values (`PackageError` on any fault)."""
        nothing = prepare.Known(self._setting(settings.DEPARTMENT), {}, frozenset(), None)
        raw = self._authentic(prepare.prepare(path, known=nothing), _Keys(self._data_dir))
        return open_data_package(raw)

    def _authentic(self, prepared: prepare.Prepared, keys: _Keys,
                   then: Callable[[Any, RawPackage], None] | None = None) -> RawPackage:
        """The decrypted package, once its signer is the enrolled key of its device.

        `then` reads more about the file in the same read transaction (one a file)."""
        if prepared.error is not None:
            raise prepared.error
        raw, report = prepared.raw, prepared.report
        assert raw is not None
        with self._uow.read_statements() as connection:
            trust.check_sender(connection, raw, report.signer)
            if then is not None:
                then(connection, raw)
        if prepared.opened is not None:  # decrypted ahead: its outcome, raised here
            return prepared.opened.unsealed.get()
        if raw.manifest["encryption"] is None:
            return raw
        return trust.open_members(raw, keys.loaded())

    def _one(self, prepared: prepare.Prepared, commit: bool, keys: _Keys,
             writing: Callable[[], None]) -> FileReport:
        """Import (or plan) one prepared file; `writing` is called once its writes are
        made, before the commit (the next files may then be prepared alongside)."""
        report = prepared.report
        seen: dict[str, Any] = {}

        def history(session: Any, raw: RawPackage) -> None:
            seen["clash"] = identity.clash(session, raw.manifest, raw.sha256)
            seen["previous"] = _imported_at(session, raw.sha256)
        try:
            raw = self._authentic(prepared, keys, history)
            if seen["clash"]:
                if commit:
                    with self._uow.write() as tx:
                        identity.remember_clash(tx.session, raw.manifest, raw.name)
                raise errors.IdentityClashError(name=raw.name,
                                                device=raw.manifest["device_name"])
            if seen["previous"] is not None:
                report.already_imported_at = seen["previous"]
                report.counts = {n: TypeCounts(unchanged=c)
                                 for n, c in raw.manifest["counts"].items()}
                report.breakdown = all_unchanged(raw.manifest["counts"])
                return report
            opened = prepared.opened
            package = opened.package.get() if opened is not None and opened.package \
                is not None else open_data_package(raw)
            if not commit:
                writing()
                with self._uow.read() as session:
                    plan = plan_merge(session.connection(), package)
                    report.breakdown = plan_breakdown(session.connection(), plan)
                    report.held = hold_closed(session.connection(), plan, raw.sha256,
                                              store=False)
                    _fill(report, plan)
                return report
            with self._uow.write() as tx:
                connection = tx.connection
                plan = plan_merge(connection, package)
                report.breakdown = plan_breakdown(connection, plan)
                # Rows that would change a closed quarter wait for approval (issue 19).
                report.held = hold_closed(connection, plan, raw.sha256)
                # Imported rows get a change number here only when something is written.
                apply_plan(connection, plan, tx.seq if any(plan.writes.values()) else 0)
                _fill(report, plan)
                _remember(connection, raw.sha256, raw.manifest, raw.name, report)
                writing()  # the commit's wait for the disk overlaps the next file's checks
            report.committed = True
        except errors.PackageError as error:
            report.error = error
        return report

    # --- central overview -----------------------------------------------------------------
    def devices(self) -> list[DeviceStatus]:
        """Every device files came from: last file and sequence, and missing sequences."""
        with self._uow.read() as session:
            files = list(session.scalars(select(ImportedFile).order_by(
                ImportedFile.device_id, ImportedFile.sequence, ImportedFile.imported_at)))
            clashes = identity.clashing_devices(session)
        by_device: dict[str, list[ImportedFile]] = {}
        for row in files:
            by_device.setdefault(row.device_id, []).append(row)
        out = []
        for device_id, rows in by_device.items():
            last = max(rows, key=lambda r: (r.sequence, r.imported_at))
            out.append(DeviceStatus(
                device_id=device_id, device_name=last.device_name,
                last_sequence=last.sequence, last_file=last.file_name,
                last_imported_at=max(r.imported_at for r in rows), files=len(rows),
                missing=missing_sequences(rows), identity_clash=device_id in clashes))
        return sorted(out, key=lambda d: (d.device_name.casefold(), d.device_id))

    def open_conflicts(self) -> int:
        """How many concurrent edits wait for review."""
        with self._uow.read() as session:
            return int(session.scalar(select(func.count()).select_from(SyncConflict).where(
                SyncConflict.reviewed.is_(False))) or 0)

    def conflicts(self) -> list[ConflictInfo]:
        """The open conflicts with what differs, for the review list."""
        return open_conflicts(self._uow)

    def mark_conflicts_reviewed(self) -> Change:
        with self._uow.write() as tx:
            for row in tx.session.scalars(select(SyncConflict).where(
                    SyncConflict.reviewed.is_(False))):
                row.reviewed = True
        return Change("sync_conflict", "updated")

    # --- configuration packages (both directions live in config.py) -----------------------
    def make_config(self, out: Path, version: int | None = None, force: bool = False) -> Path:
        return self.config.make(out, version, force)

    def plan_config(self, path: Path) -> ConfigPlan:
        return self.config.plan(path)

    def apply_config(self, path: Path) -> ConfigPlan:
        return self.config.apply(path)


class _Keys:
    """The department's decryption keys, loaded once for an import (not once a file)."""

    def __init__(self, data_dir: Path | None) -> None:
        self._data_dir = data_dir
        self._keys: dict[str, X25519PrivateKey] | None = None

    def loaded(self) -> dict[str, X25519PrivateKey]:
        if self._data_dir is None:
            raise errors.NoKeyStoreError()
        if self._keys is None:
            self._keys = department_keys(self._data_dir)
        return self._keys

    def early(self) -> dict[str, X25519PrivateKey] | None:
        """The keys for opening files ahead of their turn; None (open nothing early) when
        they cannot be loaded — each file's turn then meets the reason, as it would."""
        try:
            return self.loaded()
        except Exception:  # raised again, in order, by `loaded`
            return None


def missing_sequences(rows: list[ImportedFile]) -> tuple[int, ...]:
    """Sequences not imported since the newest full export (a full file covers all before)."""
    seen = {r.sequence for r in rows}
    fulls = [r.sequence for r in rows if r.summary.get("full")]
    start = max(fulls) if fulls else 1
    return tuple(s for s in range(start, max(seen) + 1) if s not in seen)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for every package file directly inside it."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir()
                          if p.suffix.lower() == FILE_SUFFIX and not p.name.startswith("."))
        else:
            out.append(path)
    return out


def default_file_name(device_name: str, sequence: int, full: bool) -> str:
    """`forebygg-<laptop>-0007-20261127.forebygg`; the laptop's name keeps its letters
    ("Familjestöd 3" → `familjestöd-3`, Arabic stays Arabic): only what is not a letter or
    a digit becomes a hyphen."""
    name = unicodedata.normalize("NFC", device_name)
    slug = re.sub(r"[\W_]+", "-", name).strip("-").lower()[:40].strip("-") or "device"
    kind = "-full" if full else ""
    return f"forebygg-{slug}-{sequence:04d}{kind}-{date.today():%Y%m%d}{FILE_SUFFIX}"


def _verify(target: Path, content: bytes, sequence: int, public_raw: bytes) -> None:
    try:
        raw = read_package(target)
        if check_signature(raw.manifest, raw.name).public_key != public_raw:
            raise errors.BadSignatureError(name=raw.name)
    except errors.PackageError as error:
        raise errors.ExportVerifyError(name=target.name, detail=type(error).__name__) \
            from error
    if raw.sha256 != sha256_hex(content) or raw.manifest.get("sequence") != sequence:
        raise errors.ExportVerifyError(name=target.name, detail="content differs")


def _fill(report: FileReport, plan: MergePlan) -> None:
    report.counts = plan.counts
    report.rejected = plan.rejected
    report.conflicts = len(plan.conflicts)


def _remember(connection: Connection, sha: str, manifest: dict[str, Any], file_name: str,
              report: FileReport) -> None:
    """Record the file by its checksum (a file imported again with rejected rows: its
    summary and time are replaced)."""
    summary = {
        "full": manifest["full"] or manifest["since_local_seq"] == 0,
        "since_local_seq": manifest["since_local_seq"],
        "upto_local_seq": manifest["upto_local_seq"], "period": manifest["period"],
        "counts": {n: vars(c) for n, c in report.counts.items()},
        "rejected": [r.to_json() for r in report.rejected[:500]],
    }
    connection.execute(wire.upsert(connection, ImportedFile, ("sha256",),
                                   ("summary", "imported_at")), {
        "sha256": sha, "device_id": manifest["device_id"],
        "device_name": manifest["device_name"], "sequence": manifest["sequence"],
        "file_name": file_name, "imported_at": utc_now(), "summary": summary})


def _imported_at(session: Any, sha256: str) -> datetime | None:
    """When this file was imported before (None: never, or with rows it rejected then,
    which may be taken now)."""
    previous = _PREVIOUS.execute(connection_of(session), {"sha256": sha256}).first()
    return None if previous is None or previous.summary.get("rejected") \
        else previous.imported_at


# When a file was imported before, and what it held (read for every file of an import).
_PREVIOUS = DriverStatement(select(ImportedFile.imported_at, ImportedFile.summary).where(
    ImportedFile.sha256 == bindparam("sha256")))


def _report(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None:
        progress(done, total, label)


__all__ = ["DeviceStatus", "ExchangeService", "ExportResult", "FileReport", "record_types"]
