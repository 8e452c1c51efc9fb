"""Rendering with Qt outside the window (no widgets): the one-page summary PDF.

The core stays Qt-free; this package may import PySide6's GUI module and is used by the
Reports page and by `forebygg-cli report --pdf` (offscreen).
"""
