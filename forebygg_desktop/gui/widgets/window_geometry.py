"""The main window's size, position and state, remembered per screen, always on screen, its
title bar included; dialogs and forms that fit the screen (`resize_within_screen`,
`FittingScrollArea`, `size_to_screen`, `keep_on_screen`).

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
from PySide6.QtWidgets import QFrame, QLayoutItem, QScrollArea, QWidget

from forebygg_desktop.core import settings

DEFAULT_SIZE = (1366, 768)
# Enough of the window must stay on screen to grab it again (title bar and some width).
MIN_VISIBLE = 120
# A window's title bar and borders, which Qt cannot measure before the window is shown
# (Windows 10/11: a 31-pixel caption and thin borders, in logical pixels), outside the part
# a window's geometry gives: WINDOW_FRAME is what they add to its height.
TITLE_BAR = 32
BORDER = 8
WINDOW_FRAME = TITLE_BAR + BORDER


@dataclass(frozen=True)
class Place:
    x: int
    y: int
    width: int
    height: int
    maximized: bool = False


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen a widget is (or will be) shown on."""
    return widget.screen() or QGuiApplication.primaryScreen()


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


def client_area(available: QRect) -> QRect:
    """Where a window's own area may go so that its title bar and borders stay on the
    screen too (a window as tall as the screen had its title bar above it, out of reach)."""
    return available.adjusted(BORDER, TITLE_BAR, -BORDER, -BORDER)


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give a window this size, or less where its screen is smaller (frame included): a
    dialog of 820×600 did not fit 1366×768 at 150 % (911×485), its Close button below the
    screen."""
    screen = screen_of(window)
    if screen is None:
        window.resize(width, height)
        return
    area = client_area(screen.availableGeometry())
    window.resize(min(width, area.width()), min(height, area.height()))


def _stored(value: Any) -> Place | None:
    if isinstance(value, list) and len(value) == 5 and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value[:4]):
        return Place(value[0], value[1], value[2], value[3], bool(value[4]))
    return None


def restore(window: QWidget, remembered: Mapping[str, Any] | None) -> None:
    """Place `window` on its screen (before it is shown)."""
    screen = screen_of(window)
    if screen is None:
        window.resize(*DEFAULT_SIZE)
        return
    place = fit(_stored((remembered or {}).get(screen_key(screen))),
                client_area(screen.availableGeometry()))
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


# Around a scroll area that is not an item of its window's own layout: a guess.
OTHER_PARTS = 180


class FittingScrollArea(QScrollArea):
    """A scroll area as tall as its content, but never taller than the screen allows: a form
    on a small screen scrolls instead of pushing its Save and Cancel off the screen, and
    scrolls only when the screen is full (a form at 1366×768 and 150 % whose fields fit
    does not scroll)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = content.sizeHint() if content is not None else super().sizeHint()
        screen = screen_of(self)
        room = hint.height() if screen is None else \
            screen.availableGeometry().height() - self.around()
        scroll = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + scroll, max(120, min(hint.height(), room)))

    def around(self) -> int:
        """The height its window needs besides this area: the other shown items of the
        window's layout (heading, notices, error line, buttons), spacing, margins and the
        window's frame."""
        window = self.window()
        layout = window.layout() if window is not self else None
        if layout is None or layout.indexOf(self) < 0:
            return OTHER_PARTS + WINDOW_FRAME
        margins = layout.contentsMargins()
        height = shown = 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            widget = item.widget() if item is not None else None
            if item is None or widget is self or (widget is not None and widget.isHidden()):
                continue
            height += _item_height(item, window.width() - margins.left() - margins.right())
            shown += 1
        return (height + max(layout.spacing(), 0) * shown + margins.top() + margins.bottom()
                + WINDOW_FRAME)


def _item_height(item: QLayoutItem, width: int) -> int:
    """A layout item's height at this width, as the layout gives it (a wrapped heading takes
    one line or two; its own size hint guesses two)."""
    if item.hasHeightForWidth() and width > 0:
        return item.heightForWidth(width)
    return item.sizeHint().height()


def size_to_screen(window: QWidget) -> None:
    """Give a window its full size hint before it is first shown, within the screen.

    Left to itself, Qt sizes a new window to at most two thirds of the screen: a form at
    1366×768 and 150 % then scrolled its fields with a third of the screen unused. A window
    whose hint is held to the screen (`FittingScrollArea`) can take the whole hint."""
    layout = window.layout()
    if layout is not None:
        layout.activate()
    hint = window.sizeHint()
    resize_within_screen(window, hint.width(), hint.height())


def keep_on_screen(window: QWidget) -> None:
    """Move a shown window that grew (a form showing its errors) back inside its screen's
    available area, frame included: a form placed for its first height would otherwise push
    its Save and Cancel below the task bar."""
    screen = screen_of(window)
    if screen is None or not window.isVisible():
        return
    area, frame = screen.availableGeometry(), window.frameGeometry()
    x = max(area.left(), window.x() + min(0, area.right() - frame.right()))
    y = max(area.top(), window.y() + min(0, area.bottom() - frame.bottom()))
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)
