"""Date and number editors that follow the live language switch.

Qt gives every editor its locale and display format when it is created; `QLocale.setDefault`
later does not reach editors that already exist. These re-apply both on `LanguageChange`,
so a form open during a switch shows the new language's dates at once, and the calendar
pop-up of a date editor (a child window that takes the editor's locale) its month and day
names and first day of the week. Digits stay Latin in every language (see core/i18n.py):
the Qt locales in `gui/language.py` guarantee it.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QDateEdit, QWidget

from forebygg_desktop.core import i18n

_DIRECTION_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c"))


def qt_date_format() -> str:
    """The date editors' format: ISO yyyy-MM-dd in every language (`i18n.date_pattern`);
    CLDR's short formats are ambiguous ("M/d/yy" in English, "dd/MM/yy" in Somali)."""
    return i18n.date_pattern()


def apply_current_locale(editor: QWidget) -> None:
    """Give an existing editor the current default locale (after a language switch).

    A date editor takes the locale's short format, unless it is a `LocalizedDateEdit` with
    a `fixed_format` (the ISO date fields of the forms).
    """
    editor.setLocale(QLocale())
    if isinstance(editor, QDateEdit):
        # A date of Latin digits reads left to right in every language: mirrored in Arabic
        # its sections came out as "02-01-2027" for 2027-01-02 (the calendar pop-up still
        # follows the window's direction).
        editor.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        fixed = editor.fixed_format if isinstance(editor, LocalizedDateEdit) else None
        display_format = fixed or qt_date_format()
        if editor.displayFormat() != display_format:
            editor.setDisplayFormat(display_format)
    elif isinstance(editor, QAbstractSpinBox):
        # A spin box re-renders its text with the new locale only when its value is set.
        editor.interpretText()


class LocalizedDateEdit(QDateEdit):
    """A QDateEdit with a calendar pop-up in the interface language, also after a switch.

    It shows the language's short date format, or `fixed_format` where a subclass sets one
    (e.g. ISO `yyyy-MM-dd` in every language); either way its locale, and so the calendar's
    month and day names, follows the language.
    """

    fixed_format: ClassVar[str | None] = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        apply_current_locale(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            apply_current_locale(self)
        super().changeEvent(event)
