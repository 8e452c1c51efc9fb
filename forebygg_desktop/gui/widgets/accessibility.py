"""Accessible names from the labels people see, for every window, also after a switch.

A screen reader announces a widget by its accessible name. Qt finds a label only when label
and field are siblings, and a drop-down without an explicit name is read by its current
value ("Mamma") instead of what it asks. Our forms wrap each field in a container (for its
inline error line), so Qt finds no label at all. Here every label's buddy gets the label's
text as its accessible name; buttons without text get their tooltip; views get the name
their page gives them. It runs when a widget is first shown and after every language switch
(`AccessibleNames`, installed once on the application).

The filter sees every event of every object, and PySide6 gives each a Python type: the first
time, that creates the Python types (and enums) of most of QtWidgets, some 140 enums. The
program therefore installs it after its first window is up (gui/startup.py), and the first
pass names what was shown before.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from forebygg_desktop.core.bidi import plain

# Marks a name we set from a label, so a later pass may replace it (a widget's own,
# explicitly set name is never touched).
FROM_LABEL = "accessible_name_from_label"
_AMPERSAND = re.compile(r"&(?!&)")


def label_name(text: str) -> str:
    """The spoken form of a label: no "&" shortcut marks, no trailing colon."""
    spoken = _AMPERSAND.sub("", plain(text)).replace("&&", "&").strip()
    return spoken.rstrip(":：").strip()


def _set_name(widget: QWidget, name: str) -> None:
    own = widget.accessibleName()
    if name and (not own or widget.property(FROM_LABEL)):
        if own != name:
            widget.setAccessibleName(name)
        widget.setProperty(FROM_LABEL, True)


def name_from_labels(root: QWidget) -> None:
    """Give every labelled widget under `root` its label's text as accessible name."""
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        if buddy is not None and label.text():
            _set_name(buddy, label_name(label.text()))
    for button in root.findChildren(QAbstractButton):
        if not button.text() and button.toolTip():
            _set_name(button, label_name(button.toolTip()))


class AccessibleNames(QObject):
    """Names widgets from their labels when a window is shown and after a language switch."""

    _installed: AccessibleNames | None = None

    @classmethod
    def install(cls, app: QApplication) -> None:
        if cls._installed is None:
            cls._installed = cls(app)
            app.installEventFilter(cls._installed)
            cls._installed._schedule()  # the windows already shown

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._pending = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # A window shown, or any widget told of a new language (Qt posts LanguageChange to
        # each widget; some retranslate on a later pass): name again once things settle.
        if kind in (QEvent.Type.Show, QEvent.Type.LanguageChange) and \
                isinstance(watched, QWidget | QApplication):
            self._schedule()
        return False

    def _schedule(self) -> None:
        # One pass after the event loop has delivered the texts (retranslate_ui runs first).
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._run)

    def _run(self) -> None:
        self._pending = False
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                name_from_labels(window)
