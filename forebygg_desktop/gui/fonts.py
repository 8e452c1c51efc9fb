"""Register the shipped fonts so Arabic renders on a machine without Arabic fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core.paths import resources_dir

UI_FAMILIES = ["Noto Sans", "Noto Sans Arabic"]


def load_fonts(app: QApplication) -> list[str]:
    """Add every font under resources/fonts and make Noto (with Arabic fallback) the default."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = QFont(app.font())
    font.setFamilies(UI_FAMILIES)
    app.setFont(font)
    return sorted(set(families))
