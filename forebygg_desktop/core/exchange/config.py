"""Configuration packages: the central department's catalogue travelling to the laptops.

A configuration package carries the catalogue (programs, localities, languages, themes),
staff, published questionnaires and the materials library, with an increasing version.
A laptop shows what would change, applies it in one transaction, and refuses a package
older than the version it already has. Staff rows merge by the same rule as data rows and
get `local_seq` 0, so what came from the centre is not sent back to it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forebygg_desktop import __version__
from forebygg_desktop.core import settings
from forebygg_desktop.core.catalog import CATALOG_FORMAT, CatalogError, validate_catalog
from forebygg_desktop.core.device_keys import b64, department_key, device_key, raw_public
from forebygg_desktop.core.exchange import errors, trust, wire
from forebygg_desktop.core.exchange.container import (
    RawPackage,
    build_zip,
    read_package,
    sha256_hex,
    write_atomically,
)
from forebygg_desktop.core.exchange.format import (
    CLOCK_COLUMN,
    CONFIG_MEMBER,
    FILE_SUFFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_CONFIG,
    MATERIALS_PREFIX,
    UNSIGNED_FORMAT_VERSION,
    record_types,
)
from forebygg_desktop.core.exchange.merge import content, normalised, supersedes
from forebygg_desktop.core.exchange.seal import Signer
from forebygg_desktop.core.materials_update import install_materials_update
from forebygg_desktop.core.models import Language, Locality, Meta, Program, Questionnaire, Theme
from forebygg_desktop.core.paths import resources_dir
from forebygg_desktop.core.questionnaires import (
    QuestionnaireError,
    definition_fingerprint,
    load_questionnaires,
    questionnaire_from_definition,
    shipped_folder,
)
from forebygg_desktop.core.store.catalog import (  # the catalogue's own upsert rules
    _language_values,
    _locality_values,
    _program_values,
    _theme_values,
    _upsert_coded,
)
from forebygg_desktop.core.store.unit import UnitOfWork, read_meta
from forebygg_desktop.core.targets import check_target, target_in

MATERIALS_FOLDER = "materials"
CONFIG_HASH = "catalog_sha256"  # meta: the content of the configuration version applied
SECTIONS: dict[str, tuple[type[Any], Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "programs": (Program, _program_values), "localities": (Locality, _locality_values),
    "languages": (Language, _language_values), "themes": (Theme, _theme_values)}
PROGRAM_KEYS = ("kind", "names", "default_meetings", "default_minutes", "booster_meetings",
                "group_size_min", "group_size_max", "completion_min_meetings",
                "prevention_level", "target_group", "committee_decision_ref", "active")
SECTION_KEYS = {"programs": PROGRAM_KEYS, "localities": ("name", "area", "priority_area", "active"),
                "languages": ("names", "autonym", "active"),
                "themes": ("names", "applies_to", "active")}

# Versions go up by one a package: this is far more than a century of daily packages, and below the
# exchange format's integer limit (2**31 - 1), so the next version always fits (an explicit
# --version of 2147483647 once left the central computer unable to make another package).
HIGHEST_CONFIG_VERSION = 1_000_000


@dataclass(frozen=True)
class ConfigChange:
    """One entry a configuration package adds, changes or deactivates."""

    section: str  # programs | localities | languages | themes | staff | questionnaires | materials
    code: str
    action: str  # added | changed | deactivated


@dataclass
class ConfigPlan:
    path: Path
    version: int
    current_version: int
    changes: list[ConfigChange] = field(default_factory=list)
    applied: bool = False
    # The department's signing key (None: an unsigned version-1 package) and whether this
    # package is the first one, which pins that key on this laptop.
    department_fingerprint: str | None = None
    first_department_key: bool = False

    @property
    def unsigned(self) -> bool:
        return self.department_fingerprint is None

    @property
    def up_to_date(self) -> bool:
        return not self.changes


class ConfigService:
    def __init__(self, uow: UnitOfWork, data_dir: Path | None,
                 setting: Callable[[settings.Option[Any]], Any],
                 key_folder: Callable[[], Path]) -> None:
        self._uow = uow
        self._data_dir = data_dir
        self._setting = setting
        self._key_folder = key_folder

    def materials_dir(self) -> Path | None:
        """Where an applied package's materials live (None: the shipped ones are used)."""
        return self._data_dir / MATERIALS_FOLDER if self._data_dir else None

    # --- central: make --------------------------------------------------------------------
    def make(self, out: Path, version: int | None = None, force: bool = False) -> Path:
        """Write a configuration package of this store's catalogue (version: next one)."""
        keys = self._key_folder()
        with self._uow.read() as session:
            made = int(read_meta(session, "config_version_made") or 0)
            current = max(int(read_meta(session, "catalog_version") or 0), made)
            if version is not None and not 1 <= version <= HIGHEST_CONFIG_VERSION:
                raise errors.ConfigVersionRangeError(highest=HIGHEST_CONFIG_VERSION,
                                                     next=current + 1)
            if version is not None and version <= made:  # one version, one content
                raise errors.ConfigVersionUsedError(version=version, next=current + 1)
            version = version if version is not None else current + 1
            config = _catalogue(session) | {"format": CATALOG_FORMAT, "catalog_version": version,
                                            "department": self._setting(settings.DEPARTMENT)}
            config["staff"] = _staff_rows(session)
            config["questionnaires"] = _questionnaires(session)
        members = {CONFIG_MEMBER: json.dumps(config, ensure_ascii=False, indent=1,
                                             sort_keys=True).encode("utf-8")}
        members |= self._materials_members()
        manifest = {
            "format": FORMAT_NAME, "format_version": FORMAT_VERSION, "kind": KIND_CONFIG,
            "department": config["department"], "device_id": self._uow.device_id,
            "device_name": self._setting(settings.DEVICE_NAME) or "central",
            "config_version": version,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "program_version": __version__, "signature": None, "encryption": None,
            "department_encryption_key": b64(raw_public(department_key(keys).public_key())),
            "counts": {k: len(config[k]) for k in (*SECTIONS, "staff", "questionnaires")}
            | {"materials": sum(1 for m in members if m.startswith(MATERIALS_PREFIX))},
        }
        target = target_in(out, f"forebygg-config-v{version}{FILE_SUFFIX}")
        check_target(target, "package", data_dir=self._data_dir,
                     database=Path(self._uow.engine.url.database or ""), force=force)
        write_atomically(target, build_zip(manifest, members, device_key(keys)))
        try:
            read_package(target)  # read back before reporting success
        except BaseException:
            target.unlink(missing_ok=True)  # a package that fails its check is not left
            raise
        with self._uow.write() as tx:
            _set_meta(tx.session, "config_version_made", str(version))
        return target

    def _materials_members(self) -> dict[str, bytes]:
        folder = self.materials_dir()
        if folder is None or not (folder / "index.json").exists():
            folder = resources_dir() / MATERIALS_FOLDER
        return {MATERIALS_PREFIX + p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    # --- laptop: plan and apply -----------------------------------------------------------
    def plan(self, path: Path) -> ConfigPlan:
        """What applying the package would change (reads only)."""
        raw, config, signer = self._open(path)
        with self._uow.read() as session:
            return self._diff(session, raw, config, signer)

    def apply(self, path: Path) -> ConfigPlan:
        """Apply the package in one transaction (then install its materials)."""
        raw, config, signer = self._open(path)
        with self._uow.write() as tx:
            session = tx.session
            plan = self._diff(session, raw, config, signer)
            for section, (model, values) in SECTIONS.items():
                _upsert_coded(session, model, config[section], values)
            _merge_staff(session, config["staff"])
            for entry in config["questionnaires"]:
                if session.get(Questionnaire, (entry["code"], entry["version"])) is None:
                    session.add(Questionnaire(**entry))
            # Materials first: a damaged materials part refuses the package before the
            # catalogue changes (the transaction rolls back).
            self._install_materials(raw)
            _set_meta(session, "catalog_version", str(config["catalog_version"]))
            _set_meta(session, CONFIG_HASH, _config_hash(raw))
            if signer is not None:
                trust.pin_department(session, signer.key_b64,
                                     raw.manifest["department_encryption_key"])
        plan.applied = True
        return plan

    def _open(self, path: Path) -> tuple[RawPackage, dict[str, Any], Signer | None]:
        raw = read_package(path)
        manifest = raw.manifest
        if manifest["kind"] != KIND_CONFIG:
            raise errors.NotConfigError(name=raw.name)
        ours = self._setting(settings.DEPARTMENT)
        if manifest["department"] != ours:
            raise errors.OtherDepartmentError(name=raw.name, department=manifest["department"],
                                              ours=ours)
        with self._uow.read() as session:
            signer = trust.check_department(session, raw)
            current = int(read_meta(session, "catalog_version") or 0)
            applied_hash = read_meta(session, CONFIG_HASH)
        config = _parse_config(raw)
        if config["catalog_version"] < current:
            raise errors.OlderConfigError(name=raw.name, version=config["catalog_version"],
                                          current=current)
        if config["catalog_version"] == current and applied_hash is not None \
                and applied_hash != _config_hash(raw):
            raise errors.ConfigVersionReusedError(name=raw.name, version=current)
        return raw, config, signer

    def _diff(self, session: Session, raw: RawPackage, config: dict[str, Any],
              signer: Signer | None) -> ConfigPlan:
        plan = ConfigPlan(raw.path, config["catalog_version"],
                          int(read_meta(session, "catalog_version") or 0))
        if signer is not None:
            plan.department_fingerprint = signer.fingerprint
            plan.first_department_key = read_meta(session, trust.DEPARTMENT_SIGNING) is None
        stored = _catalogue(session)
        for section in SECTIONS:
            plan.changes += _section_changes(section, stored[section], config[section])
        staff_type = record_types()["staff"]
        have = {r["id"]: r for r in _staff_rows(session)}
        for entry in config["staff"]:
            old = have.get(entry["id"])
            row = tuple(entry[n] for n in staff_type.names)
            if old is None:
                plan.changes.append(ConfigChange("staff", entry["name"], "added"))
            elif (old_row := tuple(old[n] for n in staff_type.names)) and \
                    supersedes(staff_type, row, old_row) and \
                    content(staff_type, row) != content(staff_type, old_row):
                plan.changes.append(ConfigChange("staff", entry["name"], "changed"))
        for entry in config["questionnaires"]:
            if session.get(Questionnaire, (entry["code"], entry["version"])) is None:
                plan.changes.append(ConfigChange(
                    "questionnaires", f"{entry['code']} v{entry['version']}", "added"))
        if self._materials_differ(raw):
            plan.changes.append(ConfigChange("materials", MATERIALS_FOLDER, "changed"))
        return plan

    def _materials_differ(self, raw: RawPackage) -> bool:
        folder = self.materials_dir()
        incoming = raw.members.get(MATERIALS_PREFIX + "index.json")
        if folder is None or incoming is None:
            return False
        index = folder / "index.json"
        if not index.exists():
            index = resources_dir() / MATERIALS_FOLDER / "index.json"
        return not index.exists() or index.read_bytes() != incoming

    def _install_materials(self, raw: RawPackage) -> None:
        """Check and install the package's materials (checksums verified; never half a
        library: `install_materials_update` swaps a checked folder in, or leaves the old)."""
        folder = self.materials_dir()
        files = {n[len(MATERIALS_PREFIX):]: c for n, c in raw.members.items()
                 if n.startswith(MATERIALS_PREFIX)}
        if folder is None or "index.json" not in files or not self._materials_differ(raw):
            return
        install_materials_update(folder, files["index.json"], files)


def _config_hash(raw: RawPackage) -> str:
    """What a version stands for: the SHA-256 of the catalogue and materials it carries."""
    listed = raw.manifest["members"]
    return sha256_hex(json.dumps({n: listed[n]["sha256"] for n in sorted(listed)}).encode())


def _parse_config(raw: RawPackage) -> dict[str, Any]:
    def damaged(detail: str) -> errors.DamagedPackageError:
        return errors.DamagedPackageError(name=raw.name, detail=detail)

    content = raw.members.get(CONFIG_MEMBER)
    if content is None:
        raise damaged(f"{CONFIG_MEMBER} missing")
    try:
        config = json.loads(content.decode("utf-8"))
        validate_catalog(config)
    except (UnicodeDecodeError, json.JSONDecodeError, CatalogError, AttributeError,
            TypeError, KeyError) as error:
        raise damaged(f"catalogue: {str(error)[:60]}") from error
    if config["catalog_version"] != raw.manifest["config_version"]:
        raise damaged("version differs from manifest")
    staff_names = set(record_types()["staff"].names)
    for entry in config.get("staff", []):
        if isinstance(entry, dict) and raw.manifest["format_version"] == UNSIGNED_FORMAT_VERSION:
            entry.setdefault(CLOCK_COLUMN, {str(entry.get("device_id")): entry.get("version")})
        if not isinstance(entry, dict) or set(entry) != staff_names or not _is_clock(entry):
            raise damaged("staff")
    for entry in config.get("questionnaires", []):
        try:
            questionnaire_from_definition(entry["definition"])
            if definition_fingerprint(entry["definition"]) != entry["fingerprint"]:
                raise damaged("questionnaire fingerprint")
        except (QuestionnaireError, KeyError, TypeError) as error:
            raise damaged("questionnaire") from error
    config.setdefault("staff", [])
    config.setdefault("questionnaires", [])
    return dict(config)


def _is_clock(entry: dict[str, Any]) -> bool:
    clock = entry[CLOCK_COLUMN]
    return isinstance(clock, dict) and entry["device_id"] in clock and all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in clock.values())


def _catalogue(session: Session) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for section, (model, _values) in SECTIONS.items():
        rows = session.scalars(select(model).order_by(model.sort_order, model.code))
        out[section] = [{"code": r.code} | {k: getattr(r, k) for k in SECTION_KEYS[section]}
                        for r in rows]
    return out


def _section_changes(section: str, stored: list[dict[str, Any]],
                     incoming: list[dict[str, Any]]) -> list[ConfigChange]:
    have = {e["code"]: e for e in stored}
    changes = []
    for entry in incoming:
        old = have.get(entry["code"])
        wanted = {k: entry.get(k, True if k == "active" else None) for k in SECTION_KEYS[section]}
        if old is None:
            changes.append(ConfigChange(section, entry["code"], "added"))
        elif old["active"] and not wanted["active"]:
            changes.append(ConfigChange(section, entry["code"], "deactivated"))
        elif any(_norm(old[k]) != _norm(v) for k, v in wanted.items()
                 if k not in ("booster_meetings", "target_group", "priority_area")
                 or v is not None):
            changes.append(ConfigChange(section, entry["code"], "changed"))
    codes = {e["code"] for e in incoming}
    changes += [ConfigChange(section, e["code"], "deactivated")
                for e in stored if e["active"] and e["code"] not in codes]
    return changes


def _norm(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _staff_rows(session: Session) -> list[dict[str, Any]]:
    staff = record_types()["staff"]
    columns = ", ".join(f'"{n}"' for n in staff.names)
    connection = session.connection()
    result = connection.exec_driver_sql(f"SELECT {columns} FROM staff ORDER BY id").all()
    rows = [dict(zip(staff.names, r, strict=True))
            for r in wire.from_store(connection, staff, result)]
    for row in rows:  # the version vector travels as a JSON object, like in the data file
        row[CLOCK_COLUMN] = json.loads(row[CLOCK_COLUMN])
    return rows


def _merge_staff(session: Session, entries: list[dict[str, Any]]) -> None:
    staff = record_types()["staff"]
    have = {r["id"]: normalised(staff, tuple(r[n] for n in staff.names))
            for r in _staff_rows(session)}
    # Only a version made knowing the laptop's own is taken: a concurrent local edit stays
    # (and travels to the centre, which lists the conflict and sends its resolution back).
    winners = []
    for entry in entries:
        row = normalised(staff, tuple(entry[n] for n in staff.names))
        old = have.get(row[0])
        if old is None or (row != old and supersedes(staff, row, old)):
            winners.append(row)
    if not winners:
        return
    columns = [*staff.names, "local_seq"]
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
    connection = session.connection()
    connection.exec_driver_sql(
        f'INSERT INTO staff ({", ".join(columns)}) VALUES ({wire.marks(connection, len(columns))})'
        f" ON CONFLICT(id) DO UPDATE SET {updates}",
        wire.to_store(connection, staff, winners, (0,)))


def _questionnaires(session: Session) -> list[dict[str, Any]]:
    found = {(q.code, q.version): {"code": q.code, "version": q.version,
                                   "fingerprint": q.fingerprint, "definition": q.definition()}
             for q in load_questionnaires(shipped_folder())}
    for row in session.scalars(select(Questionnaire)):
        found[(row.code, row.version)] = {"code": row.code, "version": row.version,
                                          "fingerprint": row.fingerprint,
                                          "definition": dict(row.definition)}
    return [found[k] for k in sorted(found)]


def _set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
