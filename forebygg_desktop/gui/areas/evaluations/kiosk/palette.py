"""The kiosk's own light colours, whatever the system's colour scheme.

The kiosk's style sheet paints light backgrounds; in Windows 11's dark mode Qt hands every
widget a dark palette with white text, so the texts the style sheet does not colour came
out white on white. The kiosk therefore sets a complete light palette on its window (every
page and control inherits it) instead of relying on the system's.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

INK = "#1d1d1b"
PAPER = "#f6f4ee"
FIELD = "#ffffff"
ACCENT = "#005a9e"
MUTED = "#555555"


def light_palette() -> QPalette:
    """A light palette with every role set, for every colour group (active, inactive, disabled)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: PAPER, QPalette.ColorRole.WindowText: INK,
        QPalette.ColorRole.Base: FIELD, QPalette.ColorRole.AlternateBase: "#eceae3",
        QPalette.ColorRole.Text: INK, QPalette.ColorRole.Button: FIELD,
        QPalette.ColorRole.ButtonText: INK, QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: ACCENT, QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: FIELD, QPalette.ColorRole.ToolTipText: INK,
        QPalette.ColorRole.PlaceholderText: MUTED, QPalette.ColorRole.Link: ACCENT,
        QPalette.ColorRole.LinkVisited: "#5c2d91", QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#e4e2db", QPalette.ColorRole.Mid: "#b5b5b5",
        QPalette.ColorRole.Dark: "#6b6b6b", QPalette.ColorRole.Shadow: "#3a3a3a",
    }
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in roles.items():
            palette.setColor(group, role, QColor(colour))
    for role, colour in roles.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(MUTED))
    return palette
