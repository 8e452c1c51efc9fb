"""Every list behaves the same: header clicks sort (dates and numbers by value), typing
filters, Ctrl+F finds the filter, Escape clears it, Ctrl+N makes a new entry, Delete deletes
the selected one through the confirm-and-undo flow, and the tooltips name the keys."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow
from forebygg_desktop.gui.widgets.list_keys import ListFilter
from tests.gui.conftest import focused

# area, the date column and a number column of its table
RECORD_LISTS = [("open_meetings", 0, 8), ("talks", 0, 1), ("digital", 0, 2)]


@pytest.fixture
def window(demo_ctx: AppContext, qtbot) -> MainWindow:
    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def _open(window: MainWindow, qtbot, key: str) -> Any:
    page = window.pages[key]
    with qtbot.waitSignal(page.model.loaded):
        window.show_page(key)
    if page.period.current_code() is not None:  # every period: a list with many rows
        with qtbot.waitSignal(page.model.loaded):
            page.period.set_code(None)
    qtbot.waitUntil(lambda: page.model.rowCount() > 3 and page.ctx.ops.idle())
    return page


def _click_header(qtbot, page: Any, column: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(page.model.loaded):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(x, header.height() // 2))


def _values(page: Any, field: str) -> list[Any]:
    values = []
    for record in page.model.records():
        value = getattr(record, field) if field != "period" else (record.year, record.quarter)
        values.append(value)
    return values


@pytest.mark.parametrize(("key", "date_column", "number_column"), RECORD_LISTS)
def test_header_clicks_sort_dates_and_numbers_by_value(window: MainWindow, qtbot, key: str,
                                                        date_column: int,
                                                        number_column: int) -> None:
    page = _open(window, qtbot, key)
    columns = page.model.columns
    for column in (date_column, number_column):
        field = columns[column].field
        _click_header(qtbot, page, column)
        first = [v for v in _values(page, field) if v is not None]
        _click_header(qtbot, page, column)
        second = [v for v in _values(page, field) if v is not None]
        assert {tuple(first), tuple(second)} == {tuple(sorted(first)),
                                                 tuple(sorted(first, reverse=True))}
        assert len(set(first)) > 1  # the column really has different values
    # numbers as numbers: 10 after 9, not between 1 and 2
    numbers = [v for v in _values(page, columns[number_column].field) if v is not None]
    assert numbers == sorted(numbers) or numbers == sorted(numbers, reverse=True)


@pytest.mark.parametrize(("key", "label_column"),
                         [("open_meetings", 1), ("talks", 2), ("digital", 1)])
def test_typing_filters_ctrl_f_finds_and_escape_clears(window: MainWindow, qtbot, key: str,
                                                         label_column: int) -> None:
    page = _open(window, qtbot, key)
    total = page.model.total
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.filter
    # a locality, a program or a language everyone sees: the shown label of the first row
    word = page.model.data(page.model.index(0, label_column)).split()[0]
    with qtbot.waitSignal(page.model.loaded):
        page.filter.setText(word.lower())  # as typed (QTest types Latin-1 only)
    assert 0 < page.model.total <= total
    shown = {page.model.data(page.model.index(r, c)).casefold()
             for r in range(page.model.rowCount()) for c in range(page.model.columnCount())}
    assert any(word.casefold() in text for text in shown)
    with qtbot.waitSignal(page.model.loaded):
        qtbot.keyClicks(page.filter, " zzqxj")
    assert page.model.total == 0 and page.empty.isVisible()
    with qtbot.waitSignal(page.model.loaded):
        qtbot.keyClick(page.filter, Qt.Key.Key_Escape)
    assert page.filter.text() == "" and page.model.total == total


@pytest.mark.parametrize("key", ["open_meetings", "talks", "digital", "groups"])
def test_ctrl_n_makes_a_new_entry_in_every_list(window: MainWindow, qtbot, key: str) -> None:
    page = window.pages[key]
    window.show_page(key)
    table = page.list_view.table if key == "groups" else page.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    page.form.reject()


@pytest.mark.parametrize("key", ["open_meetings", "talks", "digital"])
def test_delete_asks_deletes_and_undo_restores(window: MainWindow, qtbot, store: Store,
                                                key: str) -> None:
    page = _open(window, qtbot, key)
    asked: list[str] = []
    page.confirm = lambda _parent, question: asked.append(question) or True
    total = page.model.total
    page.table.setFocus()
    page.table.selectRow(0)
    chosen = page.current_record().id
    # Delete in the filter field deletes a letter, not the record.
    qtbot.keyClicks(page.filter, "ab")
    page.filter.setFocus()
    qtbot.keyClick(page.filter, Qt.Key.Key_Home)
    qtbot.keyClick(page.filter, Qt.Key.Key_Delete)
    assert page.filter.text() == "b" and asked == []
    page.filter.clear()
    page.filter.flush()
    qtbot.waitUntil(lambda: page.ctx.ops.idle() and page.model.total == total)
    page.table.setFocus()
    page.table.selectRow(page.model.row_of(lambda r: r.id == chosen))
    with qtbot.waitSignals([page.ctx.ops.changed, page.model.loaded]):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and page.model.total == total - 1
    assert page.model.row_of(lambda r: r.id == chosen) == -1
    with qtbot.waitSignals([page.ctx.ops.changed, page.model.loaded]):
        page.notice.action_button.click()
    assert page.model.total == total


def test_delete_in_the_group_list_deletes_the_series_with_undo(window: MainWindow, qtbot,
                                                               store: Store) -> None:
    page = window.pages["groups"]
    view = page.list_view
    with qtbot.waitSignal(view.model.loaded):
        window.show_page("groups")
    asked: list[str] = []
    page.series_view.confirm = lambda _parent, question: asked.append(question) or True
    total = view.model.total
    view.table.setFocus()
    view.table.selectRow(0)
    chosen = view.model.record(0).id
    with qtbot.waitSignals([page.ctx.ops.changed, view.model.loaded]):
        qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and view.model.total == total - 1
    with qtbot.waitSignal(page.ctx.ops.changed):
        view.notice.action_button.click()
    assert store.groups.get_series(chosen).id == chosen


def test_the_series_list_sorts_by_label_in_swedish_order(window: MainWindow, qtbot) -> None:
    from forebygg_desktop.core.collation import collation_key

    view = window.pages["groups"].list_view
    with qtbot.waitSignal(view.model.loaded):
        window.show_page("groups")
    with qtbot.waitSignal(view.model.loaded):
        view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # locality
    while view.model.canFetchMore():
        with qtbot.waitSignal(view.model.loaded):
            view.model.fetchMore()
    shown = [view.model.data(view.model.index(r, 1)) for r in range(view.model.rowCount())]
    assert shown == sorted(shown, key=lambda s: collation_key(s, "sv"))
    assert shown[-1].startswith(("Å", "Ä", "Ö")) or "Älmsta" not in shown  # å ä ö after z
    assert view.model.rowCount() == view.model.total


def test_tooltips_name_the_shortcuts(window: MainWindow, qtbot) -> None:
    new = QKeySequence(QKeySequence.StandardKey.New).toString(
        QKeySequence.SequenceFormat.NativeText)
    find = QKeySequence(QKeySequence.StandardKey.Find).toString(
        QKeySequence.SequenceFormat.NativeText)
    for key in ("open_meetings", "talks", "digital"):
        page = window.pages[key]
        assert new in page.new_button.toolTip()
        assert find in page.filter.toolTip()
        assert page.table.horizontalHeader().toolTip()
    groups = window.pages["groups"].list_view
    assert new in groups.new_button.toolTip()
    assert isinstance(groups.search, ListFilter) and find in groups.search.toolTip()


def test_backups_sort_by_date_and_ctrl_n_backs_up(ctx: AppContext, qtbot, store: Store) -> None:
    from forebygg_desktop.gui.areas.settings.backups import BackupsSection

    section = BackupsSection(ctx)
    qtbot.addWidget(section)
    section.show()
    qtbot.waitUntil(lambda: ctx.ops.idle())
    before = section.table.rowCount()
    section.table.setFocus()
    qtbot.keyClick(section.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: section.table.rowCount() == before + 1, timeout=20_000)
    section.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    section.choose(0)
    assert section.selected() is section.rows[0]


def test_a_short_list_sorts_numbers_as_numbers(qapp: QApplication) -> None:
    from PySide6.QtWidgets import QTableWidget

    from forebygg_desktop.gui.widgets.item_lists import SortItem, fill_table, filter_table

    table = QTableWidget(0, 2)
    fill_table(table, [[SortItem(str(n), n), SortItem(d.isoformat(), d)]
                       for n, d in ((10, date(2026, 1, 9)), (9, date(2025, 12, 31)),
                                    (100, date(2026, 1, 10)))])
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [table.item(r, 0).text() for r in range(3)] == ["9", "10", "100"]
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 1).text() for r in range(3)] == [
        "2026-01-10", "2026-01-09", "2025-12-31"]
    assert filter_table(table, "2026") == 2
    assert table.isRowHidden(2)
