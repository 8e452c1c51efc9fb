"""Materials updates from the central department, and the library the viewer reads.

The central department's configuration package carries a whole materials library (the
same layout as `resources/materials/`). `install_materials_update` checks it — format,
package version, every file against its SHA-256 — and only then swaps it into the data
folder (`<data_dir>/materials/`), so a laptop never holds half a library.

The viewer reads `merged_library`: the shipped library and the installed update side by
side, sheet by sheet, the higher version winning. So a program update that ships newer
texts is not hidden by an older package, and an update never removes a shipped sheet.
A sheet is "new" while its version is higher than the version the user last opened (or,
never opened, than the shipped version): updated and added sheets stand out until read.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.materials import (
    INDEX_FILE,
    SUPPORTED_FORMAT,
    MaterialLibrary,
    MaterialsError,
    Sheet,
    load_library,
)
from forebygg_desktop.core.package_paths import is_safe

log = logging.getLogger(__name__)

UPDATE_FOLDER = "materials"
_STAGING_SUFFIX = ".incoming"
_OLD_SUFFIX = ".replaced"


class MaterialsUpdateError(UserError):
    """A materials package that cannot be installed; the installed library is untouched."""

    msgid = N_("The materials in the package could not be installed ({detail}). "
               "The library you had is unchanged. Ask the central department for a new "
               "package.")


class MaterialsInUseError(MaterialsUpdateError):
    """The swap could not rename a folder (a file in it is open); the old library stays."""

    msgid = N_("The new materials could not be put in place because a file in the "
               "materials folder is open in another program ({detail}). Close the open "
               "material and try again. The library you had is unchanged.")


class OlderMaterialsError(MaterialsUpdateError):
    """The package's materials are older than those already installed."""

    msgid = N_("The package holds materials version {version}, older than the installed "
               "version {current}. Nothing was changed.")


@dataclass(frozen=True)
class InstallReport:
    """What an installed update brought, compared with the library read before it."""

    package_version: int
    added: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: int


def update_dir(data_dir: Path) -> Path:
    """Where an installed update lives: `<data_dir>/materials/`."""
    return data_dir / UPDATE_FOLDER


def installed_version(target_dir: Path) -> int:
    """The package version of the update installed in `target_dir`, 0 when none is."""
    try:
        data = json.loads((target_dir / INDEX_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return 0
    version = data.get("package_version") if isinstance(data, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def install_materials_update(target_dir: Path, index: bytes, files: Mapping[str, bytes], *,
                             previous: Mapping[str, int] | None = None) -> InstallReport:
    """Check a materials package and install it as the library in `target_dir`.

    `index` is the package's `index.json`; `files` maps each path the index lists (relative,
    forward slashes, e.g. `sheets/x/ar.md`) to its bytes (other entries are ignored). The
    package is written beside `target_dir`, read back and checked with the same loader the
    viewer uses, then swapped in. Raises OlderMaterialsError for a package older than the
    installed one and MaterialsUpdateError for a damaged one (bad index, missing file,
    checksum mismatch, unsafe path); in both cases `target_dir` is left as it was.
    The report's added/changed sheets are counted against `previous` ({sheet id: version},
    e.g. of the merged library) or else against the update installed before.
    """
    data = _parse_index(index)
    recover_swap(target_dir)
    version = data["package_version"]
    current = installed_version(target_dir)
    if version < current:
        raise OlderMaterialsError(version=version, current=current)
    before = dict(previous) if previous is not None else _sheet_versions(target_dir)
    staging = target_dir.with_name(target_dir.name + _STAGING_SUFFIX)
    fsretry.rmtree(staging)
    try:
        for relative in _listed_files(data):
            content = files.get(relative)
            if content is None:
                raise MaterialsUpdateError(detail=f"missing {relative}")
            target = staging.joinpath(*PurePosixPath(relative).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        staging.mkdir(parents=True, exist_ok=True)
        (staging / INDEX_FILE).write_bytes(index)
        library = load_library(staging)  # the checksums, read back from disk
        if library.problems:
            raise MaterialsUpdateError(detail=library.problems[0])
    except MaterialsError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise MaterialsUpdateError(detail=error.message) from error
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, target_dir)
    added = tuple(s.id for s in library.sheets if s.id not in before)
    changed = tuple(s.id for s in library.sheets
                    if s.id in before and s.version != before[s.id])
    return InstallReport(version, added, changed,
                         len(library.sheets) - len(added) - len(changed))


def merged_library(shipped_root: Path, update_root: Path | None) -> MaterialLibrary:
    """The library to show: shipped sheets and installed ones, the higher version winning.

    At equal versions the installed copy wins (the department's latest word). A sheet whose
    winning copy has no readable file falls back to the other copy. A damaged or missing
    update leaves the shipped library, with the fault listed in `problems`.
    Raises MaterialsError only when the shipped library itself cannot be read.
    """
    shipped = load_library(shipped_root)
    if update_root is not None:
        try:
            recover_swap(update_root)
        except OSError:
            log.warning("an interrupted materials update could not be undone yet")
    if update_root is None or not (update_root / INDEX_FILE).exists():
        return shipped
    try:
        update = load_library(update_root)
    except MaterialsError as error:
        return _with_problems(shipped, (f"update: {error.message}",))
    sources = [update, shipped]  # update first: it wins ties
    chosen: dict[str, tuple[Sheet, MaterialLibrary]] = {}
    for library in sources:
        for sheet in library.sheets:
            if not _readable(library, sheet):
                continue
            held = chosen.get(sheet.id)
            if held is None or sheet.version > held[0].version:
                chosen[sheet.id] = (sheet, library)
    order = [s.id for s in shipped.sheets] + [s.id for s in update.sheets
                                             if s.id not in {x.id for x in shipped.sheets}]
    sheets = tuple(chosen[i][0] for i in order if i in chosen)
    usable = frozenset((sid, lang) for sid, lang in (shipped.usable | update.usable)
                       if sid in chosen and (sid, lang) in chosen[sid][1].usable)
    return MaterialLibrary(
        root=shipped.root,
        package_version=max(shipped.package_version, update.package_version),
        sheets=sheets,
        problems=shipped.problems + tuple(f"update: {p}" for p in update.problems),
        usable=usable,
        sheet_roots={s.id: chosen[s.id][1].root for s in sheets},
    )


def new_sheet_ids(library: MaterialLibrary, shipped: Mapping[str, int],
                  seen: Mapping[str, int]) -> frozenset[str]:
    """Sheets newer than the user last opened them (never opened: than the shipped one).

    `shipped` maps sheet id to the version shipped with the program, `seen` to the version
    last opened. A sheet the program did not ship and the user never opened is new.
    """
    return frozenset(s.id for s in library.sheets
                     if s.version > seen.get(s.id, shipped.get(s.id, 0)))


def shipped_versions(shipped_root: Path) -> dict[str, int]:
    """{sheet id: version} of the library shipped with the program (empty if unreadable)."""
    return _sheet_versions(shipped_root)


def _parse_index(index: bytes) -> dict[str, Any]:
    try:
        data = json.loads(index.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MaterialsUpdateError(detail=f"index.json: {error}") from error
    if not isinstance(data, dict) or data.get("format") != SUPPORTED_FORMAT:
        raise MaterialsUpdateError(detail="index.json: unsupported format")
    version = data.get("package_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise MaterialsUpdateError(detail="index.json: package_version")
    return data


def _listed_files(data: dict[str, Any]) -> list[str]:
    """Every file the index lists, each checked to stay inside the library folder."""
    listed: list[str] = []
    sheets = data.get("sheets")
    if not isinstance(sheets, list):
        raise MaterialsUpdateError(detail="index.json: sheets")
    for sheet in sheets:
        for translation in (sheet.get("translations") or []) if isinstance(sheet, dict) else []:
            relative = translation.get("file") if isinstance(translation, dict) else None
            if not isinstance(relative, str):
                continue  # the loader reports it when the staged copy is read back
            if not is_safe(relative) or relative.casefold() == INDEX_FILE:
                raise MaterialsUpdateError(detail=f"unsafe path {relative!r}")
            listed.append(relative)
    return listed


def _swap_in(staging: Path, target_dir: Path) -> None:
    """Replace `target_dir` by `staging` with renames (a crash leaves one whole library).

    On Windows a folder cannot be renamed while a file in it is open (a PDF sheet in
    Acrobat): the previous library is then put back and MaterialsInUseError raised. A swap
    cut short by a crash is completed or undone by `recover_swap` at the next use.
    """
    recover_swap(target_dir)
    old = target_dir.with_name(target_dir.name + _OLD_SUFFIX)
    had_target = target_dir.exists()
    try:
        fsretry.rmtree(old)
        if had_target:
            fsretry.rename(target_dir, old)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise MaterialsInUseError(detail=error.strerror or str(error)) from error
    try:
        fsretry.rename(staging, target_dir)
    except OSError as error:
        if had_target:
            fsretry.rename(old, target_dir)  # the previous library, back in its place
        shutil.rmtree(staging, ignore_errors=True)
        raise MaterialsInUseError(detail=error.strerror or str(error)) from error
    try:
        fsretry.rmtree(old)
    except OSError:
        log.warning("the replaced materials folder could not be deleted yet")


def recover_swap(target_dir: Path) -> None:
    """Finish what an interrupted swap left: the previous library back when none is in place.

    Between the two renames of `_swap_in` only `<target>.replaced` exists; it is renamed
    back. A leftover staging folder is never used (it was not swapped in, so it may be
    incomplete) and is removed by the next install.
    """
    old = target_dir.with_name(target_dir.name + _OLD_SUFFIX)
    if not target_dir.exists() and (old / INDEX_FILE).exists():
        log.warning("an interrupted materials update was undone")
        fsretry.rename(old, target_dir)


def _sheet_versions(root: Path) -> dict[str, int]:
    try:
        return {s.id: s.version for s in load_library(root).sheets}
    except MaterialsError:
        return {}


def _readable(library: MaterialLibrary, sheet: Sheet) -> bool:
    return any((sheet.id, lang) in library.usable for lang in sheet.languages)


def _with_problems(library: MaterialLibrary, problems: tuple[str, ...]) -> MaterialLibrary:
    return MaterialLibrary(library.root, library.package_version, library.sheets,
                           library.problems + problems, library.usable, library.sheet_roots)
