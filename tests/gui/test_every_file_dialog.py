"""Every file dialog in the window starts in the folder last used for its kind of file and
remembers the choice: the report workbook, PDFs, exchange files out and in, backups."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from forebygg_desktop.core import settings
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.widgets import last_folder
from forebygg_desktop.gui.widgets.last_folder import (
    BACKUP,
    EXCHANGE_IN,
    EXCHANGE_OUT,
    KINDS,
    PDF,
    REPORT,
    choose_folder,
    documents,
    open_files,
    remember,
    save_file,
    start_folder,
)

GUI = Path(last_folder.__file__).resolve().parents[1]


class FakeDialogs:
    """Qt's file dialogs replaced: each call's start folder kept, the answer given."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.starts: list[Path] = []
        self.answer = ""
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self.one)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self.one)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self.many)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self.folder)

    def _start(self, where: str) -> None:
        path = Path(where)
        self.starts.append(path if path.suffix == "" else path.parent)

    def one(self, _parent: object, _title: str, where: str, *_a: object,
            **_k: object) -> tuple[str, str]:
        self._start(where)
        return self.answer, ""

    def many(self, _parent: object, _title: str, where: str, *_a: object,
             **_k: object) -> tuple[list[str], str]:
        self._start(where)
        return ([self.answer] if self.answer else []), ""

    def folder(self, _parent: object, _title: str, where: str, *_a: object,
               **_k: object) -> str:
        self._start(where)
        return self.answer


def triggers(ctx: AppContext, qtbot) -> list[tuple[str, str, Callable[[], None]]]:
    """(kind, what, open the dialog) for every file dialog the areas offer."""
    from forebygg_desktop.gui.areas.evaluations.printing import PrintTab
    from forebygg_desktop.gui.areas.exchange.page import ExchangePage
    from forebygg_desktop.gui.areas.materials.page import MaterialsPage
    from forebygg_desktop.gui.areas.reports.page import ReportsPage
    from forebygg_desktop.gui.areas.settings.backups import BackupsSection

    pages: list[QWidget] = []

    def keep[W: QWidget](widget: W) -> W:
        qtbot.addWidget(widget)
        pages.append(widget)
        return widget

    reports = keep(ReportsPage(ctx))
    exchange = keep(ExchangePage(ctx))
    backups = keep(BackupsSection(ctx))
    printing = keep(PrintTab(ctx))
    materials = keep(MaterialsPage(ctx))
    with qtbot.waitSignal(materials.loaded, timeout=10_000):
        pass  # its library is read off the screen's thread
    materials.select_sheet("program-abc-3-12")
    return [
        (REPORT, "report workbook", reports.choose_and_export),
        (PDF, "report summary", reports.choose_and_write_summary),
        (PDF, "questionnaire", printing.choose_file),
        (PDF, "materials sheet", materials.choose_pdf_file),
        (EXCHANGE_OUT, "export folder", exchange._choose_export_folder),
        (EXCHANGE_OUT, "configuration folder", exchange._choose_config_folder),
        (EXCHANGE_IN, "import files", exchange._choose_import_files),
        (EXCHANGE_IN, "import folder", exchange._choose_import_folder),
        (EXCHANGE_IN, "configuration file", exchange._choose_config_file),
        (BACKUP, "second backup place", backups.choose_second),
    ]


def test_every_dialog_starts_in_its_kinds_last_folder(
        ctx: AppContext, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeDialogs(monkeypatch)
    folders = {kind: tmp_path / kind for kind in KINDS}
    for kind, folder in folders.items():
        folder.mkdir()
        with qtbot.waitSignal(ctx.ops.changed):
            remember(ctx, kind, folder)
    seen = set()
    for kind, what, open_dialog in triggers(ctx, qtbot):
        fake.starts.clear()
        open_dialog()  # cancelled: nothing else happens
        assert fake.starts == [folders[kind]], what
        seen.add(kind)
    assert seen == set(KINDS)


def test_a_choice_is_remembered_for_its_kind_only(
        ctx: AppContext, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeDialogs(monkeypatch)
    stick = tmp_path / "usb"
    stick.mkdir()
    parent = QWidget()
    qtbot.addWidget(parent)
    fake.answer = str(stick)
    with qtbot.waitSignal(ctx.ops.changed):
        assert choose_folder(ctx, EXCHANGE_OUT, parent, "out") == stick
    fake.answer = str(stick / "forebygg-laptop-0001.forebygg")
    assert open_files(ctx, EXCHANGE_IN, parent, "in", "*") == [Path(fake.answer)]
    ctx.ops.wait()
    assert start_folder(ctx, EXCHANGE_OUT) == start_folder(ctx, EXCHANGE_IN) == stick
    assert start_folder(ctx, REPORT) == documents() and start_folder(ctx, BACKUP) == documents()
    fake.answer = ""  # cancelled: nothing remembered, nothing returned
    assert save_file(ctx, REPORT, parent, "save", "a.xlsx", "*.xlsx") is None
    ctx.ops.wait()
    assert REPORT not in ctx.store.settings.get(settings.LAST_FOLDERS)


def test_no_file_dialog_bypasses_the_shared_helper() -> None:
    """Only the helper opens Qt's file dialogs (the damaged-database rescue excepted: with
    saves off it cannot remember, and starts in Documents)."""
    allowed = {GUI / "widgets" / "last_folder.py", GUI / "data_care.py"}
    offenders = []
    for path in GUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr.startswith("get")
                    and isinstance(node.value, ast.Name) and node.value.id == "QFileDialog"
                    and path not in allowed):
                offenders.append(f"{path.relative_to(GUI)}:{node.lineno}")
    assert offenders == []
