"""Materials updates: checked install, the merged library, and the "new" marks."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.materials import load_library
from forebygg_desktop.core.materials_update import (
    MaterialsUpdateError,
    OlderMaterialsError,
    install_materials_update,
    installed_version,
    merged_library,
    new_sheet_ids,
    update_dir,
)
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.materials import MaterialsService

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "materials"


def _package(sheets: dict[str, tuple[int, dict[str, str]]], package_version: int = 2,
             fmt: str = "markdown") -> tuple[bytes, dict[str, bytes]]:
    """An index and its files: {sheet id: (version, {language: text})}."""
    files: dict[str, bytes] = {}
    entries: list[dict[str, Any]] = []
    for sheet_id, (version, texts) in sheets.items():
        translations = []
        for language, text in texts.items():
            suffix = "pdf" if fmt == "pdf" else "md"
            relative = f"sheets/{sheet_id}/{language}.{suffix}"
            content = text.encode("utf-8")
            files[relative] = content
            translations.append({"language": language, "title": text.splitlines()[0][2:],
                                 "file": relative, "format": fmt,
                                 "sha256": hashlib.sha256(content).hexdigest(),
                                 "review": "draft"})
        entries.append({"id": sheet_id, "program": None, "topic": "support",
                        "version": version, "translations": translations})
    index = {"format": 1, "package_version": package_version, "sheets": entries}
    return json.dumps(index).encode("utf-8"), files


# --- install ------------------------------------------------------------------------------

def test_install_writes_a_library_the_loader_accepts(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    index, files = _package({"new-sheet": (1, {"sv": "# Ny\n", "ar": "# جديد\n"})})
    report = install_materials_update(target, index, files)
    assert report.added == ("new-sheet",) and report.package_version == 2
    library = load_library(target)
    assert library.problems == ()
    assert library.resolve("new-sheet", "ar").read_text() == "# جديد\n"
    assert installed_version(target) == 2
    assert not list(tmp_path.glob("materials.*"))  # no staging or old folder left behind


def test_a_checksum_mismatch_is_refused_and_the_old_library_kept(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package({"a": (1, {"sv": "# A\n"})}))
    index, files = _package({"a": (2, {"sv": "# A2\n"})}, package_version=3)
    files["sheets/a/sv.md"] = b"# tampered\n"
    with pytest.raises(MaterialsUpdateError) as caught:
        install_materials_update(target, index, files)
    assert "checksum" in str(caught.value.params["detail"])
    assert load_library(target).resolve("a", "sv").read_text() == "# A\n"
    assert installed_version(target) == 2
    assert not (tmp_path / "materials.incoming").exists()


def test_a_missing_file_or_unsafe_path_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    index, _files = _package({"a": (1, {"sv": "# A\n"})})
    with pytest.raises(MaterialsUpdateError):
        install_materials_update(target, index, {})
    unsafe = json.loads(index)
    unsafe["sheets"][0]["translations"][0]["file"] = "../escape.md"
    with pytest.raises(MaterialsUpdateError):
        install_materials_update(target, json.dumps(unsafe).encode(), {"../escape.md": b"x"})
    assert not target.exists() and not (tmp_path / "escape.md").exists()


def test_an_older_package_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package({"a": (3, {"sv": "# A\n"})}, package_version=5))
    with pytest.raises(OlderMaterialsError) as caught:
        install_materials_update(target, *_package({"a": (4, {"sv": "# B\n"})},
                                                   package_version=4))
    assert caught.value.params == {"version": 4, "current": 5}
    assert load_library(target).resolve("a", "sv").read_text() == "# A\n"


def test_report_counts_changed_sheets_against_the_previous_versions(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package({"a": (1, {"sv": "# A\n"}),
                                                "b": (1, {"sv": "# B\n"})}))
    report = install_materials_update(target, *_package(
        {"a": (2, {"sv": "# A2\n"}), "b": (1, {"sv": "# B\n"}), "c": (1, {"sv": "# C\n"})},
        package_version=3))
    assert (report.added, report.changed, report.unchanged) == (("c",), ("a",), 1)


# --- merged library -----------------------------------------------------------------------

def test_merged_library_newer_version_wins_per_sheet(tmp_path: Path) -> None:
    shipped = load_library(SHIPPED)
    abc = shipped.sheet("program-abc-3-12")
    fos = shipped.sheet("program-fos")
    target = tmp_path / "materials"
    install_materials_update(target, *_package({
        abc.id: (abc.version + 1, {"sv": "# ABC uppdaterad\n"}),
        fos.id: (fos.version - 1, {"sv": "# FÖS gammal\n"}),
        "added-sheet": (1, {"so": "# Cusub\n", "sv": "# Nytt\n"}),
    }))
    merged = merged_library(SHIPPED, target)
    assert merged.problems == ()
    assert merged.sheet(abc.id).version == abc.version + 1
    assert merged.resolve(abc.id, "sv").read_text() == "# ABC uppdaterad\n"
    # The update has no Arabic for ABC any more: Swedish with the fallback flag, never blank.
    arabic = merged.resolve(abc.id, "ar")
    assert arabic.is_fallback and arabic.language == "sv"
    # An older copy in the update does not hide the shipped one.
    assert merged.resolve(fos.id, "ar").path == SHIPPED / "sheets/program-fos/ar.md"
    assert not merged.resolve(fos.id, "ar").is_fallback
    assert merged.sheet("added-sheet").version == 1
    assert len(merged.sheets) == len(shipped.sheets) + 1
    assert merged.sheets[-1].id == "added-sheet"


def test_damaged_update_leaves_the_shipped_library(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    target.mkdir()
    (target / "index.json").write_text("{ not json", encoding="utf-8")
    merged = merged_library(SHIPPED, target)
    assert len(merged.sheets) == len(load_library(SHIPPED).sheets)
    assert any(p.startswith("update:") for p in merged.problems)


def test_an_update_sheet_with_a_broken_file_falls_back_to_the_shipped_copy(
        tmp_path: Path) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package({"program-fos": (99, {"sv": "# Ny FÖS\n"})}))
    (target / "sheets/program-fos/sv.md").write_text("# edited by hand\n", encoding="utf-8")
    merged = merged_library(SHIPPED, target)
    assert merged.sheet("program-fos").version == load_library(SHIPPED).sheet(
        "program-fos").version
    assert any("checksum" in p for p in merged.problems)


def test_pdf_materials_are_accepted_by_the_index(tmp_path: Path) -> None:
    target = tmp_path / "materials"
    install_materials_update(target, *_package({"leaflet": (1, {"sv": "# %PDF-1.4 stub\n"})},
                                               fmt="pdf"))
    resolved = load_library(target).resolve("leaflet", "so")
    assert resolved.translation.format == "pdf" and resolved.is_fallback
    assert resolved.path.suffix == ".pdf"


# --- "new" marks --------------------------------------------------------------------------

def test_new_marks_follow_the_last_opened_version() -> None:
    library = load_library(SHIPPED)
    shipped = {s.id: s.version for s in library.sheets}
    assert new_sheet_ids(library, shipped, {}) == frozenset()
    older = dict(shipped, **{"program-fos": shipped["program-fos"] - 1})
    assert new_sheet_ids(library, older, {}) == {"program-fos"}
    assert new_sheet_ids(library, older, {"program-fos": shipped["program-fos"]}) == set()
    assert new_sheet_ids(library, {}, {}) == {s.id for s in library.sheets}


def test_store_service_marks_new_until_opened_and_remembers(store: Store) -> None:
    assert store.data_dir is not None
    service = store.materials
    assert service.update_root == update_dir(store.data_dir)
    assert service.new_ids(service.library()) == frozenset()
    version = service.library().sheet("program-trust").version + 1
    report = service.install_update(*_package({"program-trust": (version, {
        "sv": "# TrUSt nytt\n"})}))
    assert report.changed == ("program-trust",) and report.added == ()
    library = service.library()
    assert service.new_ids(library) == {"program-trust"}
    change = service.mark_seen("program-trust", version)
    assert (change.kind, change.ids) == ("materials", ("program-trust",))
    assert service.new_ids(service.library()) == frozenset()
    assert store.settings.get(settings.MATERIALS_SEEN) == {"program-trust": version}
    # The declared default is never changed by marking.
    assert settings.MATERIALS_SEEN.default == {}


def test_service_without_data_folder_reads_the_shipped_library(store: Store) -> None:
    service = MaterialsService(store.settings, None)
    assert len(service.library().sheets) == len(load_library(SHIPPED).sheets)
    with pytest.raises(ValueError):
        service.install_update(*_package({"a": (1, {"sv": "# A\n"})}))
