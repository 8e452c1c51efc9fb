"""Save and PDF dialogs start in the folder last used for that kind of file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets.last_folder import documents, remember, start_folder


def test_each_kind_remembers_its_own_folder(ctx: AppContext, tmp_path: Path, qtbot) -> None:
    reports, pdfs = tmp_path / "reports", tmp_path / "pdf"
    reports.mkdir()
    pdfs.mkdir()
    assert start_folder(ctx, "report") == documents()
    with qtbot.waitSignal(ctx.ops.changed):
        remember(ctx, "report", reports / "q3.xlsx")
    with qtbot.waitSignal(ctx.ops.changed):
        remember(ctx, "pdf", pdfs)
    assert start_folder(ctx, "report") == reports
    assert start_folder(ctx, "pdf") == pdfs
    reports.rmdir()  # the USB stick was taken out
    assert start_folder(ctx, "report") == documents()


def test_the_report_dialog_starts_in_the_last_report_folder(
        ctx: AppContext, tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from forebygg_desktop.gui.areas.reports.page import ReportsPage

    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    offered: list[str] = []

    def dialog(_parent: object, _title: str, suggested: str, _filter: str,
               **_options: object) -> tuple[str, str]:
        offered.append(suggested)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    with qtbot.waitSignal(ctx.ops.changed):
        remember(ctx, "report", tmp_path / "earlier.xlsx")
    page.choose_and_export()
    assert Path(offered[0]).parent == tmp_path
