"""Catalogue reads and updates: programs, localities, languages, themes and staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from forebygg_desktop.core.i18n import localized
from forebygg_desktop.core.models import Language, Locality, Meta, Program, Staff, Theme
from forebygg_desktop.core.store.unit import Change, UnitOfWork, read_meta


@dataclass(frozen=True)
class ProgramInfo:
    code: str
    kind: str
    names: dict[str, str]
    default_meetings: int | None
    default_minutes: int | None
    booster_meetings: int
    group_size_min: int | None
    group_size_max: int | None
    completion_min_meetings: int | None
    prevention_level: str
    target_group: dict[str, str]
    committee_decision_ref: str | None
    active: bool

    def name(self, language: str | None = None) -> str:
        """The program's name in `language` (default: the interface language)."""
        return localized(self.names, language) or self.code


@dataclass(frozen=True)
class LocalityInfo:
    code: str
    name: str
    area: str
    priority_area: bool
    active: bool


@dataclass(frozen=True)
class LanguageOption:
    code: str
    names: dict[str, str]
    autonym: str
    active: bool

    def name(self, language: str | None = None) -> str:
        return localized(self.names, language) or self.autonym


@dataclass(frozen=True)
class ThemeInfo:
    code: str
    names: dict[str, str]
    applies_to: tuple[str, ...]
    active: bool

    def name(self, language: str | None = None) -> str:
        return localized(self.names, language) or self.code


@dataclass(frozen=True)
class StaffInfo:
    id: str
    name: str
    role: str
    certifications: tuple[str, ...]
    active: bool


_PROGRAM_FIELDS = ("kind", "names", "default_meetings", "default_minutes", "booster_meetings",
                   "group_size_min", "group_size_max", "completion_min_meetings",
                   "prevention_level", "target_group", "committee_decision_ref")


class CatalogService:
    """Read access to the catalogue and the one way to replace it (a catalogue package)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def programs(self, include_inactive: bool = False) -> list[ProgramInfo]:
        with self._uow.read() as session:
            query = select(Program).order_by(Program.sort_order, Program.code)
            if not include_inactive:
                query = query.where(Program.active.is_(True))
            return [_program_info(p) for p in session.scalars(query)]

    def program(self, code: str) -> ProgramInfo | None:
        with self._uow.read() as session:
            row = session.get(Program, code)
            return _program_info(row) if row else None

    def localities(self, include_inactive: bool = False) -> list[LocalityInfo]:
        with self._uow.read() as session:
            query = select(Locality).order_by(Locality.sort_order, Locality.name)
            if not include_inactive:
                query = query.where(Locality.active.is_(True))
            return [LocalityInfo(r.code, r.name, r.area, r.priority_area, r.active)
                    for r in session.scalars(query)]

    def languages(self, include_inactive: bool = False) -> list[LanguageOption]:
        with self._uow.read() as session:
            query = select(Language).order_by(Language.sort_order, Language.code)
            if not include_inactive:
                query = query.where(Language.active.is_(True))
            return [LanguageOption(r.code, dict(r.names), r.autonym, r.active)
                    for r in session.scalars(query)]

    def themes(self, applies_to: str | None = None) -> list[ThemeInfo]:
        with self._uow.read() as session:
            rows = session.scalars(select(Theme).where(Theme.active.is_(True))
                                   .order_by(Theme.sort_order, Theme.code))
            themes = [ThemeInfo(r.code, dict(r.names), tuple(r.applies_to), r.active)
                      for r in rows]
        return [t for t in themes if applies_to is None or applies_to in t.applies_to]

    def staff(self, include_inactive: bool = False) -> list[StaffInfo]:
        with self._uow.read() as session:
            query = select(Staff).where(Staff.deleted.is_(False)).order_by(Staff.name)
            if not include_inactive:
                query = query.where(Staff.active.is_(True))
            return [StaffInfo(r.id, r.name, r.role, tuple(r.certifications), r.active)
                    for r in session.scalars(query)]

    def version(self) -> int:
        """The version of the catalogue package last applied (0 before any)."""
        with self._uow.read() as session:
            return int(read_meta(session, "catalog_version") or 0)

    def apply_catalog(self, catalog: dict[str, Any]) -> Change:
        """Replace the catalogue with a package's content in one transaction.

        Entries missing from the package are deactivated, never deleted: recorded data
        keeps pointing at them.
        """
        with self._uow.write() as tx:
            session = tx.session
            _upsert_coded(session, Program, catalog.get("programs", []), _program_values)
            _upsert_coded(session, Locality, catalog.get("localities", []), _locality_values)
            _upsert_coded(session, Language, catalog.get("languages", []), _language_values)
            _upsert_coded(session, Theme, catalog.get("themes", []), _theme_values)
            for entry in catalog.get("staff", []):
                row = session.get(Staff, entry["id"])
                if row is None:
                    row = Staff(id=entry["id"], name=entry["name"], role=entry["role"],
                                certifications=list(entry.get("certifications", [])),
                                active=entry.get("active", True))
                    tx.add(row)
                else:
                    row.name, row.role = entry["name"], entry["role"]
                    row.certifications = list(entry.get("certifications", []))
                    row.active = entry.get("active", True)
                    tx.touch(row)
            version = str(catalog.get("catalog_version", 0))
            meta = session.get(Meta, "catalog_version")
            if meta is None:
                session.add(Meta(key="catalog_version", value=version))
            else:
                meta.value = version
        return Change("catalog", "updated")


def _upsert_coded(session: Any, model: Any, entries: list[dict[str, Any]], values: Any) -> None:
    seen = set()
    for order, entry in enumerate(entries):
        seen.add(entry["code"])
        row = session.get(model, entry["code"])
        attributes = values(entry) | {"sort_order": order, "active": entry.get("active", True)}
        if row is None:
            session.add(model(code=entry["code"], **attributes))
        else:
            for name, value in attributes.items():
                setattr(row, name, value)
    for row in session.scalars(select(model)):
        if row.code not in seen:
            row.active = False


def _program_values(entry: dict[str, Any]) -> dict[str, Any]:
    values = {name: entry.get(name) for name in _PROGRAM_FIELDS}
    values["booster_meetings"] = entry.get("booster_meetings") or 0
    values["target_group"] = entry.get("target_group") or {}
    return values


def _locality_values(entry: dict[str, Any]) -> dict[str, Any]:
    return {"name": entry["name"], "area": entry["area"],
            "priority_area": bool(entry.get("priority_area", False))}


def _language_values(entry: dict[str, Any]) -> dict[str, Any]:
    return {"names": entry["names"], "autonym": entry["autonym"]}


def _theme_values(entry: dict[str, Any]) -> dict[str, Any]:
    return {"names": entry["names"], "applies_to": list(entry.get("applies_to", []))}


def _program_info(row: Program) -> ProgramInfo:
    return ProgramInfo(
        code=row.code, kind=row.kind, names=dict(row.names),
        default_meetings=row.default_meetings, default_minutes=row.default_minutes,
        booster_meetings=row.booster_meetings, group_size_min=row.group_size_min,
        group_size_max=row.group_size_max, completion_min_meetings=row.completion_min_meetings,
        prevention_level=row.prevention_level, target_group=dict(row.target_group),
        committee_decision_ref=row.committee_decision_ref, active=row.active)
