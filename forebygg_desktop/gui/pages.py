"""The navigation: which areas exist, in order. An area not built yet is not listed.

The list is declared here, titles included, so the first window can show the navigation
without importing any area. Each area is a package `gui/areas/<key>/` and exposes
`create_page(ctx: AppContext) -> QWidget`, a `Retranslatable` page that refreshes itself
from `ctx.ops.changed`; the module is imported when the area is first opened.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from forebygg_desktop.core.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from forebygg_desktop.gui.context import AppContext

AREAS_PACKAGE = "forebygg_desktop.gui.areas"


@dataclass(frozen=True)
class Area:
    key: str
    title_msgid: str

    @property
    def module_name(self) -> str:
        return f"{AREAS_PACKAGE}.{self.key}"

    def title(self) -> str:
        return _(self.title_msgid)

    def module(self) -> ModuleType:
        """The area's module, imported on first use."""
        return importlib.import_module(self.module_name)

    def create_page(self, ctx: AppContext) -> QWidget:
        page: QWidget = self.module().create_page(ctx)
        return page


AREAS = (
    Area("home", N_("Start")),
    Area("groups", N_("Groups")),
    Area("open_meetings", N_("Open meetings")),
    Area("talks", N_("Advice talks")),
    Area("digital", N_("Digital programs")),
    Area("evaluations", N_("Evaluations")),
    Area("materials", N_("Materials")),
    Area("reports", N_("Reports")),
    Area("exchange", N_("Exchange")),
    Area("settings", N_("Settings")),
)
AREA_ORDER = tuple(area.key for area in AREAS)


def title_msgid(key: str) -> str:
    """The untranslated title of an area (its heading and navigation entry)."""
    return next(area.title_msgid for area in AREAS if area.key == key)


def built_areas() -> list[Area]:
    """Every built area in navigation order (a module that is absent is simply not built)."""
    return [area for area in AREAS if importlib.util.find_spec(area.module_name) is not None]
