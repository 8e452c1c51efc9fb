"""Choose a reporting period: recent quarters, this and last year, or everything."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWidget

from forebygg_desktop.core.i18n import format_quarter, pgettext
from forebygg_desktop.core.period import Period
from forebygg_desktop.gui.widgets.code_combo import CodeCombo

RECENT_QUARTERS = 6


def period_items(today: date) -> list[tuple[str | None, object]]:
    quarter = Period.quarter_of(today)
    items: list[tuple[str | None, object]] = []
    for _step in range(RECENT_QUARTERS):
        year, number = quarter.quarters()[0]
        items.append((quarter.code, lambda y=year, n=number: format_quarter(y, n)))
        quarter = Period.quarter_of(quarter.start - timedelta(days=1))
    for year in (today.year, today.year - 1):
        items.append((str(year), lambda y=year: str(y)))
    # TRANSLATORS: a period filter: no time limit.
    items.append((None, lambda: pgettext("period", "All time")))
    return items


class PeriodCombo(CodeCombo):
    """`period()` is the chosen Period, or None for all time."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None,
                 default: str | None = None) -> None:
        super().__init__(parent)
        self.set_items(period_items(today or date.today()))  # type: ignore[arg-type]
        if default is not None:
            self.set_code(default)

    def period(self) -> Period | None:
        code = self.current_code()
        return Period.parse(code) if code else None
