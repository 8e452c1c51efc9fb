"""Reporting periods: quarters, years and free date ranges (inclusive)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive date range with a stable code (`2026Q3`, `2026`, `2026-01-01..2026-02-15`)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise ValueError("quarter must be 1-4")
        start = date(year, 3 * quarter - 2, 1)
        next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
        return cls(start, next_start - timedelta(days=1))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def quarter_of(cls, day: date) -> Period:
        """The quarter a day falls in."""
        return cls.quarter(day.year, quarter_number(day))

    @classmethod
    def parse(cls, code: str) -> Period:
        """Read `2026Q3`, `2026` or `2026-01-01..2026-03-31`."""
        text = code.strip().upper()
        if match := re.fullmatch(r"(\d{4})Q([1-4])", text):
            return cls.quarter(int(match[1]), int(match[2]))
        if re.fullmatch(r"\d{4}", text):
            return cls.year(int(text))
        if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", text):
            return cls(date.fromisoformat(match[1]), date.fromisoformat(match[2]))
        raise ValueError(f"not a period: {code!r} (use 2026Q3, 2026 or 2026-01-01..2026-03-31)")

    @property
    def code(self) -> str:
        if self == Period.year(self.start.year):
            return str(self.start.year)
        if Period.quarter_of(self.start) == self:
            return f"{self.start.year}Q{quarter_number(self.start)}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def year_earlier(self) -> Period:
        """The same period one year earlier (29 February maps to 28 February)."""
        return Period(_minus_year(self.start), _minus_year(self.end))

    def quarters(self) -> list[tuple[int, int]]:
        """Every (year, quarter) the period touches, in order."""
        out: list[tuple[int, int]] = []
        year, quarter = self.start.year, quarter_number(self.start)
        while (year, quarter) <= (self.end.year, quarter_number(self.end)):
            out.append((year, quarter))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return out


def quarter_number(day: date) -> int:
    """1-4: the quarter of the year a day falls in."""
    return (day.month - 1) // 3 + 1


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)
