"""The Reports page's "protect together with the year's quarters": offered for a suppressed
year only, remembered in the settings, and the export writes the year and its quarters with
one decision (the CLI's `--with-quarters` call); the About sheets name the reports each was
protected with, and the written set holds against the attacker. And the start page says
in every language that its figures are unsuppressed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.reports.release_cells import protect_report
from forebygg_desktop.core.reports.together import protect_year_with_quarters, year_and_quarters
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.areas.home.page import HomePage
from forebygg_desktop.gui.context import AppContext
from tests.core.disclosure_attacker import attack_year_and_quarters, too_narrow
from tests.gui.test_reports_page import page_for

QUARTERS = ("2025Q1", "2025Q2", "2025Q3", "2025Q4")


def _about(path: Path) -> dict[str, str]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("About").to_python()
    return {str(r[0]): str(r[1]) for r in rows if r and r[0]}


def test_a_year_is_exported_with_its_quarters_protected_together(store: Store, qtbot: QtBot,
                                                                 tmp_path: Path) -> None:
    i18n.set_language("en")
    generate_demo(store, years=2, end=date(2026, 9, 30))
    page = page_for(store, qtbot)
    page.show()
    page.period_combo.set_code("2025")
    assert not page.together_box.isEnabled()  # staff view: nothing to protect
    with qtbot.waitSignal(page.suppress_box.toggled):
        page.suppress_box.setChecked(True)
    assert page.together_box.isEnabled() and not page.together_box.isChecked()
    with (qtbot.waitSignal(page.ctx.ops.changed, timeout=10_000),
          qtbot.waitSignal(page.refreshed, timeout=60_000)):
        page.together_box.setChecked(True)
    assert store.settings.get(settings.REPORT_WITH_QUARTERS) is True
    # The screen shows the year as the exported files do: the joint decision, named.
    assert page.protection is not None
    assert "Protected together with the reports of 2025Q1" in page.protection_note.text()
    reports = {p.code: store.stats.report(p) for p in year_and_quarters(2025)}
    joint = protect_year_with_quarters(reports, page.threshold.value())["2025"]
    assert page.protection.protection.hidden == joint.protection.hidden
    # ... which is not the year protected on its own.
    alone = protect_report(reports["2025"], page.threshold.value())
    assert alone.protection.hidden != joint.protection.hidden

    page.language_combo.set_code("en")
    with qtbot.waitSignal(page.export_done, timeout=60_000):
        page.export_to(tmp_path / "year.xlsx")
    assert page.last_error is None, page.last_error
    quarters = [tmp_path / f"year-{code}.xlsx" for code in QUARTERS]
    assert all(path.exists() for path in quarters)
    assert "year-2025Q4.xlsx" in page.status.text()
    year = _about(tmp_path / "year.xlsx")
    assert year["Other reports"] == "Protected together with the reports of " + ", ".join(
        QUARTERS)
    assert "2025, 2025Q1, 2025Q3, 2025Q4" in _about(quarters[1])["Other reports"]
    priority = {loc.name for loc in store.catalog.localities(include_inactive=True)
                if loc.priority_area}
    intervals, threshold = attack_year_and_quarters(tmp_path / "year.xlsx", quarters, priority)
    assert intervals and too_narrow(intervals, threshold) == {}
    # Each written workbook is recorded (what was reported, per period).
    assert {r.period_code for r in store.reported.records()} == {"2025", *QUARTERS}


def test_the_option_is_remembered_and_offered_for_years_only(store: Store,
                                                             qtbot: QtBot) -> None:
    store.settings.set(settings.REPORT_WITH_QUARTERS, True)
    page = page_for(store, qtbot)
    page.show()
    assert not page.together_note.isVisible()  # staff view: its explanation takes no room
    with qtbot.waitSignal(page.suppress_box.toggled):
        page.suppress_box.setChecked(True)
    page.period_combo.set_code("2026Q3")
    assert page.together_box.isChecked() and not page.together_box.isEnabled()
    assert not page.with_quarters() and not page.together_note.isVisible()
    page.period_combo.set_code("2026")
    assert page.together_box.isEnabled() and page.with_quarters()
    assert page.together_note.isVisible()


@pytest.mark.parametrize("language", ["sv", "en", "ar", "so"])
def test_the_start_page_says_its_figures_are_unsuppressed(demo_ctx: AppContext, qtbot: QtBot,
                                                          language: str) -> None:
    i18n.set_language(language)
    page = HomePage(demo_ctx)
    qtbot.addWidget(page)
    page.retranslate_ui()
    note = page.staff_note.text()
    english = ("Staff view: the figures are shown unsuppressed, small numbers included. For "
               "use within the unit only; reports that leave the unit hide small numbers "
               "(Reports).")
    assert not page.staff_note.isHidden()
    assert (note == english) == (language == "en"), note
    assert note.strip()
