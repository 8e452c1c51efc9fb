"""No freeze at any size (issue 21): every area opens on a 50-laptop × 10-year central store
without holding the screen's thread for more than 100 ms of its own work.

The one timing check the tests allow, and named as one: a heartbeat on the screen's thread
(`scale/stall_meter.py`) sees every event-loop stall while each area opens for the first
time and again after a change to everything, and its lists load. What is asserted is the
processor time the screen's thread used within one stall, the work the program did there
without letting the loop run (building widgets, filling lists, cycle collections, reading
on the wrong thread): a machine busy with other processes makes stalls longer but not
this. It leaves out time spent waiting (for the interpreter lock a worker holds, for the
disk); the stall's length itself is bounded too, loosely, so that a wait proportional to
the database would still fail. Each figure is the best of three fresh windows; the
window's first paint is not counted. The store (about 230,000 rows, 30,000 group series)
is built once from the demo generator and cached in the temporary folder
(`scale/big_store.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from tests.gui.scale.big_store import copy_of_big_store
from tests.gui.scale.watchdog import measure_areas

# The screen thread's own work within one stall, opening or refreshing any area.
LIMIT_MS = 100
# The stall itself, on a shared two-core machine where other processes take turns (idle:
# 1-90 ms): far above what load alone makes, far below a read of the store on the screen.
STALL_LIMIT_MS = 1000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(copy_of_big_store(tmp_path_factory.mktemp("central")))
    yield store
    store.close()


@pytest.mark.slow
def test_timing_watchdog_no_area_holds_the_window_over_100_ms_on_a_large_store(
        big_store: Store, qapp: QApplication, tmp_path: Path) -> None:
    worst = measure_areas(big_store, tries=3)
    report = json.dumps({key: {phase: round(ms) for phase, ms in figures.items()}
                         for key, figures in worst.items()})
    print(f"\nworst event-loop stall per area (ms, best of 3): {report}")
    (Path(str(tmp_path)) / "stalls.json").write_text(report, encoding="utf-8")
    assert {"groups", "evaluations", "reports"} <= set(worst)
    busy = {f"{key} {phase}": round(figures[f"{phase} cpu"]) for key, figures in worst.items()
            for phase in ("open", "refresh") if figures[f"{phase} cpu"] > LIMIT_MS}
    assert busy == {}, f"areas that held the window over {LIMIT_MS} ms of its own work: {busy}"
    held = {f"{key} {phase}": round(figures[phase]) for key, figures in worst.items()
            for phase in ("open", "refresh") if figures[phase] > STALL_LIMIT_MS}
    assert held == {}, f"areas that held the window over {STALL_LIMIT_MS} ms: {held}"
