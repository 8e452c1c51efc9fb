"""A new user's first minutes: `--demo` never shows a greyed-out choice, and the empty start
page says what to do first and offers the demo itself."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QWidget

from forebygg_desktop.core import i18n
from forebygg_desktop.gui.areas.home.page import HomePage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.first_start import FirstStartDialog
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.startup import Startup, parse_args


def disabled_controls(dialog: QWidget) -> list[str]:
    return [w.objectName() or type(w).__name__ for w in dialog.findChildren(QCheckBox)
            if w.isVisibleTo(dialog) and not w.isEnabled()]


@pytest.mark.parametrize("flags", [["--demo"], []])
def test_first_start_never_shows_a_greyed_out_demo_choice(
        qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        flags: list[str]) -> None:
    folder = tmp_path / "new"
    seen: list[dict[str, object]] = []

    def look(dialog: FirstStartDialog) -> int:  # instead of blocking in exec()
        dialog.show()
        seen.append({"disabled": disabled_controls(dialog),
                     "demo_offered": dialog.demo.isVisibleTo(dialog),
                     "hint": dialog.demo_hint.text() if dialog.demo_hint.isVisibleTo(dialog)
                     else "",
                     "empty": dialog.ctx.store.is_empty()})
        dialog.close()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(FirstStartDialog, "exec", look)
    language = LanguageController(qapp)
    run = Startup(qapp, parse_args(["--data-dir", str(folder), *flags]), folder, language)
    try:
        assert run.start_directly()
        assert len(seen) == 1
        state = seen[0]
        assert state["disabled"] == []
        if flags:  # loaded before the dialog: said so, not offered as a dead choice
            assert not state["empty"]
            assert not state["demo_offered"]
            assert "demo" in str(state["hint"]).lower()
        else:  # an empty database: the choice is there and can be taken
            assert state["empty"] and state["demo_offered"]
    finally:
        if run.window is not None:
            run.window.close()
        run.close()
        shiboken6.delete(language)
        i18n.set_language("sv")


def test_with_data_the_demo_is_not_mentioned(demo_ctx: AppContext, qtbot) -> None:
    dialog = FirstStartDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert disabled_controls(dialog) == []
    assert not dialog.demo.isVisible() and not dialog.demo_hint.isVisible()
    dialog.demo.setChecked(True)  # even if something ticks it, nothing is loaded
    assert not dialog.choices().load_demo


def test_the_empty_start_page_loads_the_demo_on_request(ctx: AppContext, qtbot) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["home"]
    assert isinstance(page, HomePage)
    assert page.first_steps.isVisible()
    assert page.demo_button.isVisible() and page.demo_button.isEnabled()
    text = page.first_steps_text.text()
    assert "gruppomgång" in text and "demoår" in text  # what to do first, in words (sv)
    # Saying no loads nothing.
    page.confirm_demo = lambda: False  # type: ignore[method-assign]
    page.demo_button.click()
    assert ctx.store.is_empty()
    page.confirm_demo = lambda: True  # type: ignore[method-assign]
    with qtbot.waitSignal(ctx.ops.changed, timeout=60_000):
        page.demo_button.click()
    ctx.ops.wait()
    QApplication.processEvents()
    assert not ctx.store.is_empty()
    assert not page.first_steps.isVisible()  # the figures took its place
    assert page.overview is not None


def test_the_demo_never_lands_on_registrations(ctx: AppContext, qtbot, series_id: str) -> None:
    """Registrations made meanwhile (another window, an import): the demo is not mixed in."""
    from forebygg_desktop.gui.areas.home.page import load_demo

    before = len(ctx.store.groups.list_series())
    with qtbot.waitSignal(ctx.ops.changed, timeout=60_000):
        ctx.ops.run(load_demo)
    assert len(ctx.store.groups.list_series()) == before

