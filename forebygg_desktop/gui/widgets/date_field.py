"""A date editor in ISO format (yyyy-MM-dd, Latin digits) in every interface language.

Its locale, and so its calendar pop-up's month and day names, first day of the week and
direction, follows the live language switch (`gui.localized_editors.LocalizedDateEdit`).
"""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from forebygg_desktop.gui.widgets.localized_editors import LocalizedDateEdit

# Qt display formats; ISO reads the same in every language and keeps digits Latin.
DISPLAY_FORMAT = "yyyy-MM-dd"


# An optional date field shows this lowest date as "–": empty, not a made-up day.
EMPTY_DATE = QDate(2000, 1, 1)


class DateField(LocalizedDateEdit):
    """Tab leaves the field (as in every other field) instead of walking its sections;
    Left and Right still move between year, month and day."""

    fixed_format = DISPLAY_FORMAT
    optional = False

    def value(self) -> date | None:
        """The date shown, or None for an optional field left empty."""
        if self.optional and self.date() == EMPTY_DATE:
            return None
        # QDate.toPython() gives a datetime.date; the stubs declare it object.
        return cast(date, self.date().toPython())

    def set_value(self, value: date | None) -> None:
        if value is None and self.optional:
            self.setDate(EMPTY_DATE)
        elif value is not None:
            self.setDate(QDate(value.year, value.month, value.day))

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def date_edit(parent: QWidget, today: date | None = None, optional: bool = False) -> DateField:
    """A date editor with a calendar pop-up, showing today unless told otherwise.

    An `optional` one can be emptied (shown as "–", read as None) by going to its lowest date.
    """
    edit = DateField(parent)
    if optional:
        edit.optional = True
        edit.setMinimumDate(EMPTY_DATE)
        edit.setSpecialValueText("–")
    # A calendar pop-up and the ISO format come with DateField. Right to left, Qt shows the
    # sections mirrored (22-11-2026), which reads year first from the right as Arabic
    # readers expect; the value is the same ISO date.
    day = today or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    edit.setMinimumWidth(130)
    edit.setMaximumWidth(180)
    return edit
