"""The start page: this quarter's figures, series that need attention, unfinished forms.

Everything of this area lives in this package. `create_page` imports the page when the area is
first opened, so the navigation lists the area without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from forebygg_desktop.core.glance import Glance
    from forebygg_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from forebygg_desktop.gui.areas.home.page import HomePage

    return HomePage(ctx)


def create_preview(glance: Glance) -> QWidget:
    """The page as the first window shows it, before the Store is open."""
    from forebygg_desktop.gui.areas.home.page import create_preview as preview

    return preview(glance)
