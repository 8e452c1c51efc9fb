"""The interface is laid out by area: an area's package never reaches into another area."""

from __future__ import annotations

import ast
from pathlib import Path

from forebygg_desktop.gui.pages import AREAS

AREAS_DIR = Path(__file__).resolve().parents[2] / "forebygg_desktop" / "gui" / "areas"
PREFIX = "forebygg_desktop.gui.areas."


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_every_area_is_a_package_with_create_page() -> None:
    for area in AREAS:
        init = AREAS_DIR / area.key / "__init__.py"
        assert init.is_file(), f"{area.key} is not a package"
        assert "def create_page(ctx" in init.read_text(encoding="utf-8")


def test_no_area_imports_another_area() -> None:
    crossings = []
    for area in AREAS:
        for path in sorted((AREAS_DIR / area.key).rglob("*.py")):
            for module in _imported_modules(path):
                if module.startswith(PREFIX):
                    other = module.removeprefix(PREFIX).split(".")[0]
                    if other != area.key:
                        crossings.append(f"{path.relative_to(AREAS_DIR)} imports {module}")
    assert crossings == []


def test_an_area_package_loads_nothing_heavy_when_listed() -> None:
    """`__init__.py` imports its page inside create_page only, so listing stays lazy."""
    for area in AREAS:
        tree = ast.parse((AREAS_DIR / area.key / "__init__.py").read_text(encoding="utf-8"))
        top_level = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
        assert [node.module for node in top_level] == ["__future__", "typing"], area.key
