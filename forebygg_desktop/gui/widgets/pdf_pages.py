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


def render_pages(path: Path, width_px: int, max_pages: int = 50,
                 device_pixel_ratio: float = 1.0) -> list[QImage]:
    """Every page (up to `max_pages`) scaled to `width_px` logical pixels wide.

    At a display scale of 125-175 % (`device_pixel_ratio` 1.25-1.75, common on Windows
    laptops) the page is drawn with that many more device pixels and the image marked
    with the ratio, so Qt shows it at the same size but sharp instead of stretched.
    """
    ratio = max(1.0, float(device_pixel_ratio))
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
            bitmap = page.render(scale=width_px * ratio / width_pt, rev_byteorder=True,
                                 prefer_bgrx=True)
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           _qt_format(bitmap.mode))
            owned = image.copy()  # own the pixels: the bitmap's buffer is freed
            owned.setDevicePixelRatio(ratio)
            images.append(owned)
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
