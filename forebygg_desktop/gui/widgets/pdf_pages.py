"""PDF pages as images, drawn inside the program (pypdfium2: PDFium, no QtPdf needed).

PySide6-Essentials has no QtPdf and the add-on wheels are ~175 MB; PDFium through
pypdfium2 is a 4 MB, well-kept renderer. Pages are rendered to QImages for a scroll view.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

POINTS_PER_INCH = 72


class PdfRenderError(Exception):
    """The file is not a PDF PDFium can read (damaged, encrypted, not a PDF)."""


def render_pages(path: Path, width_px: int, max_pages: int = 50) -> list[QImage]:
    """Every page (up to `max_pages`) scaled to `width_px` pixels wide."""
    import pypdfium2 as pdfium  # loaded when a PDF is first shown

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise PdfRenderError(str(error)) from error
    images: list[QImage] = []
    try:
        for index in range(min(len(document), max_pages)):
            page = document[index]
            width_pt = page.get_width() or POINTS_PER_INCH
            bitmap = page.render(scale=width_px / width_pt, rev_byteorder=True,
                                 prefer_bgrx=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           _qt_format(bitmap.mode))
            images.append(image.copy())  # own the pixels: the bitmap's buffer is freed
            bitmap.close()
            page.close()
    finally:
        document.close()
    return images


def _qt_format(mode: str) -> QImage.Format:
    formats = {"RGBX": QImage.Format.Format_RGBX8888, "RGBA": QImage.Format.Format_RGBA8888,
               "RGB": QImage.Format.Format_RGB888, "L": QImage.Format.Format_Grayscale8}
    if mode not in formats:
        raise PdfRenderError(f"unexpected bitmap mode {mode}")
    return formats[mode]
