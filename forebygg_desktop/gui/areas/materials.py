"""Materials area: the multilingual library of information sheets for parents."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.pages import PageSpec

TITLE = N_("Materials")


def page_spec() -> PageSpec:
    return PageSpec("materials", lambda: _(TITLE), _build)


def _build(ctx: AppContext) -> QWidget:
    # Imported when the area is first opened, not at start-up.
    from forebygg_desktop.gui.materials_page import MaterialsPage

    return MaterialsPage(ctx)
