"""The Exchange area: export, import with its dry-run summary, applying a configuration."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from forebygg_desktop.core import settings
from forebygg_desktop.core.exchange.service import ExportResult, FileReport
from forebygg_desktop.core.models import Program
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData
from forebygg_desktop.gui.areas.exchange.page import ExchangePage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.operations import Operations
from tests.core.conftest import connect


def page_for(store: Store, qtbot: QtBot) -> ExchangePage:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext(store=store, ops=Operations(store), language=LanguageController(app))
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    page.resize(1150, 700)
    return page


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "central" / "forebygg.sqlite3")
    store.settings.set(settings.ROLE, "central")
    yield store
    store.close()


def wait_result(page: ExchangePage, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=10_000)


def test_export_writes_a_file_and_tells_where(store: Store, central: Store, qtbot: QtBot,
                                              tmp_path: Path) -> None:
    connect(store, central)
    store.talks.create(TalkData(first_talk_on=date(2026, 3, 1), who_came="mother",
                                language_code="sv"))
    page = page_for(store, qtbot)
    assert page.export_box.isVisibleTo(page) and not page.import_box.isVisibleTo(page)
    page.full.setChecked(True)
    page.export_to(tmp_path)
    wait_result(page, qtbot)
    result = page.last_result
    assert isinstance(result, ExportResult) and result.path.exists() and result.full
    assert str(result.path) in page.status.text()
    assert "1" in page.last_export.text()  # "Senaste export: fil 1 …"
    page.ctx.ops.wait()


def test_import_shows_the_dry_run_then_commits(central: Store, store: Store, qtbot: QtBot,
                                               tmp_path: Path) -> None:
    connect(store, central)
    for day in (1, 2):
        store.talks.create(TalkData(first_talk_on=date(2026, 3, day), who_came="father",
                                    language_code="ar"))
    good = store.exchange.export(tmp_path).path
    bad = tmp_path / "broken.forebygg"
    bad.write_bytes(good.read_bytes()[:200])
    page = page_for(central, qtbot)
    assert page.import_box.isVisibleTo(page) and not page.export_box.isVisibleTo(page)
    page.plan_import([tmp_path])
    qtbot.waitUntil(lambda: page.plan_dialog is not None, timeout=10_000)
    dialog = page.plan_dialog
    assert dialog is not None and dialog.table.rowCount() == 2
    assert central.talks.list() == []  # the dry run changed nothing
    texts = {dialog.table.item(r, 0).text(): dialog.table.item(r, dialog.table.columnCount() - 1)
             .text() for r in range(2)}
    assert texts["broken.forebygg"].startswith("✗")
    good_row = next(r for r in range(2) if dialog.table.item(r, 0).text() == good.name)
    assert dialog.table.item(good_row, 2).text() == "2"  # two new rows
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(page.ctx.ops.changed, timeout=10_000):
        dialog.accept()
    reports = page.last_result
    assert isinstance(reports, list) and all(isinstance(r, FileReport) for r in reports)
    assert [r.path for r in reports] == [good] and reports[0].committed
    assert len(central.talks.list()) == 2
    assert page.devices.rowCount() == 1
    assert page.devices.item(0, 1).text() == "1"
    page.ctx.ops.wait()


def test_applying_a_configuration_package_shows_changes_first(
        central: Store, store: Store, qtbot: QtBot, tmp_path: Path) -> None:
    with central.uow.write() as tx:
        program = tx.session.get(Program, "BIFF")
        assert program is not None
        program.default_minutes = 160
    package = central.exchange.make_config(tmp_path)
    page = page_for(store, qtbot)
    page.plan_config(package)
    qtbot.waitUntil(lambda: page.config_dialog is not None, timeout=10_000)
    dialog = page.config_dialog
    assert dialog is not None
    items = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
    assert any("BIFF" in text for text in items)
    assert store.catalog.program("BIFF").default_minutes != 160  # type: ignore[union-attr]
    with qtbot.waitSignal(page.ctx.ops.changed, timeout=10_000):
        dialog.accept()
    assert store.catalog.program("BIFF").default_minutes == 160  # type: ignore[union-attr]
    assert store.catalog.version() == 2
    assert "2" in page.config_info.text()
    page.ctx.ops.wait()


def test_a_refused_import_is_explained_in_the_page(store: Store, qtbot: QtBot,
                                                   tmp_path: Path) -> None:
    page = page_for(store, qtbot)  # a field laptop: importing data is the centre's job
    page.plan_import([tmp_path])
    wait_result(page, qtbot)
    assert page.status.text().startswith("✗") and "central" in page.status.text()
    page.ctx.ops.wait()


def test_a_new_laptop_is_enrolled_once_after_comparing_its_fingerprint(
        central: Store, store: Store, qtbot: QtBot, tmp_path: Path) -> None:
    """The laptop shows its fingerprint; the centre shows the same one for its first file,
    and after Accept the file is checked again and can be imported."""
    connect(store, central)
    central.exchange.forget_device(store.device_id)  # never accepted yet
    store.talks.create(TalkData(first_talk_on=date(2026, 3, 1), who_came="mother",
                                language_code="sv"))
    path = store.exchange.export(tmp_path).path
    laptop_page = page_for(store, qtbot)
    shown_on_laptop = store.exchange.device_fingerprint()
    assert shown_on_laptop in laptop_page.key_info.text()
    assert central.exchange.device_fingerprint() in laptop_page.key_info.text()
    page = page_for(central, qtbot)
    page.plan_import([path])
    qtbot.waitUntil(lambda: page.enrol_dialog is not None, timeout=10_000)
    dialog = page.enrol_dialog
    assert dialog is not None and dialog.fingerprint.text() == shown_on_laptop
    assert not dialog.accept_button.isDefault()  # accepting is a deliberate click
    assert page.plan_dialog is None and central.exchange.enrolled() == []
    with qtbot.waitSignal(page.ctx.ops.changed, timeout=10_000):
        dialog.accept_button.click()
    qtbot.waitUntil(lambda: page.plan_dialog is not None, timeout=10_000)
    plan = page.plan_dialog
    assert plan is not None and plan.import_button.isEnabled()
    assert [e.fingerprint for e in central.exchange.enrolled()] == [shown_on_laptop]
    with qtbot.waitSignal(page.ctx.ops.changed, timeout=10_000):
        plan.accept()
    assert len(central.talks.list()) == 1
    page.ctx.ops.wait()
    laptop_page.ctx.ops.wait()


def test_a_refused_enrolment_shows_why_the_file_waits(
        central: Store, store: Store, qtbot: QtBot, tmp_path: Path) -> None:
    connect(store, central)
    central.exchange.forget_device(store.device_id)
    path = store.exchange.export(tmp_path).path
    page = page_for(central, qtbot)
    page.plan_import([path])
    qtbot.waitUntil(lambda: page.enrol_dialog is not None, timeout=10_000)
    assert page.enrol_dialog is not None
    page.enrol_dialog.reject()
    dialog = page.plan_dialog
    assert dialog is not None and not dialog.import_button.isEnabled()
    status = dialog.table.item(0, dialog.table.columnCount() - 1).text()
    assert store.exchange.device_fingerprint() in status
    assert central.exchange.enrolled() == []


def test_an_existing_export_file_is_replaced_only_after_the_user_agreed(
        store: Store, central: Store, qtbot: QtBot, tmp_path: Path) -> None:
    connect(store, central)
    target = tmp_path / "laptop.forebygg"
    page = page_for(store, qtbot)
    page.full.setChecked(True)
    with qtbot.waitSignal(page.ctx.ops.changed, timeout=10_000):
        page.export_to(target)
    first = target.read_bytes()
    asked: list[Path] = []
    page.confirm_replace = lambda path: asked.append(path) or False  # type: ignore[method-assign]
    page.last_result = None
    page.export_to(target)
    wait_result(page, qtbot)
    assert asked == [target] and target.read_bytes() == first
    assert str(target) in page.status.text()
    page.confirm_replace = lambda path: True  # type: ignore[method-assign]
    with qtbot.waitSignal(page.ctx.ops.changed, timeout=10_000):
        page.export_to(target)
    assert isinstance(page.last_result, ExportResult) and target.read_bytes() != first
    page.ctx.ops.wait()
