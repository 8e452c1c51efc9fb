"""The Data sheet's rows (one per meeting), formatted straight into SpreadsheetML.

A decade is ≈ 130,000 meetings, 2 million cells: a row is one f-string here, its row
number put into every cell reference at once, and what repeats is made once — a day's
date and quarter cells, a series' program, locality, area, language and number cells
(escaped, styled). The cells are those
`FastRows.append` writes for the same values (`tests/core/test_report_data_rows.py` checks
both, byte for byte): the same styles, strings inline, no cell for an empty value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

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

    def cell(column: str, index: int, value: str) -> str:
        """A text cell, its row number left as `ROW` ("" for an empty text: no cell)."""
        tail = rows.text_tail(index, value)
        return f'<c r="{column}{ROW}{tail}' if tail else ""

    booster = {True: cell("I", 8, yes_no[0]), False: cell("I", 8, yes_no[1])}
    interpreter = {None: "", True: cell("Q", 16, yes_no[0]), False: cell("Q", 16, yes_no[1])}
    # A day's date and quarter cells, made once per day.
    days: dict[date, bytes] = {}
    # A series' program, locality, area, language and number cells, made once per series
    # (series are numbered in the order they first meet: a readable key that ties a
    # series' meetings together; its stored id is a code, not shown).
    series: dict[str, bytes] = {}
    # Each column's style attribute, by its letter.
    sa, sg, sh, sj, sk, sl, sm, sn, so, sp = (s[i] for i in (0, 6, 7, 9, 10, 11, 12, 13, 14,
                                                             15))
    # A meeting's cells from its number on (number, booster, minutes, counts, interpreter),
    # made once per set of values: a decade's 130,000 meetings have ≈ 1,300 of them. Kept
    # to `TAILS` sets (beyond it the cells are made for each row as they come).
    tails: dict[tuple[object, ...], bytes] = {}
    row = rows.next_row
    batch: list[bytes] = []
    held: date | None = None
    day = b""
    for (_id, sid, number, on, minutes, kind, women, men, other, adults, children, used,
         program, locality, language, _status, _venue) in meetings:
        if on != held:  # a day's meetings come together: its cells looked up once
            held = on
            day = days.get(on) or days.setdefault(on, (
                f'<row r="{ROW}"><c r="A{ROW}"{sa}><v>{(on - EXCEL_EPOCH).days}</v></c>'
                + cell("B", 1, tx.short_quarter(on.year, quarter_number(on)))).encode())
        known = series.get(sid)
        if known is None:
            known = series[sid] = (
                cell("C", 2, tx.program(program)) + cell("D", 3, tx.locality(locality))
                + cell("E", 4, areas.get(locality, "")) + cell("F", 5, tx.language_name(language))
                + f'<c r="G{ROW}"{sg}><v>{len(series) + 1}</v></c>').encode()
        values = (number, kind, minutes, women, men, other, adults, children, used)
        tail = tails.get(values)
        if tail is None:
            total = (None if women is None and men is None and other is None
                     else (women or 0) + (men or 0) + (other or 0))
            tail = (
                f'{"" if number is None else f"""<c r="H{ROW}"{sh}><v>{number}</v></c>"""}'
                f'{booster[kind == "booster"]}'
                f'{"" if minutes is None else f"""<c r="J{ROW}"{sj}><v>{minutes}</v></c>"""}'
                f'{"" if women is None else f"""<c r="K{ROW}"{sk}><v>{women}</v></c>"""}'
                f'{"" if men is None else f"""<c r="L{ROW}"{sl}><v>{men}</v></c>"""}'
                f'{"" if other is None else f"""<c r="M{ROW}"{sm}><v>{other}</v></c>"""}'
                f'{"" if total is None else f"""<c r="N{ROW}"{sn}><v>{total}</v></c>"""}'
                f'{"" if adults is None else f"""<c r="O{ROW}"{so}><v>{adults}</v></c>"""}'
                f'{"" if children is None else f"""<c r="P{ROW}"{sp}><v>{children}</v></c>"""}'
                f'{interpreter[used]}</row>').encode()
            if len(tails) < TAILS:
                tails[values] = tail
        batch.append((day + known + tail).replace(ROW_BYTES, b"%d" % row))
        row += 1
        if len(batch) == BATCH:
            rows.write(b"".join(batch), BATCH)
            batch = []
            step(BATCH, held)
    rows.write(b"".join(batch), len(batch))
    step(len(batch), held)
