"""The Settings area: a plain form that saves this laptop's settings; language is live."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.gui.areas.settings.page import EXTRA_SECTION_MODULES, SettingsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.operations import Operations


@pytest.fixture
def ctx(qapp: QApplication, tmp_path: Path) -> Iterator[AppContext]:
    store = open_store(tmp_path / "forebygg.sqlite3", tmp_path / "backups")
    language = LanguageController(qapp)
    language.apply("sv")
    context = AppContext(store=store, ops=Operations(store), language=language)
    yield context
    language.apply("sv")
    context.ops.wait()
    store.close()


def _page(ctx: AppContext, qtbot: QtBot) -> SettingsPage:
    """The page with the stored values in (they are read off the screen's thread)."""
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.device_section.loaded, timeout=5000):
        page.show()
    return page


def _child[T](page: SettingsPage, kind: type[T], name: str) -> T:
    found = page.findChild(kind, name)  # type: ignore[arg-type]
    assert found is not None, name
    return found  # type: ignore[return-value]


def test_saving_the_form_stores_every_setting(ctx: AppContext, qtbot: QtBot) -> None:
    page = _page(ctx, qtbot)
    _child(page, QLineEdit, "device_name").setText("  Rimbo dator 2 ")
    locality = _child(page, QComboBox, "default_locality")
    locality.setCurrentIndex(locality.findText("Rimbo"))
    role = _child(page, QComboBox, "role")
    role.setCurrentIndex(role.findData("central"))
    _child(page, QSpinBox, "suppression_threshold").setValue(7)
    _child(page, QSpinBox, "backups_keep").setValue(3)
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        _child(page, QPushButton, "settings-save").click()
    store = ctx.store
    assert store.settings.get(settings.DEVICE_NAME) == "Rimbo dator 2"
    assert store.settings.get(settings.DEFAULT_LOCALITY) == locality.currentData() is not None
    assert store.settings.get(settings.ROLE) == "central"
    assert store.settings.get(settings.SUPPRESSION_THRESHOLD) == 7
    assert store.settings.get(settings.BACKUPS_KEEP) == 3
    status = _child(page, QLabel, "settings-status")
    assert status.text() == "Inställningarna har sparats."
    # The status follows a language switch.
    ctx.language.apply("so")
    QApplication.processEvents()
    assert status.text() == "Dejinta waa la kaydiyay."


def test_undo_changes_restores_the_stored_values(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.store.settings.set(settings.DEVICE_NAME, "Hallstavik 1")
    page = _page(ctx, qtbot)
    name = _child(page, QLineEdit, "device_name")
    assert name.text() == "Hallstavik 1"
    name.setText("something else")
    with qtbot.waitSignal(page.device_section.loaded, timeout=5000):
        _child(page, QPushButton, "settings-revert").click()
    assert name.text() == "Hallstavik 1"


def test_the_form_cannot_save_before_the_stored_values_are_in(ctx: AppContext,
                                                              qtbot: QtBot) -> None:
    """The values arrive from the reader thread: a Save before that would write the empty
    form over the stored settings."""
    ctx.store.settings.set(settings.DEVICE_NAME, "Hallstavik 1")
    ctx.store.settings.set(settings.BACKUPS_KEEP, 9)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    save = _child(page, QPushButton, "settings-save")
    with qtbot.waitSignal(page.device_section.loaded, timeout=5000):
        assert not save.isEnabled()
        page.show()
    assert save.isEnabled()
    assert _child(page, QLineEdit, "device_name").text() == "Hallstavik 1"
    assert _child(page, QSpinBox, "backups_keep").value() == 9
    assert "Rimbo" in [_child(page, QComboBox, "default_locality").itemText(i)
                       for i in range(_child(page, QComboBox, "default_locality").count())]
    assert _child(page, QLabel, "key-fingerprint").text()


def test_every_field_has_a_label_buddy_and_accessible_name(ctx: AppContext,
                                                           qtbot: QtBot) -> None:
    page = _page(ctx, qtbot)
    buddies = {label.buddy() for label in page.device_section.labels.values()}
    for name in ("device_name", "default_locality", "role", "suppression_threshold",
                 "backups_keep"):
        field = page.device_section.findChild(QWidget, name)
        assert field is not None and field in buddies, name
        assert field.accessibleName(), name
    assert page.language_section.label.buddy() is page.language_section.picker


def test_backups_hint_uses_the_plural_of_the_language(ctx: AppContext, qtbot: QtBot) -> None:
    page = _page(ctx, qtbot)
    spin = _child(page, QSpinBox, "backups_keep")
    hint = _child(page, QLabel, "backups-hint")
    spin.setValue(1)
    assert "bara den senaste" in hint.text()
    spin.setValue(4)
    assert "de 4 senaste" in hint.text()
    ctx.language.apply("ar")
    QApplication.processEvents()
    spin.setValue(2)
    two = hint.text()
    spin.setValue(11)
    assert two != hint.text() and "11" in hint.text() and "2" not in two


def test_sections_of_other_areas_are_added_when_they_exist(ctx: AppContext,
                                                           qtbot: QtBot) -> None:
    import importlib.util

    page = _page(ctx, qtbot)
    present = [m for m in EXTRA_SECTION_MODULES if importlib.util.find_spec(m) is not None]
    assert len(page.extra) == len(present)
    assert all(section.parent() is not None for section in page.extra)
    assert i18n.current_language() == "sv"
