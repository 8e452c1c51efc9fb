"""An area's heading: the one larger, bold line at the top of a page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def heading_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("heading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    return label
