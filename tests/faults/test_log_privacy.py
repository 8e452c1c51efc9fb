"""Logs hold no personal data: a save that fails with a parent's free text in it leaves that
text in no file under the data folder except the database itself."""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, insert
from sqlalchemy.exc import IntegrityError

from forebygg_desktop.cli_errors import guarded
from forebygg_desktop.core.logs import setup_logging
from forebygg_desktop.core.models import EvaluationResponse
from forebygg_desktop.core.paths import DATABASE_NAME
from forebygg_desktop.core.startup import open_installation
from forebygg_desktop.core.store.records import SeriesData

FREE_TEXT = "Zorro-7731: min son Kalle mår dåligt, ring mig på 070-555 12 34"
MARKERS = ("Zorro-7731", "Kalle", "070-555")
ANSWERS = {"overall": 4, "would_recommend": True, "comment": FREE_TEXT}


def _fail_inserts(database: Path) -> None:
    connection = sqlite3.connect(database)
    connection.execute("CREATE TRIGGER injected BEFORE INSERT ON evaluation_response "
                       "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
    connection.commit()
    connection.close()


def _files_holding(data_dir: Path, marker: str) -> list[Path]:
    database_files = {DATABASE_NAME + s for s in ("", "-wal", "-shm")}
    return [p for p in data_dir.rglob("*") if p.is_file() and p.name not in database_files
            and marker.encode("utf-8") in p.read_bytes()]


def test_a_failed_save_with_free_text_leaves_it_in_no_log(
        tmp_path: Path, qapp: QApplication, qtbot) -> None:
    from forebygg_desktop.gui.error_dialog import ErrorReporter
    from forebygg_desktop.gui.operations import Operations

    data_dir = tmp_path / "data"
    log_path = setup_logging(data_dir, level=logging.DEBUG, console=False)
    installation = open_installation(data_dir)
    store = installation.store
    try:
        series = store.groups.create_series(SeriesData(
            program_code="ABC-3-12", locality_code="RIMBO", language_code="sv")).id
        token = store.evaluations.start_round("series", series, "group")
        _fail_inserts(store.path)

        def save(s):  # type: ignore[no-untyped-def]
            return s.evaluations.submit_answer(token, "sv", ANSWERS)

        # 1. The window's write path: the worker logs the failure, the form gets a message.
        ops = Operations(store)
        with qtbot.waitSignal(ops.failed, timeout=10_000) as failed:
            ops.run(save)
        assert "IntegrityError" in failed.args[0].message()
        # 2. The CLI's top-level error path.
        assert guarded(lambda: save(store), debug=False, log_path=lambda: log_path) == 70
        # 3. The window's top-level hook, from a worker thread.
        reporter = ErrorReporter(qapp, log_path, keep_running=lambda: True)
        reporter.showing = True  # logged as always; no modal dialog in this test
        with pytest.raises(IntegrityError) as caught:
            save(store)
        thread = threading.Thread(target=reporter.hook,
                                  args=(type(caught.value), caught.value, None))
        thread.start()
        thread.join()
        # 4. A library that logs an exception the usual way (message and traceback).
        logging.getLogger("some.library").exception("failed", exc_info=caught.value)
    finally:
        installation.close()
    QApplication.processEvents()
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = log_path.read_text(encoding="utf-8")
    assert log_text.count("IntegrityError") >= 3  # the failures were logged ...
    for marker in MARKERS:  # ... without what was being saved
        assert _files_holding(data_dir, marker) == [], marker


def test_without_hidden_parameters_the_error_text_would_carry_the_free_text(
        tmp_path: Path) -> None:
    """Why the engines hide bound parameters: SQLAlchemy's error text quotes them."""
    installation = open_installation(tmp_path / "data")
    try:
        path = installation.store.path
    finally:
        installation.close()
    _fail_inserts(path)
    plain = create_engine(f"sqlite:///{path}")
    values = {"id": "x", "answered_on": date(2026, 1, 1), "questionnaire_code": "group",
              "questionnaire_version": 1, "language": "sv", "mode": "kiosk",
              "context_type": "series", "context_id": "s", "answers": {},
              "free_text": FREE_TEXT, "free_text_status": "unreviewed", "device_id": "d",
              "version": 1, "local_seq": 1, "deleted": False}
    try:
        with pytest.raises(IntegrityError) as caught, plain.begin() as connection:
            connection.execute(insert(EvaluationResponse.__table__), values)
    finally:
        plain.dispose()
    assert "Zorro-7731" in str(caught.value)
    from forebygg_desktop.core.db import make_engine
    engine = make_engine(path)
    try:
        with pytest.raises(IntegrityError) as hidden_error, engine.begin() as connection:
            connection.execute(insert(EvaluationResponse.__table__), values)
    finally:
        engine.dispose()
    assert "Zorro-7731" not in str(hidden_error.value)
