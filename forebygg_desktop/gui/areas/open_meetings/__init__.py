"""Open meetings: parents' cafés and lectures, listed per period.

Everything of this area lives in this package. `create_page` imports the page when the area is
first opened, so the navigation lists the area without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from forebygg_desktop.gui.context import AppContext


def create_page(ctx: AppContext) -> QWidget:
    from forebygg_desktop.gui.areas.open_meetings.page import OpenMeetingsPage

    return OpenMeetingsPage(ctx)
