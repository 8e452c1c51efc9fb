"""Staff withdraw answers entered in the wrong place, see them as withdrawn, restore them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from forebygg_desktop.core.store.evaluation_records import ResultFilter
from forebygg_desktop.gui.areas.evaluations.answers import AnswersTab
from forebygg_desktop.gui.areas.evaluations.page import EvaluationsPage
from forebygg_desktop.gui.context import AppContext


def _answered(ctx: AppContext, series_id: str, scores: list[int]) -> None:
    token = ctx.store.evaluations.start_round("series", series_id, "group")
    for score in scores:
        ctx.store.evaluations.submit_answer(token, "so", {"overall": score})
    ctx.store.evaluations.finish_round(token)


def _select(tab: AnswersTab, rows: list[int]) -> None:
    selection = tab.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(tab.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_withdraw_and_restore_answers_in_the_window(
        qtbot: QtBot, ctx: AppContext, series_id: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _answered(ctx, series_id, [5, 4, 1])
    page = EvaluationsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.tabs.setCurrentWidget(page.answers)
    tab = page.answers
    tab.picker.select("series", series_id)
    assert tab.model.rowCount() == 3
    assert not tab.withdraw_button.isEnabled()  # nothing selected yet
    assert "Somali" in tab.model.index(0, 1).data() or "Soomaali" in tab.model.index(0, 1).data()
    # "No" at the question: nothing changes.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    _select(tab, [0, 2])
    assert tab.withdraw_button.isEnabled() and not tab.restore_button.isEnabled()
    tab.withdraw_selected()
    ctx.ops.wait()
    assert ctx.store.evaluations.response_count(ResultFilter(series_id=series_id)) == 3
    # "Yes": two answers withdrawn, the list follows, the message says how many.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        tab.withdraw_selected()
    assert ctx.store.evaluations.response_count(ResultFilter(series_id=series_id)) == 1
    assert tab.model.rowCount() == 1 and "2" in tab.message.text()
    # Shown again as withdrawn, and restored.
    tab.show_withdrawn.setChecked(True)
    assert tab.model.rowCount() == 3
    withdrawn_rows = [r for r in range(3) if tab.model.record(r).withdrawn]
    assert len(withdrawn_rows) == 2
    _select(tab, withdrawn_rows)
    assert tab.restore_button.isEnabled() and not tab.withdraw_button.isEnabled()
    with qtbot.waitSignal(ctx.ops.changed, timeout=5000):
        tab.restore_selected()
    assert ctx.store.evaluations.response_count(ResultFilter(series_id=series_id)) == 3
    assert not any(tab.model.record(r).withdrawn for r in range(tab.model.rowCount()))
