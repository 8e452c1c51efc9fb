"""The Exchange area: sync by export file (see gui/exchange_page.py)."""

from __future__ import annotations

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.gui.exchange_page import ExchangePage
from forebygg_desktop.gui.pages import PageSpec

TITLE = N_("Exchange")


def page_spec() -> PageSpec:
    return PageSpec(key="exchange", title=lambda: _(TITLE), factory=ExchangePage)
