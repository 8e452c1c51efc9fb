"""The Reports area: figures from store.stats, suppression on screen, export with progress,
cancel, and screenshots in Swedish and Arabic."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.areas.reports.page import ReportsPage, protection_text
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.fonts import load_fonts
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.operations import Operations

TODAY = date(2026, 10, 5)


def page_for(store: Store, qtbot: QtBot) -> ReportsPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext(store=store, ops=Operations(store), language=LanguageController(app))
    page = ReportsPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    return page


def cell(page: ReportsPage, row: int, col: int) -> str:
    item = page.table.item(row, col)
    assert item is not None
    return item.text()


def test_the_screen_shows_the_same_figures_as_the_core(store: Store, qtbot: QtBot) -> None:
    generate_demo(store, years=2, end=date(2026, 9, 30))
    page = page_for(store, qtbot)
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("2026Q3")
    ind = store.stats.indicators(Period.parse("2026Q3"))
    assert cell(page, 4, 1) == str(ind.groups.meetings)  # "Group meetings held"
    assert cell(page, 5, 1).replace("\xa0", "") == str(ind.groups.visits.total)
    bars = dict((label, value) for label, value, _t in page.program_chart.bars)
    assert sum(v or 0 for v in bars.values()) == ind.groups.visits.total
    assert len(page.trend_chart.bars) == 8


def test_suppression_on_screen_hides_small_counts(store: Store, qtbot: QtBot) -> None:
    generate_demo(store, years=1, end=date(2026, 9, 30))
    page = page_for(store, qtbot)
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("2026Q3")
    # staff view, and the screen says so
    assert page.protection is not None and page.protection.threshold is None
    assert page.protection_note.text() == protection_text(page.protection)
    with qtbot.waitSignal(page.refreshed):
        page.suppress_box.setChecked(True)
    # Suppressing at 50 is a long search (seconds): it runs on the reader.
    with qtbot.waitSignal(page.refreshed, timeout=60_000):
        page.threshold.setValue(50)
    texts = [cell(page, r, 1) for r in range(page.table.rowCount())]
    assert ".." in texts and not any(t.startswith("<") for t in texts)
    assert any(text == ".." for _l, _v, text in page.program_chart.bars)
    assert page.protection is not None and page.protection.protection.result is not None
    assert page.protection.protection.result.passed
    assert "50" in page.protection_note.text()


def test_the_screen_hides_exactly_what_the_workbook_hides(store: Store, qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    """One decision: the on-screen Summary and the workbook's Summary hide the same cells."""
    from python_calamine import CalamineWorkbook

    from forebygg_desktop.core.reports.workbook import ReportOptions, write_report

    generate_demo(store, years=2, end=date(2026, 9, 30))
    page = page_for(store, qtbot)
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("2026Q2")
    with qtbot.waitSignal(page.refreshed):
        page.suppress_box.setChecked(True)
    assert page.threshold.value() == 5  # the default: the box above showed it already
    screen = [[cell(page, r, c) == ".." for c in (1, 2)] for r in range(page.table.rowCount())]
    path = write_report(store, ReportOptions(Period.parse("2026Q2"), "sv", 5),
                        tmp_path / "q2.xlsx")
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()[4:4 + len(screen)]
    written = [[row[c] == ".." for c in (1, 2)] for row in rows]
    assert any(any(r) for r in screen)
    assert screen == written


def test_custom_range_shows_date_fields(store: Store, qtbot: QtBot) -> None:
    page = page_for(store, qtbot)
    page.show()
    assert not page.from_edit.isVisible()
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("custom")
    assert page.from_edit.isVisible() and page.period().end == TODAY


def test_export_runs_off_the_ui_thread_and_offers_the_file(store: Store, qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    generate_demo(store, years=1, end=date(2026, 9, 30))
    page = page_for(store, qtbot)
    page.show()
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("2026")
    with qtbot.waitSignal(page.export_done, timeout=20_000):
        page.export_to(tmp_path / "year")
    assert page.last_path == tmp_path / "year.xlsx" and page.last_path.exists()
    assert page.open_button.isVisible() and page.folder_button.isVisible()
    assert not page.progress.isVisible() and page.export_button.isEnabled()


def test_cancel_leaves_no_file(store: Store, qtbot: QtBot, tmp_path: Path) -> None:
    generate_demo(store, years=1, end=date(2026, 9, 30))
    page = page_for(store, qtbot)
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("2026")
    with qtbot.waitSignal(page.export_done, timeout=20_000):
        page.export_to(tmp_path / "gone.xlsx")
        page.cancel_export()
    assert page.last_error is not None and page.last_path is None
    assert not (tmp_path / "gone.xlsx").exists()


def test_screenshots_swedish_and_arabic(store: Store, qtbot: QtBot) -> None:
    generate_demo(store, years=2, end=date(2026, 9, 30))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_fonts(app)
    page = page_for(store, qtbot)
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("2026Q3")
    page.show()
    out = Path(os.environ.get("FOREBYGG_SCREENSHOTS", Path(__file__).parents[2] / "screenshots"))
    out.mkdir(exist_ok=True)
    page.grab().save(str(out / "reports_sv.png"))  # staff view: unsuppressed, and says so
    with qtbot.waitSignal(page.refreshed):
        page.suppress_box.setChecked(True)
    page.grab().save(str(out / "reports_suppressed_sv.png"))
    swedish_period = page.period_combo.currentText()
    controller = LanguageController(app)
    try:
        controller.apply("ar")
        qtbot.waitUntil(lambda: page.layoutDirection() == Qt.LayoutDirection.RightToLeft
                        and page.period_combo.currentText() != swedish_period)
        assert page.program_chart.layoutDirection() == Qt.LayoutDirection.RightToLeft
        page.grab().save(str(out / "reports_ar.png"))
    finally:
        controller.apply("sv")
    assert (out / "reports_ar.png").exists()


def test_every_figure_is_shown_in_full_in_every_language(store: Store, qtbot: QtBot) -> None:
    """The change column was the last, stretched one: in Somali, at 1366×768, "+8 dhibcood
    boqolkiiba" was cut to "+8 …". Figures now size to their contents; the measures' names
    take the rest and carry their full name as a tooltip."""
    generate_demo(store, years=2, end=date(2026, 9, 30))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    load_fonts(app)
    page = page_for(store, qtbot)
    page.resize(850, 520)  # the area beside the navigation at 1366×768 and 125 %
    page.show()
    controller = page.ctx.language
    try:
        for language in ("so", "ar", "en", "sv"):
            with qtbot.waitSignal(controller.language_changed, timeout=5000):
                controller.apply(language)
            page.period_combo.set_code("2026Q3")
            QApplication.processEvents()
            metrics = page.table.fontMetrics()
            for row in range(page.table.rowCount()):
                for column in range(1, page.table.columnCount()):
                    text = cell(page, row, column)
                    room = page.table.columnWidth(column)
                    assert metrics.horizontalAdvance(text) < room, (language, row, text)
                name = page.table.item(row, 0)
                assert name is not None and name.toolTip() == name.text()
            # The charts scroll up and down but are never squeezed below their width.
            assert page.program_chart.width() >= page.program_chart.minimumSizeHint().width()
    finally:
        controller.apply("sv")
