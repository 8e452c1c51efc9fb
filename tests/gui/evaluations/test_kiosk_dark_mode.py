"""Windows 11 dark mode: the kiosk stays dark text on light paper, every text readable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from forebygg_desktop.gui.areas.evaluations.kiosk.window import KioskWindow
from forebygg_desktop.gui.context import AppContext


@pytest.fixture
def dark_system(qapp: QApplication) -> Iterator[None]:
    """The palette Qt gives every widget when Windows runs in dark mode."""
    before = qapp.palette()
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"),
                         (QPalette.ColorRole.WindowText, "#ffffff"),
                         (QPalette.ColorRole.Base, "#2b2b2b"), (QPalette.ColorRole.Text, "#ffffff"),
                         (QPalette.ColorRole.Button, "#2d2d2d"),
                         (QPalette.ColorRole.ButtonText, "#ffffff")):
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    yield
    qapp.setPalette(before)


def _darkest(widget: QWidget) -> int:
    """The lowest grey value drawn by `widget` (text strokes are the darkest pixels)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    return min(image.pixelColor(x, y).value()
               for y in range(0, image.height(), 2) for x in range(image.width()))


def test_kiosk_texts_are_dark_on_light_in_dark_mode(
        dark_system: None, ctx: AppContext, series_id: str, qtbot: QtBot) -> None:
    token = ctx.store.evaluations.start_round("series", series_id, "group")
    kiosk = KioskWindow(ctx, token, ctx.store.evaluations.questionnaire("group"), thanks_ms=60)
    kiosk.resize(1366, 768)
    kiosk.open()
    try:
        prompt = kiosk.language_page.prompt
        qtbot.waitExposed(kiosk)
        assert prompt.palette().color(QPalette.ColorRole.WindowText).lightness() < 60
        assert kiosk.palette().color(QPalette.ColorRole.Window).lightness() > 200
        assert _darkest(prompt) < 90  # the prompt's letters are drawn dark
        button = next(iter(kiosk.language_page.buttons.values()))
        assert button.palette().color(QPalette.ColorRole.ButtonText).lightness() < 60
        assert _darkest(button) < 90
    finally:
        kiosk.unlock()
        ctx.ops.wait()
        kiosk.deleteLater()
