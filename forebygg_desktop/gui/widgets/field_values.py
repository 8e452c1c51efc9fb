"""Read and write a form widget's value as plain Python, and as JSON for drafts."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QSignalBlocker, SignalInstance
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QSpinBox, QWidget

from forebygg_desktop.gui.widgets.check_list import CheckList
from forebygg_desktop.gui.widgets.code_combo import CodeCombo
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.date_field import DateField


def read_value(widget: QWidget) -> Any:
    """The widget's value: None for an empty count or text, a `date` for a date editor."""
    if isinstance(widget, CountSpin):
        return widget.count()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, CodeCombo):
        return widget.current_code()
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QLineEdit):
        return widget.text().strip() or None
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, CheckList):
        return widget.checked_codes()
    raise TypeError(f"no value reader for {type(widget).__name__}")


def write_value(widget: QWidget, value: Any) -> None:
    """Show `value` in the widget (the inverse of `read_value`)."""
    if isinstance(widget, CountSpin):
        widget.set_count(value)
    elif isinstance(widget, QSpinBox):
        if value is not None:
            widget.setValue(int(value))
    elif isinstance(widget, CodeCombo):
        widget.set_code(value)
    elif isinstance(widget, QDateEdit):
        if isinstance(value, str):
            value = date.fromisoformat(value)
        if isinstance(widget, DateField):
            widget.set_value(value)
        elif value is not None:
            widget.setDate(QDate(value.year, value.month, value.day))
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, CheckList):
        widget.set_checked(value or ())
    else:
        raise TypeError(f"no value writer for {type(widget).__name__}")


def to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def change_signal(widget: QWidget) -> SignalInstance:
    """The signal that fires when the user changes the widget's value."""
    if isinstance(widget, CheckList):
        return widget.checked_changed
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    raise TypeError(f"no change signal for {type(widget).__name__}")


def silently_write(widget: QWidget, value: Any) -> None:
    """Write a value without firing change signals (loading a record, not typing)."""
    with QSignalBlocker(widget):
        write_value(widget, value)
