"""The Data sheet's fast rows (`reports/data_rows.py`): the same SpreadsheetML bytes as the
general `FastRows.append`, and every cell read back by an independent reader (calamine) as
the meeting says — RTL text, markup characters, empty fields, dates at year ends."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl.workbook import Workbook
from python_calamine import CalamineWorkbook

from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.data_rows import write_meetings
from forebygg_desktop.core.reports.fast_rows import FastRows
from forebygg_desktop.core.reports.texts import CatalogNames, ReportTexts
from forebygg_desktop.core.reports.workbook import (
    ReportOptions,
    catalog_names,
    write_report,
    write_workbook,
)
from forebygg_desktop.core.stats.collect import LocalityFacts, MeetingFacts
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData

NAMES = CatalogNames(
    programs={"abc": {"ar": "برنامج «ABC» للآباء", "sv": "ABC"},
              "odd": {"sv": "Föräldrar & barn <0–2> \"små\""}},
    languages={"ar": {"ar": "العربية", "sv": "arabiska"}, "so": {"so": "Soomaali"}},
    localities={"rimbo": "Rimbo – رمبو", "x": "Ort\x01med\x1fkontroll"})
AREAS = {"rimbo": "Roslagen & skärgården"}  # "x" has no area: an empty cell


def meeting(n: int, series: str, held: date, program: str = "abc", locality: str = "rimbo",
            language: str = "ar", **counts: Any) -> MeetingFacts:
    values: dict[str, Any] = {"minutes": 90, "kind": "regular", "women": 3, "men": 1,
                              "other": None, "other_adults": 0, "children": 2,
                              "interpreter": True, **counts}
    return MeetingFacts(f"m{n}", series, n, held, values["minutes"], values["kind"],
                        values["women"], values["men"], values["other"],
                        values["other_adults"], values["children"], values["interpreter"],
                        program, locality, language, "running", None)


MEETINGS = [
    meeting(1, "s-b", date(2024, 12, 31), kind="booster", interpreter=None),
    meeting(2, "s-a", date(2024, 12, 31), program="odd", locality="x", language="so",
            women=None, men=None, other=None, minutes=None, other_adults=None,
            children=None, interpreter=False),
    meeting(3, "s-b", date(2025, 1, 1), women=0, men=0, other=0),
    meeting(4, "s-c", date(2025, 3, 31), program="unknown", locality="nowhere",
            language="zz", other=7, men=None),
    meeting(5, "s-a", date(2025, 4, 1), program="odd", locality="x", language="so"),
    meeting(6, "s-b", date(2028, 2, 29), women=12345, children=None),
]


def expected_rows(tx: ReportTexts, meetings: list[MeetingFacts]) -> list[list[Any]]:
    """What each Data row must read as, worked out here from the meeting alone."""
    yes, no = tx._("Yes"), tx._("No")
    numbers: dict[str, int] = {}
    rows = []
    for m in meetings:
        counts = (m.women, m.men, m.other)
        total = None if counts == (None, None, None) else sum(c or 0 for c in counts)
        quarter = (m.held_on.month - 1) // 3 + 1
        rows.append([
            m.held_on, f"{m.held_on.year} {tx.pgettext('quarter abbreviation', 'Q')}{quarter}",
            tx.program(m.program_code), tx.locality(m.locality_code).replace("\x01", "")
            .replace("\x1f", ""), AREAS.get(m.locality_code, ""),
            tx.language_name(m.language_code), numbers.setdefault(m.series_id, len(numbers) + 1),
            m.number, yes if m.kind == "booster" else no, m.minutes, *counts, total,
            m.other_adults, m.children, {None: None, True: yes, False: no}[m.interpreter]])
    return rows


def as_read(value: Any) -> Any:
    """A cell as calamine returns it: a missing value is ""; a date may come as datetime."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    return value


def empty_report(store: Store, period: Period) -> Any:
    report = store.stats.report(period)
    return replace(report, localities={
        code: LocalityFacts(code, code, area, False) for code, area in AREAS.items()})


@pytest.mark.parametrize("language", ["ar", "sv"])
def test_every_data_cell_reads_back_as_the_meeting_says(store: Store, tmp_path: Path,
                                                         language: str) -> None:
    tx = ReportTexts(language, NAMES)
    path = write_workbook(empty_report(store, Period.parse("2024-01-01..2028-12-31")),
                          MEETINGS, len(MEETINGS), tmp_path / "r.xlsx", tx, None)
    book = CalamineWorkbook.from_path(str(path))
    data = book.get_sheet_by_name(tx._("Data")).to_python()
    assert len(data) == 1 + len(MEETINGS)
    read = [[as_read(v) for v in row] for row in data[1:]]
    want = [[as_read(v) for v in row] for row in expected_rows(tx, MEETINGS)]
    for got, expected in zip(read, want, strict=True):
        assert got == expected  # cell for cell
    assert read[0][2] == ("برنامج «ABC» للآباء" if language == "ar" else "ABC")
    assert read[1][3] == "Ortmedkontroll" and read[1][4] == ""  # control characters dropped
    assert read[3][2:6] == ["unknown", "nowhere", "", "zz"]  # codes the store does not know


def reference_rows(tx: ReportTexts, meetings: list[MeetingFacts]) -> list[list[Any]]:
    """The values the Data sheet wrote through `FastRows.append` before the fast path."""
    yes, no = tx._("Yes"), tx._("No")
    flags = {None: "", True: yes, False: no}
    out = []
    for row in expected_rows(tx, meetings):
        row[16] = flags[meetings[len(out)].interpreter]
        out.append(row)
    return out


def sheet_bytes(tmp_path: Path, name: str, fill: Any) -> bytes:
    book = Workbook(write_only=True)
    book.create_sheet("Data").append(["header"])
    rows = FastRows(sheet_number=1, first_row=2, columns=17)
    for index, style in ((0, 7), (8, 9), (16, 9)):
        rows.set_style(index, style)
    fill(rows)
    path = tmp_path / name
    book.save(path)
    rows.splice(path)
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("count", [1, 499, 500, 501, 1003])
def test_fast_rows_are_the_bytes_the_general_writer_makes(tmp_path: Path, count: int) -> None:
    tx = ReportTexts("ar", NAMES)
    meetings = [MEETINGS[i % len(MEETINGS)]._replace(number=i) for i in range(count)]
    steps: list[tuple[int, date | None]] = []

    def general(rows: FastRows) -> None:
        for values in reference_rows(tx, meetings):
            rows.append(values)

    def fast(rows: FastRows) -> None:
        write_meetings(rows, meetings, tx, AREAS, (tx._("Yes"), tx._("No")),
                       lambda n, day: steps.append((n, day)))

    assert sheet_bytes(tmp_path, "fast.xlsx", fast) == sheet_bytes(tmp_path, "gen.xlsx",
                                                                     general)
    assert sum(n for n, _day in steps) == count and all(n <= 500 for n, _day in steps)
    # each step with the day of its batch's last meeting (the report's progress in days)
    done = 0
    for n, day in steps:
        done += n
        assert day == meetings[done - 1].held_on


def test_stored_meetings_read_back_through_the_whole_report(store_factory: Any,
                                                            tmp_path: Path) -> None:
    """On the test's database: meetings with empty fields at a year's end and start, in an
    Arabic report, as calamine reads the written file."""
    store = store_factory(tmp_path / "s")
    program = store.catalog.programs()[0].code
    locality = store.catalog.localities()[0].code
    language = store.catalog.languages()[0].code
    series = store.groups.create_series(SeriesData(program, locality, language)).id
    days = [date(2025, 12, 31), date(2026, 1, 1), date(2026, 3, 31)]
    store.groups.register_meeting(series, MeetingData(1, days[0]))  # every count empty
    store.groups.register_meeting(series, MeetingData(2, days[1], minutes=75, women=4,
                                                      other_gender=1, interpreter=True))
    store.groups.register_meeting(series, MeetingData(3, days[2], kind="booster", men=2,
                                                      children=3, interpreter=False))
    period = Period.parse("2025-10-01..2026-06-30")
    path = write_report(store, ReportOptions(period, language="ar"), tmp_path / "r.xlsx")
    tx = ReportTexts("ar", catalog_names(store))
    meetings = list(store.stats.meetings(period))
    assert [m.held_on for m in meetings] == days
    data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(tx._("Data")).to_python()
    read = [[as_read(v) for v in row] for row in data[1:]]
    want = [[as_read(v) for v in row] for row in expected_rows(tx, meetings)]
    areas = {code: loc.area for code, loc in store.stats.report(period).localities.items()}
    for row, m in zip(want, meetings, strict=True):
        row[4] = areas.get(m.locality_code, "")
    assert read == want
    assert read[0][9:16] == ["", "", "", "", "", "", ""] and read[0][16] == ""


def test_a_workbook_that_cannot_be_saved_leaves_no_temporary_file(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The folder refuses the file (a write-protected USB stick): the user gets the
    message, and the sheets' temporary files (the report's figures, in the system's temp
    folder) are gone at once, each sheet closed — none is left for the garbage collector
    to finish on a closed file."""
    import errno
    import gc
    import sys

    from openpyxl.worksheet import _writer

    from forebygg_desktop.core.reports.workbook import ReportWriteError

    def refuse(_book: Workbook, _name: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    usb = tmp_path / "usb"
    usb.mkdir()
    known = set(_writer.ALL_TEMP_FILES)
    monkeypatch.setattr(Workbook, "save", refuse)
    unraisable: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(ReportWriteError) as caught:
        write_workbook(empty_report(store, Period.parse("2026")), MEETINGS, len(MEETINGS),
                       usb / "r.xlsx", ReportTexts("en", NAMES), None)
    assert "Permission denied" in caught.value.message()
    made = [p for p in _writer.ALL_TEMP_FILES if p not in known]
    gc.collect()
    assert unraisable == []
    assert not [p for p in made if Path(p).exists()]
    assert list(usb.iterdir()) == []  # no part file either
