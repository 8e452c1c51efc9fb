"""One clearly visible keyboard-focus ring for every widget, set once for the application.

The platform styles mark focus faintly (a dotted rectangle, a one-pixel tint). One ring,
`RING_WIDTH` logical pixels wide (so 3 device pixels at 150 %), in a colour with at least 3:1
contrast against the window and the buttons (WCAG 2.2, 1.4.11 and 2.4.7), is drawn around
whatever has the keyboard focus and can be reached with Tab: fields, buttons, drop-downs,
spin boxes, check boxes, tabs, sliders, lists and tables. It is symmetric, so right-to-left
layouts get the same ring. Widgets never set their own focus look.

The ring is one small widget laid over the focused widget, inside its edge, moved when the
focus changes: it moves and scrolls with that widget, and Python paints only the ring
itself. (A proxy style over the platform style drew the same ring, but ran Python for every
primitive Qt painted, which doubled the cost of painting a table, and its types cost the
first window about 15 ms.) Inside a list the current row keeps the platform's own marking;
the ring goes around the list.
"""

from __future__ import annotations

from typing import ClassVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

RING_COLOUR = QColor("#0b57d0")  # 6.6:1 on white, 5.6:1 on the light grey of buttons
RING_WIDTH = 2


def draw_ring(painter: QPainter, rect: QRect) -> None:
    """The ring, inside `rect` (a widget never clips half of it away)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(RING_COLOUR, RING_WIDTH)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    half = RING_WIDTH / 2
    painter.drawRoundedRect(rect.toRectF().adjusted(half, half, -half, -half), 3, 3)
    painter.restore()


class FocusRing(QFocusFrame):
    """The ring over one widget: a child of it, as large as it and above its own children,
    letting every click through (and, being a `QFocusFrame`, left out of the accessibility
    tree). Python paints it when that widget repaints: once a paint, not once a primitive.

    `QFocusFrame`'s own following is not used: with most styles it stacks the frame under
    the widget, a margin outside it, where the widget's parent clips it."""

    def __init__(self) -> None:
        super().__init__()
        self._widget: QWidget | None = None

    def follow(self, widget: QWidget | None) -> None:
        """Ring `widget` (None: no widget)."""
        old = self._widget
        if old is not None and shiboken6.isValid(old):
            old.removeEventFilter(self)
        self._widget = widget
        if widget is None:
            self.hide()
            return
        self.setParent(widget)
        self.setGeometry(widget.rect())
        self.raise_()
        self.show()
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget:
            kind = event.type()
            if kind == QEvent.Type.Resize:
                self.setGeometry(self._widget.rect())
            elif kind == QEvent.Type.ChildAdded:
                self.raise_()  # a child added later stays under the ring
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        draw_ring(painter, self.rect())
        painter.end()


def ringed(widget: QWidget | None) -> bool:
    """Does a widget with the focus get the ring? Not a window itself, nor a widget the
    keyboard cannot reach (a label's or a group's frame, a widget focused by a click only)."""
    return widget is not None and not widget.isWindow() and bool(
        widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


class _Follower(QObject):
    """Moves the ring to each widget that gets the focus (a ring deleted with the widget it
    was in is made again)."""

    current: ClassVar[_Follower | None] = None  # the application's (`apply_focus_ring`)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self._moved)
        self._moved(None, app.focusWidget())

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        ring = self.ring if self.ring is not None and shiboken6.isValid(self.ring) else None
        if not ringed(new):
            if ring is not None:
                ring.follow(None)
            return
        if ring is None:
            ring = self.ring = FocusRing()
        ring.follow(new)


def apply_focus_ring(app: QApplication) -> None:
    """Show the ring from now on (once; a second call changes nothing)."""
    if _active(app) is None:
        _Follower.current = _Follower(app)


def remove_focus_ring(app: QApplication) -> None:
    """Stop showing the ring (tests that compare with the platform's own look)."""
    follower = _active(app)
    if follower is None:
        return
    app.focusChanged.disconnect(follower._moved)
    if follower.ring is not None and shiboken6.isValid(follower.ring):
        follower.ring.follow(None)
        follower.ring.deleteLater()
    follower.setParent(None)
    follower.deleteLater()
    _Follower.current = None


def _active(app: QApplication) -> _Follower | None:
    """The application's follower. (Not `app.findChild`: walking the application's
    children wraps its style, whose Python type alone costs the first window 10 ms.)"""
    follower = _Follower.current
    if follower is None or not shiboken6.isValid(follower) or follower.parent() is not app:
        return None
    return follower
