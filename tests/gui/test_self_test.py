"""The `--self-test` flag: passes on a complete installation, fails loudly otherwise."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from forebygg_desktop.core import i18n
from forebygg_desktop.gui import selftest as self_test

ROOT = Path(__file__).resolve().parents[2]


def _source_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # The self-test must not need (or touch) the data folder: point it at one that must
    # stay empty.
    env["FOREBYGG_DATA_DIR"] = str(tmp_path / "untouched")
    return env


def test_self_test_from_source_passes_in_every_language(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "forebygg_desktop", "--self-test"], cwd=ROOT,
        env=_source_env(tmp_path), capture_output=True, text=True, timeout=240, check=False)
    report = result.stdout
    assert result.returncode == 0, report + result.stderr
    assert "FAIL" not in report
    for language in i18n.UI_LANGUAGES:
        assert f"ok   windows {language}" in report
    for name in ("gettext catalogs", "Qt catalogs", "database and migrations", "materials",
                 "exception hook", "live language switch", "two-phase start", "log file"):
        assert f"ok   {name}" in report
    for name, module in (("report workbook", "reports"), ("exchange file", "exchange")):
        if importlib.util.find_spec(f"forebygg_desktop.core.{module}") is not None:
            assert f"ok   {name}" in report
    assert re.search(r"^self-test: \d+ passed, 0 failed, \d+ skipped$", report, re.M)
    assert not (tmp_path / "untouched").exists()


class _Emitter(QObject):
    fire = Signal()


def _run_in_process(qtbot: QtBot) -> tuple[int, str]:
    out = io.StringIO()
    code = self_test.run_self_test(out=out, watchdog_seconds=600)
    return code, out.getvalue()


def test_a_failing_check_is_named_and_the_exit_code_is_non_zero(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> str:
        raise FileNotFoundError("resources/materials/index.json")

    monkeypatch.setattr(self_test, "check_materials", broken)
    code, report = _run_in_process(qtbot)
    assert code == self_test.EXIT_FAILED
    assert "FAIL materials: FileNotFoundError: resources/materials/index.json" in report
    assert "self-test: failed checks: materials\n" in report
    assert re.search(r"self-test: \d+ passed, 1 failed, \d+ skipped$", report.rstrip())
    # The other checks still ran.
    assert "ok   windows ar" in report


def test_an_exception_in_a_qt_slot_fails_the_check_it_happens_in(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    previous_hook = sys.excepthook

    def fonts_with_a_broken_slot(app: object) -> str:
        emitter = _Emitter()
        emitter.fire.connect(lambda: 1 / 0)
        emitter.fire.emit()
        return "fine"

    monkeypatch.setattr(self_test, "check_fonts", fonts_with_a_broken_slot)
    code, report = _run_in_process(qtbot)
    assert code == self_test.EXIT_FAILED
    assert "FAIL fonts: exception in a Qt slot" in report
    assert "ZeroDivisionError" in report
    assert sys.excepthook is previous_hook


def test_the_watchdog_ends_a_hung_self_test_with_its_own_exit_code() -> None:
    hung = ("import sys, time\n"
            "from forebygg_desktop.gui.selftest import _start_watchdog\n"
            "_start_watchdog(0.3, sys.stdout)\n"
            "time.sleep(60)\n")
    result = subprocess.run([sys.executable, "-c", hung], cwd=ROOT, capture_output=True,
                            text=True, timeout=30, check=False)
    assert result.returncode == self_test.EXIT_TIMED_OUT
    assert "timed out" in result.stdout


def test_feature_checks_skip_with_a_note_when_the_feature_is_not_built(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from forebygg_desktop.gui.selftest import features

    def missing(name: str) -> None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)

    monkeypatch.setattr(features.importlib, "import_module", missing)
    with pytest.raises(self_test.SkipCheck, match=r"core\.reports is not part of this build"):
        features.check_report(lambda: object(), tmp_path)
    with pytest.raises(self_test.SkipCheck, match=r"core\.exchange is not part of this build"):
        features.check_exchange(lambda: object(), tmp_path)
