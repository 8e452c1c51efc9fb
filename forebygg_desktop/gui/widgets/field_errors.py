"""Inline validation: a Store error's `field` is shown next to the widget it names.

The message is translated when shown (`UserError.message()`), starts with a warning sign
so meaning never rests on colour, and becomes the widget's accessible description so a
screen reader announces it. What the user typed is never touched.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from forebygg_desktop.core.errors import UserError, ValidationError, ValidationErrors

WARNING_SIGN = "⚠"


def error_list(error: UserError) -> list[UserError]:
    """The single errors inside `error` (a ValidationErrors holds several)."""
    if isinstance(error, ValidationErrors):
        return list(error.errors)
    return [error]


class FieldErrors:
    """Maps field names to their widgets and error labels."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._shown: dict[str, list[UserError]] = {}

    def register(self, field: str, widget: QWidget, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(f"error-{field}")
        label.setWordWrap(True)
        label.setProperty("role", "field-error")
        label.setStyleSheet("color: #a40000;")
        label.hide()
        self._fields[field] = (widget, label)
        return label

    def widget(self, field: str) -> QWidget | None:
        entry = self._fields.get(field)
        return entry[0] if entry else None

    def label(self, field: str) -> QLabel | None:
        entry = self._fields.get(field)
        return entry[1] if entry else None

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.clear()
            label.hide()
            widget.setAccessibleDescription("")
        self._shown = {}

    def show(self, error: UserError) -> list[UserError]:
        """Mark every field an error names; returns the errors no field here shows."""
        self.clear()
        unplaced: list[UserError] = []
        for single in error_list(error):
            if isinstance(single, ValidationError) and single.field in self._fields:
                self._shown.setdefault(single.field, []).append(single)
            else:
                unplaced.append(single)
        self.retranslate()
        return unplaced

    def retranslate(self) -> None:
        """Re-show the messages in the current language (after a live switch)."""
        for field, errors in self._shown.items():
            widget, label = self._fields[field]
            text = " ".join(e.message() for e in errors)
            label.setText(f"{WARNING_SIGN} {text}")
            label.show()
            widget.setAccessibleDescription(text)

    def first_field(self) -> QWidget | None:
        """The first marked widget in form order (focus goes there)."""
        for field, (widget, _label) in self._fields.items():
            if field in self._shown:
                return widget
        return None

    def fields_shown(self) -> list[str]:
        return [f for f in self._fields if f in self._shown]
