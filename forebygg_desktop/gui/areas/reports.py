"""The Reports area: indicators of any period and the Excel workbook (gui/reports_page.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.pages import PageSpec

TITLE = N_("Reports")


def page_spec() -> PageSpec:
    return PageSpec(key="reports", title=lambda: _(TITLE), factory=_build)


def _build(ctx: AppContext) -> QWidget:
    # Imported when the area is first opened, not at start-up.
    from forebygg_desktop.gui.reports_page import ReportsPage

    return ReportsPage(ctx)
