"""The components bundled with the program and their licences, for the About dialog.

Versions are read from the installed packages' metadata, or from a module already loaded;
a component whose version cannot be told shows none (the bundle carries only its own
metadata), never a guess. Names and licences are shown as they are (product names, SPDX
identifiers), except the few words marked for translation here.
"""

from __future__ import annotations

import importlib.metadata
import platform
import sqlite3
import sys
from dataclasses import dataclass

from forebygg_desktop.core.i18n import N_


@dataclass(frozen=True)
class Component:
    name: str  # shown translated (`_`): only words marked N_ change
    licence: str  # likewise
    distribution: str | None = None  # Python package name, for the version
    module: str | None = None  # a module whose __version__ is the version


COMPONENTS: tuple[Component, ...] = (
    Component("Forebygg Desktop", "EUPL-1.2", "forebygg-desktop", "forebygg_desktop"),
    Component("Python", "PSF-2.0"),
    Component("Qt 6", "LGPL-3.0-only"),
    Component("PySide6 (Qt for Python)", "LGPL-3.0-only", "PySide6-Essentials", "PySide6"),
    Component("SQLite", N_("public domain")),
    Component("SQLAlchemy", "MIT", "SQLAlchemy", "sqlalchemy"),
    Component("Alembic", "MIT", "alembic", "alembic"),
    Component("sqlite-utils", "Apache-2.0", "sqlite-utils"),
    Component("openpyxl", "MIT", "openpyxl", "openpyxl"),
    Component(N_("Babel (with Unicode CLDR data)"), "BSD-3-Clause, Unicode-3.0", "babel", "babel"),
    Component("platformdirs", "MIT", "platformdirs", "platformdirs"),
    Component("pypdfium2 / PDFium", "Apache-2.0 OR BSD-3-Clause; PDFium: BSD-3-Clause",
              "pypdfium2"),
    Component(N_("Noto Sans, Noto Sans Arabic (fonts)"), "OFL-1.1"),
)


def component_version(component: Component) -> str:
    """The version of a component, or "" when it cannot be told."""
    if component.name == "Python":
        return platform.python_version()
    if component.name == "SQLite":
        return sqlite3.sqlite_version
    if component.name == "Qt 6":
        module = sys.modules.get("PySide6.QtCore")
        version = getattr(module, "qVersion", None)
        return str(version()) if callable(version) else ""
    if component.distribution:
        try:
            return importlib.metadata.version(component.distribution)
        except importlib.metadata.PackageNotFoundError:
            pass
    module = sys.modules.get(component.module or "")
    return str(getattr(module, "__version__", "") or "")
