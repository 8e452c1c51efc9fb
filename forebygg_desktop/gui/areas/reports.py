"""The Reports area: indicators of any period and the Excel workbook (gui/reports_page.py)."""

from __future__ import annotations

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.gui.pages import PageSpec
from forebygg_desktop.gui.reports_page import ReportsPage

TITLE = N_("Reports")


def page_spec() -> PageSpec:
    return PageSpec(key="reports", title=lambda: _(TITLE), factory=ReportsPage)
