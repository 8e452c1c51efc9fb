"""The Data sheet's rows (one per meeting), formatted straight into SpreadsheetML.

A decade is ≈ 130,000 meetings, 2 million cells: what repeats is made once, as UTF-8 —
a day's date and quarter cells, a series' program, locality, area, language and number
cells (escaped, styled), a meeting's cells from its number on per set of values — and a row
is those three joined. A cell carries its reference only after an empty cell (SpreadsheetML
places one without it in the next column), so most rows need their number only once. The
cells are those `FastRows.append` writes for the same values
(`tests/core/test_report_data_rows.py` checks both, byte for byte): the same styles,
strings inline, no cell for an empty value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from openpyxl.utils import get_column_letter

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
# Where a row's number goes in the cells made once (XML cannot hold a NUL: text never has
# one, `fast_rows._escape` drops it).
ROW = "\x00"
# At most this many sets of a meeting's values have their cells kept (`write_meetings`).
TAILS = 20_000
ROW_BYTES = ROW.encode()


def write_meetings(rows: FastRows, meetings: Iterable[MeetingFacts], tx: ReportTexts,
                   areas: dict[str, str], yes_no: tuple[str, str],
                   step: Callable[[int, date | None], None]) -> None:
    """Append one row per meeting to `rows` (whose columns are `DATA_KEYS`, styles set);
    `step(n, day)` after every `BATCH` rows, `day` the last one's (progress, and where a
    cancel takes effect)."""
    s = [rows.style(i) for i in range(len(DATA_KEYS))]

    def cells(after: int, bodies: list[str]) -> str:
        """The cells of the columns from `after + 1` on (each one's attributes and value
        after `<c`, as `FastRows.text_tail`; "" for no cell), as `FastRows.append` writes
        them: a reference (its row number left as `ROW`) only on a cell after an empty
        one. `after`'s own cell is always there (a day's quarter, a series' number)."""
        out = []
        last = after
        for index, body in enumerate(bodies, after + 1):
            if body:
                out.append("<c" + body if index == last + 1
                           else f'<c r="{get_column_letter(index + 1)}{ROW}"{body}')
                last = index
        return "".join(out)

    def number(index: int, value: int | None) -> str:
        return "" if value is None else f"{s[index]}><v>{value}</v></c>"

    def text(index: int, value: str) -> str:
        return rows.text_tail(index, value)

    yes, no = text(8, yes_no[0]), text(8, yes_no[1])
    flags = {None: "", True: text(16, yes_no[0]), False: text(16, yes_no[1])}
    # A day's date and quarter cells (A, B), made once per day (the quarter is never
    # empty: it holds the year).
    days: dict[date, bytes] = {}
    # A series' program, locality, area, language and number cells (C to G), made once per
    # series (series are numbered in the order they first meet: a readable key that ties a
    # series' meetings together; its stored id is a code, not shown).
    series: dict[str, bytes] = {}
    # A meeting's cells from its number on (H to Q: number, booster, minutes, counts,
    # interpreter), made once per set of values: a decade's 130,000 meetings have ≈ 1,300
    # of them. Kept to `TAILS` sets (beyond it the cells are made for each row).
    tails: dict[tuple[object, ...], bytes] = {}
    row = rows.next_row
    batch: list[bytes] = []
    held: date | None = None
    day = b""
    for (_id, sid, number_, on, minutes, kind, women, men, other, adults, children, used,
         program, locality, language, _status, _venue) in meetings:
        if on != held:  # a day's meetings come together: its cells looked up once
            held = on
            day = days.get(on) or days.setdefault(on, (
                cells(-1, [
                    f"{s[0]}><v>{(on - EXCEL_EPOCH).days}</v></c>",
                    text(1, tx.short_quarter(on.year, quarter_number(on)))])).encode())
        known = series.get(sid)
        if known is None:
            known = series[sid] = cells(1, [
                text(2, tx.program(program)), text(3, tx.locality(locality)),
                text(4, areas.get(locality, "")), text(5, tx.language_name(language)),
                number(6, len(series) + 1)]).encode()
        values = (number_, kind, minutes, women, men, other, adults, children, used)
        tail = tails.get(values)
        if tail is None:
            total = (None if women is None and men is None and other is None
                     else (women or 0) + (men or 0) + (other or 0))
            tail = (cells(6, [number(7, number_), yes if kind == "booster" else no,
                              number(9, minutes), number(10, women), number(11, men),
                              number(12, other), number(13, total), number(14, adults),
                              number(15, children), flags[used]]) + "</row>").encode()
            if len(tails) < TAILS:
                tails[values] = tail
        line = day + known + tail
        number_text = b"%d" % row
        batch.append(b'<row r="' + number_text + b'">' + (
            line.replace(ROW_BYTES, number_text) if ROW_BYTES in line else line))
        row += 1
        if len(batch) == BATCH:
            rows.write(b"".join(batch), BATCH)
            batch = []
            step(BATCH, held)
    rows.write(b"".join(batch), len(batch))
    step(len(batch), held)
