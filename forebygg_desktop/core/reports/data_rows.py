"""The Data sheet's rows (one per meeting), formatted straight into SpreadsheetML.

A decade is ≈ 130,000 meetings, 2 million cells: a row is one f-string here, and what
repeats is made once — a day's date serial and quarter, a series' program, locality, area
and language (escaped, styled) and its number in the sheet. The cells are those
`FastRows.append` writes for the same values (`tests/core/test_report_data_rows.py` checks
both, byte for byte): the same styles, strings inline, no cell for an empty value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from forebygg_desktop.core.period import quarter_number
from forebygg_desktop.core.reports.fast_rows import EXCEL_EPOCH, FastRows
from forebygg_desktop.core.reports.texts import ReportTexts
from forebygg_desktop.core.stats.collect import MeetingFacts

# The Data sheet's columns (`layout.data_columns`), by position.
DATA_KEYS = ("held_on", "quarter", "program", "locality", "area", "language", "series",
             "number", "booster", "minutes", "women", "men", "other", "total",
             "other_adults", "children", "interpreter")
# Rows formatted before they are written (and progress is reported).
BATCH = 500


def _number(column: str, style: str) -> Callable[[str, Any], str]:
    """A cell of a count that may be missing (no cell then)."""
    def cell(r: str, value: Any) -> str:
        return "" if value is None else f'<c r="{column}{r}"{style}><v>{value}</v></c>'
    return cell


def write_meetings(rows: FastRows, meetings: Iterable[MeetingFacts], tx: ReportTexts,
                   areas: dict[str, str], yes_no: tuple[str, str],
                   step: Callable[[int], None]) -> None:
    """Append one row per meeting to `rows` (whose columns are `DATA_KEYS`, styles set);
    `step(n)` after every `BATCH` rows (progress, and where a cancel takes effect)."""
    s = [rows.style(i) for i in range(len(DATA_KEYS))]
    yes, no = rows.text_tail(8, yes_no[0]), rows.text_tail(8, yes_no[1])
    interpreter = {None: "", True: rows.text_tail(16, yes_no[0]),
                   False: rows.text_tail(16, yes_no[1])}
    days: dict[date, tuple[int, str]] = {}  # a day's serial and quarter cell, made once
    # A series' program, locality, area and language tails and its number in the sheet
    # (series are numbered in the order they first meet: a readable key that ties a
    # series' meetings together; its stored id is a code, not shown).
    series: dict[str, tuple[str, str, str, str, int]] = {}
    names: dict[tuple[int, str], str] = {}

    def name(index: int, value: str) -> str:
        key = (index, value)
        if key not in names:
            names[key] = rows.text_tail(index, value)
        return names[key]

    minutes, women, men = _number("J", s[9]), _number("K", s[10]), _number("L", s[11])
    other, total = _number("M", s[12]), _number("N", s[13])
    adults, children = _number("O", s[14]), _number("P", s[15])
    a, g, meeting = s[0], s[6], _number("H", s[7])
    row = rows.next_row
    batch: list[str] = []
    for m in meetings:
        held = m[3]
        day = days.get(held)
        if day is None:
            day = days[held] = ((held - EXCEL_EPOCH).days, rows.text_tail(
                1, tx.short_quarter(held.year, quarter_number(held))))
        sid = m[1]
        known = series.get(sid)
        if known is None:
            known = series[sid] = (
                name(2, tx.program(m[12])), name(3, tx.locality(m[13])),
                name(4, areas.get(m[13], "")), name(5, tx.language_name(m[14])),
                len(series) + 1)
        program, locality, area, language, number = known
        w, mn, o = m[6], m[7], m[8]
        t = None if w is None and mn is None and o is None else (w or 0) + (mn or 0) + (o or 0)
        booster = yes if m[5] == "booster" else no
        used = interpreter[m[11]]
        r = str(row)
        batch.append(
            f'<row r="{r}"><c r="A{r}"{a}><v>{day[0]}</v></c>'
            f'{f"""<c r="B{r}{day[1]}""" if day[1] else ""}'
            f'{f"""<c r="C{r}{program}""" if program else ""}'
            f'{f"""<c r="D{r}{locality}""" if locality else ""}'
            f'{f"""<c r="E{r}{area}""" if area else ""}'
            f'{f"""<c r="F{r}{language}""" if language else ""}'
            f'<c r="G{r}"{g}><v>{number}</v></c>{meeting(r, m[2])}'
            f'{f"""<c r="I{r}{booster}""" if booster else ""}'
            f'{minutes(r, m[4])}{women(r, w)}{men(r, mn)}{other(r, o)}{total(r, t)}'
            f'{adults(r, m[9])}{children(r, m[10])}'
            f'{f"""<c r="Q{r}{used}""" if used else ""}</row>')
        row += 1
        if len(batch) == BATCH:
            rows.write("".join(batch), BATCH)
            batch = []
            step(BATCH)
    rows.write("".join(batch), len(batch))
    step(len(batch))
