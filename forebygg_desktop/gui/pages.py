"""The navigation: which screens exist, in order. An area not built yet is not listed.

A page is a `Retranslatable` widget built from the `AppContext`; it refreshes itself from
`ctx.ops.changed`. To add an area, add one `PageSpec` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from forebygg_desktop.gui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    factory: Callable[[AppContext], QWidget]


def page_specs() -> list[PageSpec]:
    """Every page in navigation order (imported late so start-up stays fast)."""
    return []
