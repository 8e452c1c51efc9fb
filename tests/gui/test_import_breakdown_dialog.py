"""The import dry-run dialog shows what the files do kind by kind and says what
"unchanged" means; the numbers are the core's, for the files that will be imported."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from forebygg_desktop.core import settings
from forebygg_desktop.core.exchange.breakdown import COLUMNS
from forebygg_desktop.core.exchange.texts import kind_label
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import OpenMeetingData, TalkData
from forebygg_desktop.gui.areas.exchange.page import ExchangePage
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.operations import Operations
from tests.core.conftest import connect


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "central" / "forebygg.sqlite3")
    store.settings.set(settings.ROLE, "central")
    yield store
    store.close()


def talk(day: int, who: str = "mother") -> TalkData:
    return TalkData(first_talk_on=date(2026, 3, day), who_came=who, language_code="sv")


def test_the_dry_run_dialog_breaks_the_rows_down_by_kind(central: Store, store: Store,
                                                         qtbot: QtBot, tmp_path: Path) -> None:
    connect(store, central)
    first_box, second_box = tmp_path / "one", tmp_path / "two"
    first_box.mkdir()
    second_box.mkdir()
    keep = store.talks.create(talk(2)).id
    gone = store.talks.create(talk(3)).id
    store.open_meetings.create(OpenMeetingData(program_code="CAFE", held_on=date(2026, 3, 4),
                                               locality_code="RIMBO", language_code="sv",
                                               women=5))
    central.exchange.import_files([store.exchange.export(first_box).path])
    store.talks.update(keep, talk(2, who="father"))
    store.talks.delete(gone)
    store.talks.create(talk(5))
    store.exchange.export(second_box, full=True)

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ctx = AppContext(store=central, ops=Operations(central), language=LanguageController(app))
    page = ExchangePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(ctx.ops.busy_changed, timeout=10_000):
        page.plan_import([second_box])
    qtbot.waitUntil(lambda: page.plan_dialog is not None, timeout=10_000)
    dialog = page.plan_dialog
    assert dialog is not None
    table = dialog.breakdown
    assert table.isVisibleTo(dialog)
    rows = {table.item(r, 0).text(): [table.item(r, c + 1).text() for c in range(len(COLUMNS))]
            for r in range(table.rowCount())}
    talks = rows[kind_label("advice_talk")]
    by_column = dict(zip(COLUMNS, talks, strict=True))
    assert by_column == {"new": "1", "changed": "1", "unchanged": "0", "deleted": "1",
                         "conflicts": "0", "rejected": "0"}
    open_row = rows[kind_label("open_meeting")]
    assert dict(zip(COLUMNS, open_row, strict=True)) == {
        "new": "0", "changed": "0", "unchanged": "1", "deleted": "0", "conflicts": "0",
        "rejected": "0"}
    # Kinds with no rows in the files are left out (the staff list travels every time).
    assert set(rows) == {kind_label(k) for k in ("advice_talk", "open_meeting", "staff")}
    assert dialog.unchanged_means.isVisibleTo(dialog) and dialog.unchanged_means.text()
    # The header names the columns in words.
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert all(heads) and len(set(heads)) == len(heads)
    assert central.talks.list() != [] and len(central.talks.list()) == 2  # nothing written
    with qtbot.waitSignal(ctx.ops.changed, timeout=10_000):
        dialog.accept()
    ctx.ops.wait()
    assert len(central.talks.list()) == 2  # one new, one gone: still two live talks
