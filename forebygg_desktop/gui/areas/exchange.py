"""The Exchange area: sync by export file (see gui/exchange_page.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from forebygg_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    # Imported when the area is first opened, not at start-up.
    from forebygg_desktop.gui.exchange_page import ExchangePage

    return ExchangePage(ctx)
