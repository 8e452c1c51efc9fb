"""The base of every registration form: labelled fields, inline errors, Enter saves, drafts.

A subclass adds its fields in form order with `add_field` (a visible label tied to the
widget as its buddy; Tab follows that order), says which field gets focus first, and turns
the values into one Store call in `save_work`. Saving runs on the Operations worker; a
`ValidationError` comes back and is shown next to its field, the input untouched.

While the user types, the form's content is saved as a draft (debounced); a form opened
with the same draft key after a crash is filled from it. Saving or cancelling discards it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import _
from forebygg_desktop.core.store import Change, Store
from forebygg_desktop.core.store.preferences import DRAFT_TITLE  # a key that is no field
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.field_errors import WARNING_SIGN, FieldErrors
from forebygg_desktop.gui.widgets.field_values import (
    change_signal,
    read_value,
    silently_write,
    to_json,
)
from forebygg_desktop.gui.widgets.notice_bar import NoticeBar
from forebygg_desktop.gui.widgets.window_geometry import (
    FittingScrollArea,
    keep_on_screen,
    size_to_screen,
)

DRAFT_DELAY_MS = 400
MIN_WIDTH = 560

Text = Callable[[], str]


class RecordDialog(QDialog):
    """A form dialog; `saved(Change)` fires after the Store accepted the record."""

    saved = Signal(object)

    def __init__(self, ctx: AppContext, draft_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft_key = draft_key
        self.setObjectName("record-dialog")
        self.setModal(True)
        self.fields: dict[str, QWidget] = {}
        self._labels: list[tuple[QLabel, Text]] = []
        self.errors = FieldErrors()
        self._loading = False
        self._saving = False
        self._sized = False
        self.last_change: Change | None = None
        outer = QVBoxLayout(self)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.draft_notice = NoticeBar(self)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("general-error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.form = QFormLayout()
        # The field column takes the width, so inline errors wrap there; each input keeps
        # its own width (aligned to the leading edge).
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setMinimumWidth(MIN_WIDTH)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        # Enter anywhere in the form saves (fields pass Enter on to the default button).
        self.save_button.setDefault(True)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # The fields scroll on a small screen (1366×768 at 125–150 %); heading, notices and
        # Save/Cancel stay in view.
        self.form_area = FittingScrollArea(self)
        body = QWidget(self.form_area)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(self.form)
        body_layout.addStretch(1)
        self.form_area.setWidget(body)
        outer.addWidget(self.heading)
        outer.addWidget(self.draft_notice)
        outer.addWidget(self.form_area, 1)
        outer.addWidget(self.general_error)
        outer.addWidget(self.buttons)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)

    # --- building ---------------------------------------------------------------------------
    def combo(self, name: str) -> CodeCombo:
        """The drop-down field `name` (a form knows which of its fields are drop-downs)."""
        field = self.fields[name]
        assert isinstance(field, CodeCombo), name
        return field

    def add_field[W: QWidget](self, name: str, label: Text, widget: W) -> W:
        """Add a labelled field (in form and Tab order) with its inline error line."""
        caption = QLabel(self)
        caption.setBuddy(widget)
        self._labels.append((caption, label))
        widget.setObjectName(f"field-{name}")
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget.setParent(box)
        # An error line below never squeezes the input: it keeps at least its natural size.
        hint = widget.sizeHint()
        widget.setMinimumSize(max(widget.minimumWidth(), hint.width()),
                              max(widget.minimumHeight(), hint.height()))
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetLayoutDirection):
            # A layout aligns a widget by the widget's own direction: a date (left to right
            # in Arabic too) went to the far side of the form. A row in the form's direction
            # keeps it next to its label.
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget)
            row.addStretch(1)
            column.addLayout(row)
        else:
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeading)
        column.addWidget(self.errors.register(name, widget, box))
        self.form.addRow(caption, box)
        self.track(name, widget)
        return widget

    def track(self, name: str, widget: QWidget) -> None:
        """Take part in values, drafts and errors (for fields laid out by the subclass)."""
        if name not in self.fields:
            previous = list(self.fields.values())[-1] if self.fields else None
            self.fields[name] = widget
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            change_signal(widget).connect(self._on_edited)

    def finish(self, values: dict[str, Any], focus: str) -> None:
        """Fill the form (from a draft if one was left), translate it, focus a field."""
        draft = self.ctx.store.drafts.load(self.draft_key)
        self.set_values(values)
        if draft:
            self.set_values({k: v for k, v in draft.items() if not k.startswith("_")})
            self.draft_notice.show_notice(
                lambda: _("Restored what was typed before the program closed. "
                          "Check it and save."),
                action_text=lambda: _("Discard what was restored"),
                action=lambda: self._discard_restored(values))
        self.retranslate_ui()
        self._initial = self.values()
        self.focus_field = self.fields[focus]
        QTimer.singleShot(0, self, self._focus_first)  # not after the form is gone
        self.focus_field.setFocus()

    def _focus_first(self) -> None:
        if self.isVisible():
            self.focus_field.setFocus()

    # --- values ----------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {name: read_value(widget) for name, widget in self.fields.items()}

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for name, value in values.items():
                if name in self.fields:
                    silently_write(self.fields[name], value)
            self.values_loaded()
        finally:
            self._loading = False

    def values_loaded(self) -> None:
        """Hook: update dependent widgets (enabled states) after values were written."""

    def draft_title(self) -> str:
        """What the start page calls this unfinished form (no personal data: codes, dates)."""
        return self.windowTitle()

    def is_changed(self) -> bool:
        """True when the user changed something since the form was filled in."""
        return self.values() != getattr(self, "_initial", self.values())

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question over the form (tests replace this)."""
        answer = QMessageBox.question(
            self, self.windowTitle(), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # --- saving ----------------------------------------------------------------------------
    def save_work(self, values: dict[str, Any]) -> Callable[[Store], Change]:
        raise NotImplementedError

    def ready_to_save(self, values: dict[str, Any]) -> bool:
        """Hook: ask about what is allowed but rarely meant; False keeps the form open."""
        return True

    def save(self) -> None:
        if self._saving:
            return
        self._draft_timer.stop()
        self.errors.clear()
        self.general_error.hide()
        values = self.values()
        if not self.ready_to_save(values):
            return
        try:
            work = self.save_work(values)
        except UserError as error:
            self.show_error(error)
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.ctx.ops.run(work, on_done=self._saved, on_error=self.show_error)

    def _saved(self, change: Change) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.last_change = change
        key = self.draft_key
        self.ctx.ops.run(lambda store: store.drafts.discard(key))
        self.saved.emit(change)
        self.accept()

    def show_error(self, error: UserError) -> None:
        """Mark the fields the error names; anything else shows under the form."""
        self._saving = False
        self.save_button.setEnabled(True)
        unplaced = self.errors.show(error)
        self._unplaced = unplaced
        self._show_unplaced()
        self._fit()
        first = self.errors.first_field()
        if first is not None:
            first.setFocus()

    def setVisible(self, visible: bool) -> None:
        if visible and not self._sized:  # the first show: as tall as the fields, to the screen
            self._sized = True
            size_to_screen(self)
        super().setVisible(visible)

    def _fit(self) -> None:
        """Grow to hold the error lines (the fields keep their size; see `add_field`), up to
        the screen (the fields scroll beyond it)."""
        self.form_area.updateGeometry()  # its hint follows the error lines: asked anew
        layout = self.layout()
        if layout is not None:
            layout.activate()
        hint = self.sizeHint()
        if hint.height() > self.height() or hint.width() > self.width():
            self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))
            keep_on_screen(self)

    def _show_unplaced(self) -> None:
        unplaced = getattr(self, "_unplaced", [])
        if unplaced:
            text = " ".join(e.message() for e in unplaced)
            self.general_error.setText(f"{WARNING_SIGN} {text}")
            self.general_error.show()
        else:
            self.general_error.hide()

    # --- drafts ----------------------------------------------------------------------------
    def _on_edited(self, *_args: object) -> None:
        if not self._loading:
            self.values_loaded()
            self._draft_timer.start()

    def save_draft(self) -> None:
        payload = {name: to_json(value) for name, value in self.values().items()}
        payload[DRAFT_TITLE] = self.draft_title()
        key = self.draft_key
        self.ctx.ops.run(lambda store: store.drafts.save(key, payload))

    def _discard_restored(self, values: dict[str, Any]) -> None:
        self.set_values(values)
        key = self.draft_key
        self.ctx.ops.run(lambda store: store.drafts.discard(key))

    def reject(self) -> None:
        # While a save is under way the form stays: it closes itself once the save is done,
        # or shows why it was refused (Escape then would neither stop the save nor keep what
        # it was told).
        if self._saving:
            return
        # Escape, Cancel or closing a form with changes asks first.
        if self.is_changed() and not self.confirm(
                _("Discard what you changed in this form?")):
            return
        # Cancelling is a choice: the draft goes. A crash never gets here, so it stays.
        self._draft_timer.stop()
        key = self.draft_key
        self.ctx.ops.run(lambda store: store.drafts.discard(key))
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._draft_timer.stop()
        super().closeEvent(event)

    # --- language --------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for caption, label in self._labels:
            caption.setText(label())
        for widget in self.fields.values():
            if isinstance(widget, CodeCombo):
                widget.relabel()
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Cancel"))
        self.retranslate_form()
        self.errors.retranslate()
        self._show_unplaced()
        if self.draft_notice.isVisible():
            self.draft_notice.retranslate_ui()

    def retranslate_form(self) -> None:
        """Hook: the window title, heading and any text beyond the field labels."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
