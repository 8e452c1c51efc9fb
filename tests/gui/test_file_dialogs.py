"""File dialogs: in the program's language (not Windows'), saving starts in Documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from forebygg_desktop.core import i18n
from forebygg_desktop.gui.areas.reports import page as reports_page
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets import file_dialogs

NATIVE = QFileDialog.Option(0)
OWN = QFileDialog.Option.DontUseNativeDialog


@pytest.mark.parametrize("program,system,expected", [
    ("sv", ["sv-SE"], NATIVE),         # Swedish program on Swedish Windows: native dialog
    ("ar", ["sv-SE", "en-US"], OWN),   # Arabic program on Swedish Windows: Qt's, in Arabic
    ("so", ["en-GB"], OWN),
    ("en", ["en_US"], NATIVE),
    ("sv", [], OWN),
])
def test_the_native_dialog_only_when_it_speaks_the_programs_language(
        program: str, system: list[str], expected: QFileDialog.Option) -> None:
    i18n.set_language(program)
    assert file_dialogs.dialog_options(system) == expected


def test_the_report_save_dialog_starts_in_documents(
        ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    documents = tmp_path / "Dokument"
    monkeypatch.setattr(
        file_dialogs.QStandardPaths, "writableLocation",
        lambda location: str(documents)
        if location == QStandardPaths.StandardLocation.DocumentsLocation else "")
    asked: list[tuple[str, object]] = []

    def ask(_parent: object, _caption: str, start: str, _filter: str,
            options: object = None) -> tuple[str, str]:
        asked.append((start, options))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    i18n.set_language("ar")
    page = reports_page.ReportsPage(ctx)
    qtbot.addWidget(page)
    page.choose_and_export()
    assert len(asked) == 1
    start, options = asked[0]
    assert Path(start).parent == documents and Path(start).suffix == ".xlsx"
    assert options == file_dialogs.dialog_options()
