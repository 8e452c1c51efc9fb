"""Settings, drafts, catalogue apply/deactivate, is_empty, and the Store as a whole."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.catalog import CatalogError, load_catalog, validate_catalog
from forebygg_desktop.core.models import Staff
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import DigitalUseData, SeriesData

# --- settings -------------------------------------------------------------------------------


def test_settings_default_until_set_and_persist(store: Store, tmp_path: Path) -> None:
    assert store.settings.get(settings.SUPPRESSION_THRESHOLD) == 5
    assert store.settings.get(settings.DEFAULT_LOCALITY) is None
    change = store.settings.set(settings.SUPPRESSION_THRESHOLD, 3)
    assert (change.kind, change.ids) == ("setting", ("suppression_threshold",))
    store.settings.set(settings.DEFAULT_LOCALITY, "RIMBO")
    store.settings.set(settings.SETUP_DONE, True)
    path = store.path
    store.close()
    again = open_store(path)
    try:
        assert again.settings.get(settings.SUPPRESSION_THRESHOLD) == 3
        assert again.settings.get(settings.DEFAULT_LOCALITY) == "RIMBO"
        assert again.settings.get(settings.SETUP_DONE) is True
    finally:
        again.close()


def test_a_setting_can_be_cleared_back_to_its_default(store: Store) -> None:
    store.settings.set(settings.DEFAULT_LOCALITY, "RIMBO")
    store.settings.set(settings.DEFAULT_LOCALITY, None)
    assert store.settings.get(settings.DEFAULT_LOCALITY) is None


def test_a_setting_of_the_wrong_type_is_refused(store: Store) -> None:
    with pytest.raises(TypeError):
        store.settings.set(settings.SUPPRESSION_THRESHOLD, "5")  # type: ignore[arg-type]


def test_a_stored_value_of_the_wrong_type_reads_as_the_default() -> None:
    assert settings.SUPPRESSION_THRESHOLD.coerce("7") == 5
    assert settings.SUPPRESSION_THRESHOLD.coerce(True) == 5  # a bool is not a count
    assert settings.SUPPRESSION_THRESHOLD.coerce(0) == 0  # 0 is a value, not "unset"
    assert settings.LANGUAGE.coerce(None) == settings.LANGUAGE.default


def test_every_option_key_is_unique() -> None:
    keys = [option.key for option in settings.ALL_OPTIONS]
    assert len(keys) == len(set(keys))


# --- drafts ---------------------------------------------------------------------------------

def test_drafts_save_load_overwrite_discard(store: Store) -> None:
    assert store.drafts.load("meeting:new") is None
    store.drafts.save("meeting:new", {"women": 4, "men": None})
    store.drafts.save("talk:new", {"talks": 2})
    assert store.drafts.load("meeting:new") == {"women": 4, "men": None}
    store.drafts.save("meeting:new", {"women": 5})
    assert store.drafts.load("meeting:new") == {"women": 5}
    assert store.drafts.pending() == ["talk:new", "meeting:new"]  # oldest first
    store.drafts.discard("meeting:new")
    store.drafts.discard("meeting:new")  # discarding twice is harmless
    assert store.drafts.pending() == ["talk:new"]


def test_drafts_listed_in_one_read_agree_with_pending_and_load(store: Store) -> None:
    """The start page's one read: the same keys in the same order, the same payloads."""
    store.drafts.save("meeting:new", {"women": 4, "_title": "ABC"})
    store.drafts.save("talk:new", {"talks": 2})
    store.drafts.save("meeting:new", {"women": 5, "_title": "ABC"})  # now the newest
    listed = store.drafts.listed()
    assert [key for key, _payload in listed] == store.drafts.pending() == \
        ["talk:new", "meeting:new"]
    assert all(payload == store.drafts.load(key) for key, payload in listed)
    store.drafts.discard("talk:new")
    assert store.drafts.listed() == [("meeting:new", {"women": 5, "_title": "ABC"})]


def test_drafts_do_not_make_the_store_non_empty(store: Store) -> None:
    store.drafts.save("x", {"a": 1})
    assert store.is_empty()


# --- catalogue ------------------------------------------------------------------------------

def test_the_shipped_catalogue_is_applied_on_first_open(store: Store) -> None:
    shipped = load_catalog()
    assert store.catalog.version() == shipped["catalog_version"]
    assert [p.code for p in store.catalog.programs()] == [p["code"] for p in shipped["programs"]]
    priority = {loc.code for loc in store.catalog.localities() if loc.priority_area}
    assert {"HALLSTAVIK", "VIGELSJO", "RIMBO"} <= priority
    assert {"sv", "sv-x-easy", "ar", "so"} <= {lang.code for lang in store.catalog.languages()}
    assert len(store.catalog.staff()) == len(shipped["staff"])


def test_program_names_follow_the_language(store: Store) -> None:
    fos = store.catalog.program("FOS")
    assert fos is not None and fos.kind == "parent_group"
    assert fos.name("sv") and fos.name("sv") == fos.names["sv"]
    assert fos.name("xx") == fos.names["sv"]  # unknown language falls back to Swedish
    assert store.catalog.program("NOPE") is None


def test_themes_can_be_filtered_by_use(store: Store) -> None:
    every = store.catalog.themes()
    for_talks = store.catalog.themes("talk")
    assert {t.code for t in for_talks} < {t.code for t in every}
    assert "SOCIAL-SERVICES" not in {t.code for t in for_talks}
    assert all("talk" in t.applies_to for t in for_talks)


def _catalog() -> dict[str, Any]:
    return copy.deepcopy(load_catalog())


def test_applying_a_catalogue_deactivates_what_it_leaves_out(store: Store) -> None:
    series_id = store.groups.create_series(SeriesData(
        program_code="TRUST", locality_code="EDSBRO", language_code="fi")).id
    package = _catalog()
    package["catalog_version"] += 1
    package["programs"] = [p for p in package["programs"] if p["code"] != "TRUST"]
    package["localities"] = [loc for loc in package["localities"] if loc["code"] != "EDSBRO"]
    package["staff"][0]["active"] = False
    package["programs"][0]["names"]["sv"] = "Nytt namn"
    assert store.catalog.apply_catalog(package).kind == "catalog"
    assert store.catalog.version() == package["catalog_version"]
    assert "TRUST" not in {p.code for p in store.catalog.programs()}
    trust = store.catalog.program("TRUST")
    assert trust is not None and trust.active is False  # kept: recorded data points at it
    assert "EDSBRO" in {loc.code for loc in store.catalog.localities(include_inactive=True)}
    assert "EDSBRO" not in {loc.code for loc in store.catalog.localities()}
    assert store.groups.get_series(series_id).program_code == "TRUST"
    assert store.catalog.programs()[0].name("sv") == "Nytt namn"
    assert len(store.catalog.staff()) == len(package["staff"]) - 1
    assert len(store.catalog.staff(include_inactive=True)) == len(package["staff"])


def test_reapplying_a_catalogue_brings_an_entry_back_and_stamps_staff(store: Store) -> None:
    package = _catalog()
    package["programs"] = [p for p in package["programs"] if p["code"] != "TRUST"]
    store.catalog.apply_catalog(package)
    store.catalog.apply_catalog(_catalog())
    assert "TRUST" in {p.code for p in store.catalog.programs()}
    with store.uow.read() as session:
        staff = session.get(Staff, _catalog()["staff"][0]["id"])
        assert staff is not None and staff.version == 3  # created, then touched twice


def test_a_broken_catalogue_is_refused() -> None:
    for breakage in ({"format": 99}, {"catalog_version": "1"}):
        package = _catalog() | breakage
        with pytest.raises(CatalogError):
            validate_catalog(package)
    package = _catalog()
    package["programs"].append(dict(package["programs"][0]))
    with pytest.raises(CatalogError):
        validate_catalog(package)
    package = _catalog()
    package["programs"][0]["kind"] = "séance"
    with pytest.raises(CatalogError):
        validate_catalog(package)


# --- the Store as a whole -------------------------------------------------------------------

def test_is_empty_until_something_is_registered(store: Store) -> None:
    assert store.is_empty()  # the catalogue's staff rows do not count
    row_id = store.digital.create(DigitalUseData(program_code="SES", year=2025, quarter=1)).id
    assert not store.is_empty()
    store.digital.delete(row_id)
    assert not store.is_empty()  # a tombstone still has to travel


def test_the_demo_store_is_not_empty(demo_store: Store) -> None:
    assert not demo_store.is_empty()


def test_the_store_knows_its_file_and_device(store: Store, tmp_path: Path) -> None:
    assert store.path == tmp_path / "store" / "forebygg.sqlite3"
    assert len(store.device_id) == 36
    device = store.device_id
    store.close()
    again = open_store(tmp_path / "store" / "forebygg.sqlite3")
    try:
        assert again.device_id == device  # the device identity is kept across starts
    finally:
        again.close()
