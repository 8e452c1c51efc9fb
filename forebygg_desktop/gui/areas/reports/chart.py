"""A small horizontal bar chart drawn with QPainter (QtCharts is not in PySide6-Essentials).

Each bar carries its label and its value as text, so nothing is said by colour or length
alone; in a right-to-left layout the bars grow from the right.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

MINIMUM_WIDTH = 240
BAR_HEIGHT = 20
GAP = 6


class BarChart(QWidget):
    """`set_bars([(label, value, value_text)])`; hidden (suppressed) values have value None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[tuple[str, float | None, str]] = []
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_title(self, title: str) -> None:
        self._title = title
        self.setAccessibleName(title)
        self.setToolTip(title)  # in full where a narrow chart elides it
        self.update()

    def set_bars(self, bars: list[tuple[str, float | None, str]]) -> None:
        self._bars = bars
        self.setAccessibleDescription("; ".join(f"{label}: {text}" for label, _v, text in bars))
        self.updateGeometry()
        self.update()

    @property
    def bars(self) -> list[tuple[str, float | None, str]]:
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(360, 28 + len(self._bars) * (BAR_HEIGHT + GAP))

    def minimumSizeHint(self) -> QSize:
        # Narrower than it likes on a small screen (1366×768 at 150 %): labels and the
        # title elide, the values and bars stay.
        return QSize(MINIMUM_WIDTH, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        width = self.width()
        metrics = self.fontMetrics()
        label_width = min(width * 0.4, max((metrics.horizontalAdvance(b[0]) for b in self._bars),
                                           default=0) + 12)
        value_width = 60
        bar_area = max(10.0, width - label_width - value_width)
        top = 4.0
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        align_start = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        title = painter.fontMetrics().elidedText(self._title, Qt.TextElideMode.ElideRight,
                                                 int(width))
        painter.drawText(QRectF(0, top, width, 20), align_start | Qt.AlignmentFlag.AlignVCenter,
                         title)
        painter.setFont(self.font())
        top += 24
        biggest = max((b[1] or 0 for b in self._bars), default=0) or 1
        palette = self.palette()
        for label, value, text in self._bars:
            length = bar_area * (value or 0) / biggest
            if rtl:
                label_rect = QRectF(width - label_width, top, label_width - 4, BAR_HEIGHT)
                bar = QRectF(width - label_width - length, top + 2, length, BAR_HEIGHT - 4)
                value_rect = QRectF(bar.left() - value_width, top, value_width - 4, BAR_HEIGHT)
                value_align = Qt.AlignmentFlag.AlignRight
            else:
                label_rect = QRectF(0, top, label_width - 4, BAR_HEIGHT)
                bar = QRectF(label_width, top + 2, length, BAR_HEIGHT - 4)
                value_rect = QRectF(bar.right() + 4, top, value_width, BAR_HEIGHT)
                value_align = Qt.AlignmentFlag.AlignLeft
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight,
                                        int(label_rect.width()))
            painter.drawText(label_rect, align_start | Qt.AlignmentFlag.AlignVCenter, elided)
            painter.fillRect(bar, palette.color(QPalette.ColorRole.Highlight))
            painter.drawText(value_rect, value_align | Qt.AlignmentFlag.AlignVCenter, text)
            top += BAR_HEIGHT + GAP
        painter.end()
