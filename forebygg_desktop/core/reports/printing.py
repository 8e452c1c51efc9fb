"""Print geometry of a workbook sheet on A4: orientation, scale, row heights, page breaks.

Excel and LibreOffice lay a sheet out on paper themselves; to keep a table's heading on the
same page as the table, and wrapped header texts inside their rows, the writer has to know
roughly where the pages break. Everything here is in points (1/72 inch) and errs on the
safe side: a page is assumed a little shorter than it is, a text a little wider.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Arabic letters print wider than Latin ones in the fonts used for them.
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

# A4 in points, and the margins every sheet is given (inches, as openpyxl takes them).
A4_WIDTH, A4_HEIGHT = 595.0, 842.0
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_HEADER = 0.5, 0.8, 0.8, 0.3
# The body font (openpyxl's default, Calibri 11; LibreOffice renders it with Carlito).
FONT_PT = 11.0
ROW_PT = 15.0  # the default row height of an 11 pt font
# Below this scale 11 pt text prints smaller than 8.5 pt: tables are split instead.
MIN_SCALE = 78
# A page is taken as this share of its real height (header, footer and rounding).
PAGE_SLACK = 0.98


def column_points(width: float) -> float:
    """Printed width of an Excel column `width` characters wide (7 px a digit + 5 px)."""
    return (width * 7 + 5) * 0.75


def content_width(widths: Sequence[float]) -> float:
    return sum(column_points(w) for w in widths)


@dataclass(frozen=True)
class PageSetup:
    landscape: bool
    scale: int  # percent; 100 unless a sheet needs shrinking to fit its width

    @property
    def paper(self) -> tuple[float, float]:
        return (A4_HEIGHT, A4_WIDTH) if self.landscape else (A4_WIDTH, A4_HEIGHT)

    @property
    def printable_width(self) -> float:
        return self.paper[0] - 2 * MARGIN_SIDE * 72

    @property
    def page_height(self) -> float:
        """Height of a page's printable area, in the sheet's own (unscaled) points."""
        usable = self.paper[1] - (MARGIN_TOP + MARGIN_BOTTOM) * 72
        return usable * PAGE_SLACK * 100 / self.scale

    @property
    def text_pt(self) -> float:
        """The size the body text prints at."""
        return FONT_PT * self.scale / 100


def choose_page(widths: Sequence[float]) -> PageSetup:
    """Portrait when the columns fit it, else landscape, shrunk to fit but never below
    `MIN_SCALE` (a sheet wider than that prints its columns over more pages)."""
    width = content_width(widths)
    portrait, landscape = PageSetup(False, 100), PageSetup(True, 100)
    if width <= portrait.printable_width:
        return portrait
    if width <= landscape.printable_width:
        return landscape
    scale = math.floor(landscape.printable_width / width * 100)
    return PageSetup(True, max(scale, MIN_SCALE))


def fits_width(widths: Sequence[float], setup: PageSetup) -> bool:
    return content_width(widths) * setup.scale / 100 <= setup.printable_width + 0.5


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines `text` wraps to in a column `width` characters wide (greedy, by words).

    A character is taken as wide as a digit (bold a little wider), which over-estimates
    ordinary text: a row sized by this never cuts its text off.
    """
    per_char = 1.0 if bold else 0.92
    room = max(width - 1.0, 1.0)  # the cell's own padding
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            size = (len(word) + 0.45 * len(ARABIC.findall(word))) * per_char
            if used and used + per_char + size > room:
                lines += 1
                used = 0.0
            while size > room:  # a word longer than the column breaks anywhere
                lines += 1
                size -= room
            used = used + (per_char if used else 0.0) + size
    return max(lines, 1)


def row_height(texts: Sequence[str], widths: Sequence[float], bold: bool = False) -> float:
    """A row height (points) that shows every wrapped text of the row in full."""
    lines = max((wrapped_lines(t, w, bold) for t, w in zip(texts, widths, strict=False)
                 if t), default=1)
    return ROW_PT if lines <= 1 else round(lines * ROW_PT * 0.97 + 3, 1)
