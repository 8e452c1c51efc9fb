"""The window's side of issue 14: the damaged-database dialog and restore, the start-up
warning instead of an exit, the top-level error dialog, Settings → Backups."""

from __future__ import annotations

import errno
import logging
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core import db, i18n, settings
from forebygg_desktop.core.db import backup_to_folder, integrity_check
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.errors import WritesRefusedError
from forebygg_desktop.core.logs import setup_logging
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.startup import open_installation
from forebygg_desktop.core.store import Store
from forebygg_desktop.gui.areas.settings.backups import BackupsSection
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.damaged_dialog import Choice
from forebygg_desktop.gui.error_dialog import ErrorReporter
from forebygg_desktop.gui.language import LanguageController
from forebygg_desktop.gui.startup import Startup, parse_args


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    pages = len(data) // size
    for page in range(pages - 3, pages):
        data[page * size:(page + 1) * size] = b"\xa5" * size
    path.write_bytes(bytes(data))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "laptop"
    installation = open_installation(folder)
    try:
        generate_demo(installation.store, years=1, scale=0.3)
        installation.store.settings.set(settings.SETUP_DONE, True)
        backup_to_folder(installation.store.engine, installation.backup_dir)
    finally:
        installation.close()
    return folder


@pytest.fixture
def startup(qapp: QApplication, data_dir: Path) -> Iterator[Startup]:
    language = LanguageController(qapp)
    run = Startup(qapp, parse_args(["--data-dir", str(data_dir), "--language", "en"]),
                  data_dir, language)
    yield run
    if run.window is not None:
        run.window.close()
    run.close()
    shiboken6.delete(language)
    i18n.set_language("sv")


def test_a_damaged_database_is_told_at_once_and_the_newest_backup_restored(
        startup: Startup, qtbot, data_dir: Path) -> None:
    database = data_dir / DATABASE_NAME
    _damage(database)
    damaged = database.read_bytes()
    seen: list[tuple[str, bool]] = []
    refused: list[str] = []

    def ask(report, _parent):  # type: ignore[no-untyped-def]
        # By the time the dialog shows, saves are already refused by the core.
        assert startup.installation is not None
        try:
            startup.installation.store.settings.set(settings.DEVICE_NAME, "x")
        except WritesRefusedError as error:
            refused.append(error.message())
        seen.append((report.outcome.integrity, report.newest is not None))
        return Choice.RESTORE

    startup.care.ask_damaged = ask
    informed: list[tuple[str, bool]] = []
    startup.care.inform = lambda _p, text, warning: informed.append((text, warning))
    reports: list[object] = []
    startup.care.checked.connect(reports.append)
    with qtbot.waitSignal(startup.care.checked, timeout=30_000):
        assert startup.start_directly()
    if len(reports) < 2:  # the restored file's own check
        with qtbot.waitSignal(startup.care.checked, timeout=30_000):
            pass
    assert len(seen) == 1 and seen[0][0] != "ok" and seen[0][1]
    assert refused == [WritesRefusedError().message()]
    aside = list((data_dir / "backups" / "set-aside").glob("*.sqlite3"))
    assert len(aside) == 1 and aside[0].read_bytes() == damaged
    assert integrity_check(database) == "ok"
    assert startup.window is not None and startup.window.isVisible()
    assert startup.installation is not None and startup.installation.store.uow.refused is None
    assert [w for _t, w in informed] == [False]
    assert informed[0][0].startswith("The backup of ") and str(aside[0]) in informed[0][0]


def test_a_backup_that_cannot_be_made_at_start_is_a_warning_not_an_exit(
        startup: Startup, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    def enospc(*_a: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(db, "make_private", enospc)
    informed: list[tuple[str, bool]] = []
    startup.care.inform = lambda _p, text, warning: informed.append((text, warning))
    with qtbot.waitSignal(startup.care.checked, timeout=30_000):
        assert startup.start_directly()
    assert startup.window is not None and startup.window.isVisible()
    assert len(informed) == 1 and informed[0][1]
    assert informed[0][0].startswith("No backup could be made this time (The disk at ")


@pytest.fixture
def reporter(qapp: QApplication, tmp_path: Path) -> Iterator[ErrorReporter]:
    import sys

    hooks = sys.excepthook, threading.excepthook
    root = logging.getLogger()
    handlers = list(root.handlers)
    log_path = setup_logging(tmp_path / "data", console=False)
    reporter = ErrorReporter(qapp, log_path, keep_running=lambda: True)
    reporter.install()
    yield reporter
    sys.excepthook, threading.excepthook = hooks
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    shiboken6.delete(reporter)


def test_an_unexpected_error_in_a_worker_thread_shows_a_dialog_and_the_program_goes_on(
        reporter: ErrorReporter, qtbot, tmp_path: Path) -> None:
    i18n.set_language("en")
    shown: list[tuple[str, str]] = []

    def close_box(_error: object) -> None:
        box = reporter.box
        assert box is not None
        shown.append((box.text(), box.informativeText()))
        QTimer.singleShot(0, box.accept)
    reporter.reported.connect(close_box)

    def fail() -> None:
        raise ValueError("Mamma Ingrid tyckte att kursen var bra")  # text a parent typed
    with qtbot.waitSignal(reporter.reported, timeout=10_000):
        thread = threading.Thread(target=fail)
        thread.start()
        thread.join()
    assert shown == [(
        "Something unexpected went wrong (ValueError).",
        "Your saved registrations are safe: every save is either complete or not made at all. "
        "What you did just before this may not have been saved; check it. If this happens "
        "again, restart the program and tell support. The details are in the log: "
        f"{reporter.log_path}")]
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert reporter.log_path is not None
    log_text = reporter.log_path.read_text(encoding="utf-8")
    assert "ValueError" in log_text and "in fail" in log_text
    assert "Ingrid" not in log_text


def test_settings_lists_backups_with_date_kind_and_contents_and_restores_the_chosen(
        demo_store: Store, qapp: QApplication, qtbot) -> None:
    assert demo_store.data_dir is not None
    made = [backup_to_folder(demo_store.engine, demo_store.data_dir / "backups")]
    made.append(backup_to_folder(demo_store.engine, demo_store.data_dir / "backups",
                                 reason="pre-migration", keep=3))
    restored: list[Path] = []
    language = LanguageController(qapp)
    language.apply("en")
    from forebygg_desktop.gui.operations import Operations
    ctx = AppContext(demo_store, Operations(demo_store), language, restore=restored.append)
    try:
        with qtbot.waitSignal(ctx.ops.busy_changed, check_params_cb=lambda busy: not busy,
                              timeout=20_000):
            section = BackupsSection(ctx)
        qtbot.addWidget(section)
        table = section.table
        assert table.rowCount() == 2
        texts = [[table.item(r, c).text() for c in range(4)] for r in range(2)]
        kinds = sorted(row[1] for row in texts)
        assert kinds == ["Before an upgrade", "Regular backup"]
        assert all("group series" in row[2] and "meetings" in row[2] for row in texts)
        assert all(row[0].strip("\u2068\u2069")[:4].isdigit() for row in texts)
        assert not section.restore_button.isEnabled()
        section.choose(0)
        section.confirm = lambda _entry: False
        section.restore_button.click()
        assert restored == []
        section.confirm = lambda _entry: True
        section.restore_button.click()
        assert restored == [section.rows[0].info.path]
    finally:
        ctx.ops.wait()
        QApplication.processEvents()
        shiboken6.delete(language)
        i18n.set_language("sv")


def test_a_pdf_is_never_saved_over_the_database_a_backup_or_a_non_pdf(
        ctx: AppContext, tmp_path: Path) -> None:
    from forebygg_desktop.gui.widgets.save_target import pdf_target_refusal

    store = ctx.store
    assert store.data_dir is not None
    backup = backup_to_folder(store.engine, store.data_dir / "backups")
    i18n.set_language("en")
    for own in (store.path, backup, store.data_dir / "logs" / "forebygg.log"):
        refusal = pdf_target_refusal(ctx, own)
        assert refusal is not None and "own data" in refusal
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"PK\x03\x04 a spreadsheet renamed")
    assert "not a file of the same kind" in (pdf_target_refusal(ctx, letter) or "")
    old = tmp_path / "old.pdf"
    old.write_bytes(b"%PDF-1.7 ...")
    assert pdf_target_refusal(ctx, old) is None  # the save dialog asked already
    assert pdf_target_refusal(ctx, tmp_path / "new.pdf") is None


@pytest.mark.parametrize("case", ["data-dir-is-a-file", "database-is-a-folder", "truncated"])
def test_the_program_refuses_an_unusable_data_folder_with_a_message(
        qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    """The real `main`: a message box in the user's language and exit code 1, never a
    silent exit (a windowed Windows build has no console)."""
    import sys

    from forebygg_desktop.gui import app as app_module

    folder = tmp_path / "data"
    if case == "data-dir-is-a-file":
        folder.write_bytes(b"not a folder")
    elif case == "database-is-a-folder":
        (folder / DATABASE_NAME).mkdir(parents=True)
    else:
        open_installation(folder).close()
        database = folder / DATABASE_NAME
        database.write_bytes(database.read_bytes()[:8192])
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    shown: list[str] = []
    monkeypatch.setattr("forebygg_desktop.gui.startup.QMessageBox.critical",
                        lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr("forebygg_desktop.gui.app.QMessageBox.critical",
                        lambda _parent, _title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        code = app_module.main(["--data-dir", str(folder), "--language", "sv"])
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        i18n.set_language("sv")
    assert code == 1
    assert len(shown) == 1
    expected = {"data-dir-is-a-file": "Det går inte att skriva i datamappen",
                "database-is-a-folder": "Det finns en mapp där databasfilen ska ligga",
                "truncated": "Databasfilen är skadad (the file is truncated)"}[case]
    assert shown[0].startswith(expected)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()
             and "logs" not in p.parts and p.name != "forebygg.lock"}
    assert after == {p: v for p, v in before.items() if p in after}
    assert set(before) <= set(after) | {p for p in before if p.name == "forebygg.lock"}
