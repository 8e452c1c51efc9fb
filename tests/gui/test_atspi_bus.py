"""Screen readers over the real accessibility bus (AT-SPI), as Orca sees the program.

`devtools/atspi_walk.py` runs with the system Python's pyatspi inside Xvfb and a D-Bus
session, starts the program on a demo store and walks the first-start questions, every
area, every tab and every "new …" form from outside; it fails on an interactive object
without a name, a drop-down with no label relation (on Linux Qt names a drop-down by its
value) and a table column without a header. .ci/system-deps installs what it needs.

The two regression tests below are what the first walk found, checked in-process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from forebygg_desktop.gui.areas.groups.series_form import SeriesForm
from forebygg_desktop.gui.context import AppContext
from forebygg_desktop.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.mark.slow
@pytest.mark.parametrize("language", ["sv", "ar"])
def test_every_area_reads_well_on_the_accessibility_bus(language: str, tmp_path: Path) -> None:
    out = tmp_path / f"atspi-{language}.md"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", "dbus-run-session", "--",
         SYSTEM_PYTHON, str(ROOT / "devtools" / "atspi_walk.py"), "--python", sys.executable,
         "--language", language, "--out", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    summary = [line for line in result.stdout.splitlines() if line.strip()]
    assert result.returncode == 0, "\n".join(summary) + "\n" + result.stderr[-2000:]
    # Seen: all ten areas, the evaluation tabs and the four "new …" forms.
    walked = out.read_text(encoding="utf-8")
    assert walked.count("\n## ") >= 18, walked[:2000]
    assert "(form: " in walked and "columns, headers" in walked


def test_selecting_an_area_over_the_bus_opens_it(ctx: AppContext, qtbot: QtBot) -> None:
    """A screen reader's "select" (AT-SPI Selection, the item's Toggle action) changes the
    selection, not the current row; the window must follow it."""
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    row = [spec.key for spec in window.specs].index("reports")
    index = window.navigation.model().index(row, 0)
    selection = window.navigation.selectionModel()
    with qtbot.waitSignal(window.navigation.currentRowChanged, timeout=5000):
        selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert window.current_area() == "reports"


def test_cancel_on_an_untouched_new_series_asks_nothing(demo_ctx: AppContext,
                                                        qtbot: QtBot) -> None:
    """The program's planned meetings are filled in after the form is built; that is not
    a change of the user's, so Cancel closes at once (the walk found a question here)."""
    form = SeriesForm(demo_ctx)
    qtbot.addWidget(form)
    asked: list[str] = []
    form.confirm = lambda question: asked.append(question) or True  # type: ignore[method-assign]
    form.show()
    assert form.fields["planned_meetings"].value()  # type: ignore[attr-defined]
    assert not form.is_changed()
    with qtbot.waitSignal(form.rejected, timeout=5000):
        form.cancel_button.click()
    assert asked == []
