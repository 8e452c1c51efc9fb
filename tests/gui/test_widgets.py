"""Shared form widgets: the optional count box and inline field errors."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from forebygg_desktop.core import i18n
from forebygg_desktop.core.errors import ValidationError, ValidationErrors
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.gui.widgets.count_spin import CountSpin
from forebygg_desktop.gui.widgets.field_errors import FieldErrors


def test_count_spin_keeps_empty_and_zero_apart(qtbot) -> None:
    spin = CountSpin()
    qtbot.addWidget(spin)
    assert spin.count() is None
    assert spin.text() == "–"
    spin.set_count(0)
    assert spin.count() == 0
    assert spin.text() == "0"
    spin.set_count(None)
    assert spin.count() is None


def test_typing_over_the_dash_and_clearing_it(qtbot) -> None:
    spin = CountSpin()
    qtbot.addWidget(spin)
    spin.show()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "12")
    spin.interpretText()
    assert spin.count() == 12
    spin.selectAll()
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)
    spin.interpretText()
    assert spin.count() is None
    qtbot.keyClick(spin, Qt.Key.Key_0)
    spin.interpretText()
    assert spin.count() == 0


def test_field_errors_mark_named_fields_and_return_the_rest(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    women, men = QLineEdit(parent), QLineEdit(parent)
    women.setText("typed")
    errors = FieldErrors()
    errors.register("women", women, parent)
    errors.register("men", men, parent)
    rest = errors.show(ValidationErrors([
        ValidationError(N_("A count cannot be negative."), field="men"),
        ValidationError(N_("Choose a value."), field="kind"),
    ]))
    assert [e.field for e in rest] == ["kind"]
    assert errors.fields_shown() == ["men"]
    assert errors.first_field() is men
    label = errors.label("men")
    assert label is not None and not label.isHidden()
    assert label.text().startswith("⚠")
    assert men.accessibleDescription() != ""
    assert errors.label("women").isHidden()
    assert women.text() == "typed"  # input is never touched
    # The message is re-translated in place after a language switch.
    i18n.set_language("qps")
    errors.retranslate()
    assert label.text() != "⚠ A count cannot be negative."
    errors.clear()
    assert label.isHidden() and men.accessibleDescription() == ""
