"""Materials area: the multilingual library of information sheets for parents."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forebygg_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    # Imported when the area is first opened, not at start-up.
    from forebygg_desktop.gui.materials_page import MaterialsPage

    return MaterialsPage(ctx)
