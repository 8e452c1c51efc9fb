"""First start: laptop name, locality, language and the demo offer; later starts skip it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.first_start import FirstStartDialog, needs_setup


def test_first_start_stores_the_choices_and_loads_demo(ctx: AppContext, store: Store,
                                                       qtbot) -> None:
    assert needs_setup(store)
    dialog = FirstStartDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.demo.isVisible() and dialog.demo.isEnabled()
    qtbot.keyClicks(dialog.name, "Family support 3")
    dialog.locality.set_code("HALLSTAVIK")
    dialog.language.set_code("ar")  # switches the interface at once
    assert i18n.current_language() == "ar"
    assert dialog.isRightToLeft()
    dialog.demo.setChecked(True)
    with qtbot.waitSignal(dialog.finished, timeout=30_000):
        dialog.start_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.settings.get(settings.DEVICE_NAME) == "Family support 3"
    assert store.settings.get(settings.DEFAULT_LOCALITY) == "HALLSTAVIK"
    assert store.settings.get(settings.LANGUAGE) == "ar"
    assert not needs_setup(store)
    assert not store.is_empty()
    ctx.language.apply("sv")


def test_a_name_is_required_and_shown_inline(ctx: AppContext, store: Store, qtbot) -> None:
    dialog = FirstStartDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(ctx.ops.failed):
        dialog.start_button.click()
    assert dialog.errors.fields_shown() == ["device_name"]
    assert dialog.isVisible()
    assert needs_setup(store)
    assert store.is_empty()


def test_no_demo_offer_when_data_exists(demo_ctx: AppContext, qtbot) -> None:
    dialog = FirstStartDialog(demo_ctx)
    qtbot.addWidget(dialog)
    assert not dialog.demo.isVisibleTo(dialog)  # not offered at all, never greyed out
    assert not dialog.choices().load_demo


def test_the_start_button_keeps_its_text_through_live_switches(ctx: AppContext,
                                                               qtbot) -> None:
    """Qt resets a standard button to "OK"/"حسنًا" on a language change; ours stays "Start"."""
    dialog = FirstStartDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        for language in ("ar", "so", "en", "sv"):
            dialog.language.set_code(language)
            qtbot.waitUntil(lambda lang=language: i18n.current_language() == lang)
            QApplication.processEvents()  # Qt delivers LanguageChange to the button box too
            expected = i18n.pgettext("button: begin using the program", "Start")
            assert dialog.start_button.text() == expected, language
        assert dialog.start_button.text() == "Starta"
    finally:
        ctx.language.apply("sv")
