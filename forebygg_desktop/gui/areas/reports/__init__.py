"""Reports: indicators of any period and the Excel workbook.

Everything of this area lives in this package. `create_page` imports the page when the area is
first opened, so the navigation lists the area without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from forebygg_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from forebygg_desktop.gui.areas.reports.page import ReportsPage

    return ReportsPage(ctx)
