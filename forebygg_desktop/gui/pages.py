"""The navigation: which areas exist, in order. An area not built yet is not listed.

Each area lives in `gui/areas/<name>.py` and exposes `page_spec() -> PageSpec`. A page is
a `Retranslatable` widget built from the `AppContext`; it refreshes itself from
`ctx.ops.changed`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from forebygg_desktop.gui.context import AppContext

AREA_ORDER = ("home", "groups", "open_meetings", "talks", "digital", "evaluations",
              "materials", "reports", "exchange", "settings")


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    factory: Callable[[AppContext], QWidget]
    # Shown only in this role ("field" laptop / "central" department), or always (None).
    role: str | None = None


def page_specs() -> list[PageSpec]:
    """Every built area in navigation order (a module that is absent is simply not built)."""
    specs = []
    for name in AREA_ORDER:
        module_name = f"forebygg_desktop.gui.areas.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        specs.append(importlib.import_module(module_name).page_spec())
    return specs
