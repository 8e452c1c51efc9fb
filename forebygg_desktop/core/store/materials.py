"""The materials library as the interface sees it: merged, with "new" marks that persist."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from forebygg_desktop.core import settings
from forebygg_desktop.core.materials import MaterialLibrary
from forebygg_desktop.core.materials_update import (
    InstallReport,
    install_materials_update,
    merged_library,
    new_sheet_ids,
    shipped_versions,
    update_dir,
)
from forebygg_desktop.core.paths import resources_dir
from forebygg_desktop.core.store.preferences import SettingsService
from forebygg_desktop.core.store.unit import Change

CHANGE_KIND = "materials"


class MaterialsService:
    """Reads the shipped library merged with the installed update; remembers what was read.

    `shipped_root` defaults to `resources/materials`; the update lives in
    `<data_dir>/materials` (without a data folder only the shipped library is used).
    """

    def __init__(self, settings_service: SettingsService, data_dir: Path | None,
                 shipped_root: Path | None = None) -> None:
        self._settings = settings_service
        self._shipped_root = shipped_root or resources_dir() / "materials"
        self._update_root = update_dir(data_dir) if data_dir is not None else None

    @property
    def update_root(self) -> Path | None:
        """Where updates from the central department are installed."""
        return self._update_root

    def library(self) -> MaterialLibrary:
        """The library to show (reads and checksums every file: call once per refresh)."""
        return merged_library(self._shipped_root, self._update_root)

    def new_ids(self, library: MaterialLibrary) -> frozenset[str]:
        """Sheets of `library` to mark "new": newer than the version the user last opened."""
        seen = self._settings.get(settings.MATERIALS_SEEN)
        return new_sheet_ids(library, shipped_versions(self._shipped_root), seen)

    def mark_seen(self, sheet_id: str, version: int) -> Change:
        """Remember that `version` of a sheet was opened (it is no longer "new")."""
        seen = dict(self._settings.get(settings.MATERIALS_SEEN))
        if seen.get(sheet_id, 0) < version:
            seen[sheet_id] = version
            self._settings.set(settings.MATERIALS_SEEN, seen)
        return Change(CHANGE_KIND, "seen", (sheet_id,))

    def install_update(self, index: bytes, files: Mapping[str, bytes]) -> InstallReport:
        """Install a materials package from the central department (see materials_update)."""
        if self._update_root is None:
            raise ValueError("no data folder: materials updates cannot be installed")
        previous = {s.id: s.version for s in self.library().sheets}
        return install_materials_update(self._update_root, index, files, previous=previous)
