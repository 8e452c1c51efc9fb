"""The evaluation results with "suppress small numbers" ticked show what the period's
suppressed workbook shows: the same counts, hidden ("..") in the same places, read back
from the written file with python-calamine."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from forebygg_desktop.core import settings
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.i18n import set_language
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.gui.areas.evaluations.results import ResultsTab
from forebygg_desktop.gui.context import AppContext
from tests.core.evaluation_demo import add_answers


def _workbook_rows(path: Path) -> dict[str, list[str]]:
    """Question text -> [answered, the answer counts] as the Evaluations sheet shows them."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Evaluations").to_python()
    out: dict[str, list[str]] = {}
    for index, row in enumerate(rows):
        if row[0] != "Question":
            continue
        answered = row.index("Answered")
        for r in rows[index + 1:]:
            if r[0] == "":
                break
            values = [v for v in r[1:answered] if v != ""]
            out[str(r[0])] = [_text(r[answered]), *(_text(v) for v in values)]
    return out


def _text(value: object) -> str:
    return str(int(value)) if isinstance(value, float) else str(value)


def test_suppressed_results_are_the_workbooks_cells(qtbot: QtBot, ctx: AppContext,
                                                    tmp_path: Path) -> None:
    set_language("en")
    store = ctx.store
    generate_demo(store, years=1, end=date.today())
    add_answers(store, share=0.4)
    tab = ResultsTab(ctx)
    qtbot.addWidget(tab)
    year = str(date.today().year)
    tab.period.setCurrentIndex(tab.period.findData(year))
    tab.series.setCurrentIndex(1)  # one series: not a report, dropped when suppressing
    with qtbot.waitSignal(tab.suppress_box.toggled):
        tab.suppress_box.setChecked(True)
    assert not tab.series.isEnabled() and tab.series.currentData() is None
    assert tab.protection is not None and tab.protection.threshold == 5
    shown = {}
    for row in range(tab.table.rowCount()):
        cells = [tab.table.item(row, c).text() for c in range(4)]
        counts = cells[3].strip("\u2066\u2069")
        if counts.startswith("Yes"):
            values = [part.split()[-1] for part in counts.split(" · ")]
        else:
            values = [part.split(": ")[1] for part in counts.split(" · ")]
        shown[cells[0]] = [cells[1], *values]
    path = write_report(store, ReportOptions(Period.parse(year), "en",
                                             store.settings.get(settings.SUPPRESSION_THRESHOLD)),
                        tmp_path / "year.xlsx")
    written = _workbook_rows(path)
    assert shown and shown.keys() == written.keys()
    assert shown == written
    assert any(".." in values for values in shown.values())  # something is hidden
    # Unticked: the staff view of every group again, series filter usable.
    with qtbot.waitSignal(tab.suppress_box.toggled):
        tab.suppress_box.setChecked(False)
    assert tab.series.isEnabled() and tab.protection is None
