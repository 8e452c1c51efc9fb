"""The one-page quarterly summary as a PDF, written with Qt's own PDF writer.

The page's text and tables come from `core.reports.summary_page` (HTML laid out by
QTextDocument, right to left in Arabic); the trend chart is painted with QPainter into an
image the document shows. The document is shrunk until it fits one A4 page.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from forebygg_desktop.core import settings
from forebygg_desktop.core.reports.reference_sheets import department_name
from forebygg_desktop.core.reports.summary_page import SummaryPage, TrendBar, summary_page
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.reports.workbook import ReportOptions, catalog_names, period_text
from forebygg_desktop.core.store import Store
from forebygg_desktop.render.pdf_file import pdf_file

FAMILIES = ["Noto Sans", "Noto Sans Arabic"]
RESOLUTION = 300
CHART_SIZE = (1700, 520)  # pixels at RESOLUTION dpi: about 14 x 4.4 cm


def ensure_app() -> QGuiApplication:
    """A QGuiApplication (offscreen when there is no display) with the shipped fonts."""
    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([])
    _load_fonts()
    return app  # type: ignore[return-value]


_fonts_loaded = False


def _load_fonts() -> None:
    global _fonts_loaded
    if _fonts_loaded:
        return
    from PySide6.QtGui import QFontDatabase

    from forebygg_desktop.core.paths import resources_dir

    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    _fonts_loaded = True


def chart_image(title: str, bars: tuple[TrendBar, ...], rtl: bool) -> QImage:
    """Column chart of visits per quarter; a hidden quarter shows its mark, no column."""
    width, height = CHART_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(int(RESOLUTION / 0.0254))
    image.setDotsPerMeterY(int(RESOLUTION / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(8)
    painter.setFont(font)
    top, bottom, side = 150, 150, 30
    title_font = QFont(font)
    title_font.setBold(True)
    title_font.setPointSizeF(9)
    painter.setFont(title_font)
    painter.drawText(QRectF(0, 0, width, 80), Qt.AlignmentFlag.AlignCenter, title)
    painter.setFont(font)
    values = [b.value or 0 for b in bars]
    peak = max(values, default=0) or 1
    slot = (width - 2 * side) / max(len(bars), 1)
    ordered = list(reversed(bars)) if rtl else list(bars)
    base = height - bottom
    painter.setPen(QColor("#888888"))
    painter.drawLine(side, base, width - side, base)
    for index, bar in enumerate(ordered):
        x = side + index * slot
        if bar.value:
            h = (base - top) * bar.value / peak
            painter.fillRect(QRectF(x + slot * 0.2, base - h, slot * 0.6, h), QColor("#4472c4"))
        label = bar.label
        value = ".." if bar.hidden else ("–" if bar.value is None else str(bar.value))
        painter.setPen(QColor("#222222"))
        h = (base - top) * (bar.value or 0) / peak
        painter.drawText(QRectF(x, base - h - 45, slot, 40),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, value)
        painter.drawText(QRectF(x, base + 8, slot, bottom - 8),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, label)
    painter.end()
    return image


def write_page_pdf(page: SummaryPage, path: Path, title: str) -> Path:
    """Lay `page` out on one A4 page at `path` (whole or not at all: `pdf_file`)."""
    ensure_app()
    with pdf_file(path, title) as writer:
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(15, 12, 15, 12), QPageLayout.Unit.Millimeter))
        chart = chart_image(page.chart_title, page.trend, page.rtl)
        size = 10.0
        document = _document(page, chart, size, writer)
        while document.pageCount() > 1 and size > 7.0:
            size -= 0.5
            document = _document(page, chart, size, writer)
        document.print_(writer)
    return path


def _document(page: SummaryPage, chart: QImage, size: float,
              writer: QPdfWriter) -> QTextDocument:
    document = QTextDocument()
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(size)
    document.setDefaultFont(font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft if page.rtl
                            else Qt.LayoutDirection.LeftToRight)
    document.setDefaultTextOption(option)
    document.documentLayout().setPaintDevice(writer)  # measure text at the PDF's resolution
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart:trend"), chart)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.setHtml(page.html)
    return document


def write_summary_pdf(store: Store, options: ReportOptions, path: Path) -> Path:
    """The one-page summary of `options.period` in `options.language` at `path`."""
    report = store.stats.report(options.period)
    tx = ReportTexts(options.language, catalog_names(store))
    label = period_text(report.period, tx)
    page = summary_page(report, tx, options.suppress,
                        department_name(store.settings.get(settings.DEPARTMENT), tx), label,
                        period_text(report.period.year_earlier(), tx))
    written = write_page_pdf(page, path, f"{tx._('Quarterly summary')} · {label}")
    from forebygg_desktop.core.reports.records import shown_figures

    store.reported.record(options.period, "summary", options.language, options.suppress,
                          written, shown_figures(report, options.suppress))
    return written
