"""The shipped default catalogue (`resources/catalog/catalog.json`) and its validation.

The central department replaces it with a configuration package; programs come and go
without a program release, so nothing here hard-codes a program.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from forebygg_desktop.core.codes import PREVENTION_LEVELS, PROGRAM_KINDS
from forebygg_desktop.core.paths import resources_dir

CATALOG_FORMAT = 1


class CatalogError(ValueError):
    """A catalogue file that does not follow the format (developer-facing)."""


def default_catalog_path() -> Path:
    return resources_dir() / "catalog" / "catalog.json"


def load_catalog(path: Path | None = None) -> dict[str, Any]:
    """Read and validate a catalogue file."""
    with (path or default_catalog_path()).open(encoding="utf-8") as handle:
        catalog: dict[str, Any] = json.load(handle)
    validate_catalog(catalog)
    return catalog


def validate_catalog(catalog: dict[str, Any]) -> None:
    """Raise `CatalogError` on anything the store could not hold."""
    if catalog.get("format") != CATALOG_FORMAT:
        raise CatalogError(f"unknown catalogue format {catalog.get('format')!r}")
    if not isinstance(catalog.get("catalog_version"), int):
        raise CatalogError("catalog_version must be an integer")
    for section in ("programs", "localities", "languages", "themes"):
        codes = [entry.get("code") for entry in catalog.get(section, [])]
        if len(codes) != len(set(codes)) or not all(codes):
            raise CatalogError(f"{section}: codes must be present and unique")
    for program in catalog["programs"]:
        if program.get("kind") not in PROGRAM_KINDS:
            raise CatalogError(f"{program['code']}: unknown kind {program.get('kind')!r}")
        if program.get("prevention_level") not in PREVENTION_LEVELS:
            raise CatalogError(f"{program['code']}: unknown prevention level")
        if not program.get("names", {}).get("sv"):
            raise CatalogError(f"{program['code']}: a Swedish name is required")
