"""The same keys and the same filter field for every list of the window.

- a filter field above the list: typing filters; Escape in it clears it;
- Ctrl+F puts the cursor in the filter field;
- Ctrl+N makes a new entry, where the list has a "new" action;
- Delete deletes the selected entry (while the list has the focus), through the list's own
  confirm-and-undo flow;
- a click on a column header sorts by it (a second click reverses).

The shortcuts are shown in the tooltips, in the interface language (`retranslate_ui`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QTreeView,
    QWidget,
)

from forebygg_desktop.core.i18n import _
from forebygg_desktop.gui.widgets.shortcuts import shortcut

FILTER_DELAY_MS = 200
NEW_KEY = QKeySequence.StandardKey.New
FIND_KEY = QKeySequence.StandardKey.Find
DELETE_KEY = QKeySequence.StandardKey.Delete


def key_text(key: QKeySequence.StandardKey) -> str:
    """The key as the platform writes it ("Ctrl+N")."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def with_key(text: str, key: QKeySequence.StandardKey) -> str:
    """A tooltip naming its shortcut: "New open meeting (Ctrl+N)"."""
    # TRANSLATORS: a tooltip: what a button does, then its keyboard shortcut in brackets.
    return _("{action} ({key})").format(action=text.replace("&", "").rstrip("…"),
                                        key=key_text(key))


class ListFilter(QLineEdit):
    """The filter field above a list: `changed(text)` after a short pause in the typing."""

    def __init__(self, parent: QWidget, on_change: Callable[[str], Any]) -> None:
        super().__init__(parent)
        self.setObjectName("list-filter")
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(lambda: on_change(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.clear)

    def flush(self) -> None:
        """Apply what is typed now (Enter, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self._timer.timeout.emit()

    def retranslate_ui(self) -> None:
        # TRANSLATORS: the placeholder of the filter field above every list.
        self.setPlaceholderText(_("Filter…"))
        self.setToolTip(with_key(_("Filter the list by typing; Escape clears"), FIND_KEY))
        self.setAccessibleName(_("Filter the list"))


class ListKeys:
    """Binds the list keys of one list page; call `retranslate_ui` from the page's."""

    def __init__(self, page: QWidget, view: QAbstractItemView, filter_field: ListFilter,
                 new: Callable[[], Any] | None = None,
                 delete: Callable[[], Any] | None = None,
                 new_button: QPushButton | None = None,
                 delete_button: QPushButton | None = None) -> None:
        self.view, self.filter_field = view, filter_field
        self.new_button, self.delete_button = new_button, delete_button
        shortcut(FIND_KEY, page, self.find)
        self.new_shortcut = shortcut(NEW_KEY, page, new) if new is not None else None
        self.delete_shortcut: QShortcut | None = None
        if delete is not None:
            # Only while the list has the focus: Delete in a text field deletes a letter.
            self.delete_shortcut = shortcut(DELETE_KEY, view, delete)
            self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        header = self._header()
        if header is not None:
            assert isinstance(view, QTableView | QTreeView)
            view.setSortingEnabled(True)
            header.setSortIndicatorShown(True)
            header.setSectionsClickable(True)

    def _header(self) -> QHeaderView | None:
        if isinstance(self.view, QTableView):
            return self.view.horizontalHeader()
        if isinstance(self.view, QTreeView):
            return self.view.header()
        return None

    def find(self) -> None:
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_field.selectAll()

    def retranslate_ui(self) -> None:
        self.filter_field.retranslate_ui()
        if self.new_button is not None:
            self.new_button.setToolTip(with_key(self.new_button.text(), NEW_KEY))
        if self.delete_button is not None:
            self.delete_button.setToolTip(with_key(self.delete_button.text(), DELETE_KEY))
        header = self._header()
        if header is not None:
            header.setToolTip(_("Click a column heading to sort by it; click again to reverse"))
