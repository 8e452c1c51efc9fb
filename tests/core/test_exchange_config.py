"""Configuration packages: what changes is shown, applied in one step, older refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.format import FORMAT_VERSION, record_types
from forebygg_desktop.core.models import Locality, Program, Staff
from forebygg_desktop.core.store import Store


@pytest.fixture(autouse=True)
def _english_messages() -> None:
    """The messages are asserted in their English source form."""
    i18n.set_language("en")

def edit_catalogue(central: Store) -> None:
    with central.uow.write() as tx:
        tx.session.get(Program, "TRUST").names["sv"] = "TrUSt – ny namnform"  # type: ignore
        program = tx.session.get(Program, "TRUST")
        assert program is not None
        program.names = {**program.names, "sv": "TrUSt – ny namnform"}
        program.default_minutes = 135
        tx.session.add(Locality(code="FINSTA", name="Finsta", area="Norrtälje",
                                priority_area=False, active=True, sort_order=99))
        tx.session.get(Locality, "HERRANG").active = False  # type: ignore[union-attr]
        tx.add(Staff(name="Gruppledare Ny", role="leader", certifications=["BIFF"]))


def test_laptop_sees_what_changes_then_applies_it_in_one_step(
        central: Store, laptop: Store, tmp_path: Path) -> None:
    edit_catalogue(central)
    path = central.exchange.make_config(tmp_path)
    plan = laptop.exchange.plan_config(path)
    assert plan.version == 2 and plan.current_version == 1
    changes = {(c.section, c.code, c.action) for c in plan.changes}
    assert {("programs", "TRUST", "changed"), ("localities", "FINSTA", "added"),
            ("localities", "HERRANG", "deactivated"),
            ("staff", "Gruppledare Ny", "added")} <= changes
    assert laptop.catalog.program("TRUST").default_minutes != 135  # type: ignore[union-attr]
    applied = laptop.exchange.apply_config(path)
    assert applied.applied and laptop.catalog.version() == 2
    assert laptop.catalog.program("TRUST").default_minutes == 135  # type: ignore[union-attr]
    assert "FINSTA" in {loc.code for loc in laptop.catalog.localities()}
    assert "HERRANG" not in {loc.code for loc in laptop.catalog.localities()}
    assert "Gruppledare Ny" in {s.name for s in laptop.catalog.staff()}
    assert laptop.exchange.plan_config(path).up_to_date
    # staff from the centre is not sent back: it carries local_seq 0
    export = laptop.exchange.export(tmp_path / "back.forebygg")
    assert export.counts["staff"] == 3  # only the laptop's own seeded rows


def test_older_package_is_refused_and_nothing_changes(
        central: Store, laptop: Store, tmp_path: Path) -> None:
    old = central.exchange.make_config(tmp_path / "v2.forebygg")
    new = central.exchange.make_config(tmp_path / "v3.forebygg")
    laptop.exchange.apply_config(new)
    before = hashlib.sha256(laptop.path.read_bytes()).hexdigest()
    with pytest.raises(errors.OlderConfigError) as caught:
        laptop.exchange.apply_config(old)
    assert "older" in caught.value.message() and "v2.forebygg" in caught.value.message()
    assert hashlib.sha256(laptop.path.read_bytes()).hexdigest() == before
    assert laptop.catalog.version() == 3


def test_data_package_is_not_a_configuration_package(laptop: Store, tmp_path: Path) -> None:
    path = laptop.exchange.export(tmp_path / "data.forebygg").path
    with pytest.raises(errors.NotConfigError):
        laptop.exchange.plan_config(path)


def _central_materials_with_extra_sheet(central: Store, checksum: str | None = None) -> Path:
    """Copy the shipped library to the central store and add one sheet (version bumped)."""
    import json
    import shutil

    from forebygg_desktop.core.paths import resources_dir

    source = central.exchange.config.materials_dir()
    assert source is not None
    shutil.copytree(resources_dir() / "materials", source)
    sheet = source / "sheets" / "extra" / "sv.md"
    sheet.parent.mkdir(parents=True)
    sheet.write_text("# Ny sida\n\nEn ny sida från förvaltningen.\n", encoding="utf-8")
    index = source / "index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    data["package_version"] += 1
    data["sheets"].append({"id": "extra", "program": None, "topic": "support", "version": 1,
                           "translations": [{
                               "language": "sv", "title": "Ny sida",
                               "file": "sheets/extra/sv.md", "format": "markdown",
                               "sha256": checksum or hashlib.sha256(
                                   sheet.read_bytes()).hexdigest(),
                               "review": "reviewed"}]})
    index.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return index


def test_materials_are_installed_into_the_data_folder(
        central: Store, laptop: Store, tmp_path: Path) -> None:
    index = _central_materials_with_extra_sheet(central)
    path = central.exchange.make_config(tmp_path)
    assert ("materials", "materials", "changed") in {
        (c.section, c.code, c.action) for c in laptop.exchange.plan_config(path).changes}
    laptop.exchange.apply_config(path)
    folder = laptop.exchange.config.materials_dir()
    assert folder is not None and (folder / "sheets" / "extra" / "sv.md").exists()
    assert (folder / "index.json").read_bytes() == index.read_bytes()
    assert "extra" in {sheet.id for sheet in laptop.materials.library().sheets}
    assert not laptop.exchange.plan_config(path).changes


def test_damaged_materials_refuse_the_whole_package(
        central: Store, laptop: Store, tmp_path: Path) -> None:
    from forebygg_desktop.core.materials_update import MaterialsUpdateError

    _central_materials_with_extra_sheet(central, checksum="0" * 64)
    central.catalog.apply_catalog(_bumped_catalog(central))
    path = central.exchange.make_config(tmp_path)
    version_before = laptop.catalog.version()
    with pytest.raises(MaterialsUpdateError):
        laptop.exchange.apply_config(path)
    assert laptop.catalog.version() == version_before
    folder = laptop.exchange.config.materials_dir()
    assert folder is None or not (folder / "sheets" / "extra").exists()


def _bumped_catalog(store: Store) -> dict[str, object]:
    from forebygg_desktop.core.catalog import load_catalog

    catalog = load_catalog()
    catalog["catalog_version"] = store.catalog.version() + 1
    return catalog


def test_wire_columns_are_frozen_for_format_version_2() -> None:
    """A schema change must not silently change the format: bump it and update the spec."""
    assert FORMAT_VERSION == 2
    names = {n: record_types()[n].names for n in record_types()}
    assert names["advice_talk"] == (
        "id", "device_id", "version", "clock", "deleted", "first_talk_on", "talks", "who_came",
        "theme_code", "language_code", "interpreter", "locality_code", "outcome",
        "referred_to", "moved_to_program", "created_at", "updated_at")
    assert names["evaluation_response"][:5] == ("id", "device_id", "version", "clock",
                                                "deleted")
    assert all("local_seq" not in columns for columns in names.values())
    assert list(names) == ["staff", "group_series", "meeting", "open_meeting", "advice_talk",
                           "digital_use", "evaluation_response", "research_count"]
    assert record_types()["evaluation_response"].time_column == "answered_on"
