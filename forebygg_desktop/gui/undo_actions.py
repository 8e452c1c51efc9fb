"""Undo and redo in the window: Ctrl+Z, Ctrl+Shift+Z (and Ctrl+Y), and two visible buttons.

Both run `store.undo` through `ctx.ops`, like every other change: the undone change is
broadcast on `ops.changed`, so every view refreshes, and it travels in the next export.
The buttons say what they would take back, and are disabled when there is nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from forebygg_desktop.core.i18n import N_, _
from forebygg_desktop.gui.widgets.shortcuts import shortcut

if TYPE_CHECKING:
    from forebygg_desktop.core.store.history import Step
    from forebygg_desktop.gui.context import AppContext

KIND_NAMES = {
    "group_series": N_("group series"),
    "meeting": N_("meeting"),
    "open_meeting": N_("open meeting"),
    "advice_talk": N_("advice talk"),
    "digital_use": N_("digital-program use"),
    "research_count": N_("research questionnaire count"),
}
ACTION_NAMES = {
    "created": N_("saved"),
    "updated": N_("corrected"),
    "deleted": N_("deleted"),
    "restored": N_("brought back"),
}
UNDO_KEYS = (QKeySequence.StandardKey.Undo,)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


def describe(step: Step | None) -> str:
    """What a step did, in words ("meeting: saved")."""
    if step is None:
        return ""
    kind = _(KIND_NAMES.get(step.kind, N_("registration")))
    return _("{kind}: {action}").format(kind=kind, action=_(ACTION_NAMES[step.action]))


class UndoBar(QWidget):
    """The Undo and Redo buttons with their shortcuts (active in the whole window)."""

    def __init__(self, ctx: AppContext, window: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("undo-bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("undo")
        self.redo_button = QPushButton(self)
        self.redo_button.setObjectName("redo")
        for button in (self.undo_button, self.redo_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            layout.addWidget(button)
        layout.addStretch(1)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        for key in UNDO_KEYS:
            shortcut(key, window, self.undo)
        for text in REDO_KEYS:
            shortcut(QKeySequence(text), window, self.redo)
        ctx.ops.changed.connect(self.update_state)
        ctx.ops.failed.connect(self.update_state)
        self.retranslate_ui()

    def undo(self) -> None:
        if self.ctx.store.undo.can_undo():
            self.ctx.ops.run(lambda store: store.undo.undo())

    def redo(self) -> None:
        if self.ctx.store.undo.can_redo():
            self.ctx.ops.run(lambda store: store.undo.redo())

    def update_state(self, *_args: object) -> None:
        undo = self.ctx.store.undo
        self.undo_button.setEnabled(undo.can_undo())
        self.redo_button.setEnabled(undo.can_redo())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        undo = self.ctx.store.undo
        self.undo_button.setText(_("Undo"))
        self.redo_button.setText(_("Redo"))
        self.undo_button.setEnabled(undo.can_undo())
        self.redo_button.setEnabled(undo.can_redo())
        next_undo, next_redo = undo.next_undo(), undo.next_redo()
        native = QKeySequence.SequenceFormat.NativeText
        self.undo_button.setToolTip(
            (_("Undo ({what})").format(what=describe(next_undo)) if next_undo
             else _("Nothing to undo")) + f" ({QKeySequence(UNDO_KEYS[0]).toString(native)})")
        self.redo_button.setToolTip(
            (_("Redo ({what})").format(what=describe(next_redo)) if next_redo
             else _("Nothing to redo")) + f" ({QKeySequence(REDO_KEYS[0]).toString(native)})")
        self.undo_button.setAccessibleDescription(self.undo_button.toolTip())
        self.redo_button.setAccessibleDescription(self.redo_button.toolTip())
