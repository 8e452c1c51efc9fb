"""The main window's size, position and state, remembered per screen, always on screen.

A laptop at 1366×768 and 125 % scaling has about 1093×614 logical pixels; one at 1920×1080
and 150 % about 1280×720. The window opens at its remembered place on the same screen
setup, clamped into the screen's available area; the first time it takes the largest of
1366×768 that fits, centred. Stored in the settings as {screen key: [x, y, w, h, maximized]}.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from forebygg_desktop.core import settings

DEFAULT_SIZE = (1366, 768)
# Enough of the window must stay on screen to grab it again (title bar and some width).
MIN_VISIBLE = 120


@dataclass(frozen=True)
class Place:
    x: int
    y: int
    width: int
    height: int
    maximized: bool = False


def screen_key(screen: QScreen) -> str:
    """One screen setup: its name, size in logical pixels and scale."""
    size = screen.geometry()
    return f"{screen.name()}@{size.width()}x{size.height()}@{screen.devicePixelRatio():g}"


def fit(saved: Place | None, available: QRect) -> Place:
    """Where the window goes: `saved` if it is on `available`, clamped to its size; else
    the default size (at most the available area), centred."""
    if saved is None:
        width = min(DEFAULT_SIZE[0], available.width())
        height = min(DEFAULT_SIZE[1], available.height())
        return Place(available.x() + (available.width() - width) // 2,
                     available.y() + (available.height() - height) // 2, width, height)
    width = max(200, min(saved.width, available.width()))
    height = max(200, min(saved.height, available.height()))
    x = min(max(saved.x, available.x()), available.x() + available.width() - width)
    y = min(max(saved.y, available.y()), available.y() + available.height() - height)
    return Place(x, y, width, height, saved.maximized)


def _stored(value: Any) -> Place | None:
    if isinstance(value, list) and len(value) == 5 and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value[:4]):
        return Place(value[0], value[1], value[2], value[3], bool(value[4]))
    return None


def restore(window: QWidget, remembered: Mapping[str, Any] | None) -> None:
    """Place `window` on its screen (before it is shown)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*DEFAULT_SIZE)
        return
    place = fit(_stored((remembered or {}).get(screen_key(screen))), screen.availableGeometry())
    window.setGeometry(place.x, place.y, place.width, place.height)
    if place.maximized:  # applied when the window is shown
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QWidget, store_settings: Any) -> None:
    """Store the window's place for the screen it is on (at close)."""
    screen = window.screen()
    if screen is None:
        return
    geometry = window.normalGeometry() if window.isMaximized() else window.geometry()
    places = dict(store_settings.get(settings.WINDOW_PLACES))
    places[screen_key(screen)] = [geometry.x(), geometry.y(), geometry.width(),
                                  geometry.height(), window.isMaximized()]
    store_settings.set(settings.WINDOW_PLACES, places)


class FittingScrollArea(QScrollArea):
    """A scroll area as tall as its content, but never taller than the screen allows: a form
    on a small screen scrolls instead of pushing its Save and Cancel off the screen."""

    def __init__(self, parent: QWidget | None = None, reserve: int = 220) -> None:
        super().__init__(parent)
        self._reserve = reserve  # heading, notices and buttons around the area
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = content.sizeHint() if content is not None else super().sizeHint()
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = (screen.availableGeometry().height() - self._reserve) if screen else hint.height()
        scroll = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + scroll, max(120, min(hint.height(), room)))
