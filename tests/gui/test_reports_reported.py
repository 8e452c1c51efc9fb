"""The Reports page says when a reported quarter changed (figure by figure), closes a
quarter, lists the changes held for approval and approves them; the summary PDF button."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from forebygg_desktop.core import settings
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData, edited
from forebygg_desktop.gui.areas.reports.page import ReportsPage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.operations import Operations
from tests.core.conftest import connect

Q1 = Period.parse("2026Q1")


def talk(day: int) -> TalkData:
    return edited(TalkData(first_talk_on=date(2026, 2, day), who_came="mother",
                           language_code="sv"))


def page_for(store: Store, qtbot: QtBot) -> ReportsPage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext(store=store, ops=Operations(store), language=LanguageController(app))
    page = ReportsPage(ctx, today=date(2026, 4, 10))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    with qtbot.waitSignal(page.refreshed):
        page.period_combo.set_code("2026Q1")
    return page


def test_changes_since_the_report_and_held_changes_show_on_the_page(
        tmp_path: Path, qtbot: QtBot) -> None:
    laptop = open_store(tmp_path / "laptop" / "forebygg.sqlite3")
    central = open_store(tmp_path / "central" / "forebygg.sqlite3")
    central.settings.set(settings.ROLE, "central")
    connect(laptop, central)  # the laptop knows the department's keys and is enrolled
    try:
        first = laptop.talks.create(talk(3)).id
        central.exchange.import_files([laptop.exchange.export(tmp_path / "1.forebygg").path])
        write_report(central, ReportOptions(Q1), tmp_path / "q1.xlsx")
        laptop.talks.create(talk(9))
        central.exchange.import_files([laptop.exchange.export(tmp_path / "2.forebygg").path])
        page = page_for(central, qtbot)
        panel = page.reported
        assert panel.changes_table.isVisibleTo(page)
        figures = {panel.changes_table.item(r, 0).text(): (
            panel.changes_table.item(r, 1).text(), panel.changes_table.item(r, 2).text())
            for r in range(panel.changes_table.rowCount())}
        assert figures["Påbörjade kontakter i råd- och stödsamtal"] == ("1", "2")
        assert panel.close_button.isVisibleTo(page)
        with qtbot.waitSignals([page.ctx.ops.changed, page.refreshed], timeout=10_000):
            panel.close_period("Anna")
        assert "Anna" in panel.closure.text() and not panel.close_button.isVisibleTo(page)
        laptop.talks.update(first, edited(talk(3), talks=5))
        [report] = central.exchange.import_files(
            [laptop.exchange.export(tmp_path / "3.forebygg").path])
        assert report.held == 1
        with qtbot.waitSignal(page.refreshed):
            page.refresh()
        assert panel.held_table.rowCount() == 1 and panel.approve_button.isVisibleTo(page)
        with qtbot.waitSignals([page.ctx.ops.changed, page.refreshed], timeout=10_000):
            panel.approve("Anna")
        assert panel.held_table.item(0, 2).text() == "Anna"
        assert panel.held_table.item(0, 3).text()  # when
        assert not panel.approve_button.isVisibleTo(page)
        assert central.talks.get(first).talks == 5
        page.ctx.ops.wait()
    finally:
        laptop.close()
        central.close()


def test_summary_button_writes_the_pdf_and_records_it(store: Store, qtbot: QtBot,
                                                      tmp_path: Path) -> None:
    store.talks.create(talk(3))
    page = page_for(store, qtbot)
    with qtbot.waitSignal(page.export_done, timeout=20_000):
        page.write_summary(tmp_path / "summary")
    assert page.last_path == tmp_path / "summary.pdf" and page.last_path.exists()
    assert "Rapporterad" in page.reported.notice.text() or page.reported.notice.text()
    [record] = store.reported.records(Q1)
    assert record.kind == "summary"
    with qtbot.waitSignal(page.export_done, timeout=20_000):
        page.write_summary(tmp_path / "no" / "such" / "folder.pdf")
    assert page.last_error is not None and page.last_path is None
