"""No freeze at any size (issue 21): every area opens on a 50-laptop × 10-year central store
without holding the screen's thread for more than 50 ms of its own work.

The one timing check the tests allow, and named as one: a heartbeat on the screen's thread
(`scale/stall_meter.py`) sees every event-loop stall while each area is opened by a click
on its navigation entry, for the first time and again after a change to everything, and
its lists load. What is asserted is the processor time the screen's thread used within one
stall, the work the program did there without letting the loop run (building widgets,
filling lists, cycle collections, reading on the wrong thread): a machine busy with other
processes makes stalls longer but not this. It leaves out time spent waiting (for the
interpreter lock a worker holds, for the disk).

The stall's length itself, the issue's "100 ms" as the user feels it, is what the 50 ms of
work keeps short on an idle machine; it is bounded here only loosely (1000 ms), because on
a shared two-core test machine other processes taking turns stretch the same work to 2-4
times its length (measured: 35 ms of work seen as 40-150 ms). The loose bound still fails
a read of the store on the screen's thread, which grows with the database.

Each window runs in a process of its own, started as the program is (its areas' code
imported ahead on a worker once the start has settled, `gui/preload.py`), so an area's
first open is a real first open: its modules are not left imported by an earlier window
or test. Each figure is the best of three such processes; the window's first paint is not
counted. The store (about 230,000 rows, 30,000 group series) is built once from the demo
generator and cached in the temporary folder (`scale/big_store.py`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.gui.scale.big_store import copy_of_big_store
from tests.gui.scale.watchdog import measure_fresh

# The screen thread's own work within one stall, opening or refreshing any area.
LIMIT_MS = 50
# The stall itself, on a shared two-core machine where other processes take turns: far
# above what load alone makes, far below a read of the store on the screen's thread.
STALL_LIMIT_MS = 1000
TRIES = 3


@pytest.mark.slow
def test_timing_watchdog_no_area_holds_the_window_over_50_ms_on_a_large_store(
        tmp_path: Path) -> None:
    folder = copy_of_big_store(tmp_path / "central").parent
    worst, runs = measure_fresh(folder, TRIES)
    report = json.dumps({key: {phase: round(ms) for phase, ms in figures.items()}
                         for key, figures in worst.items()})
    print(f"\nworst event-loop stall per area (ms, best of {TRIES} fresh processes): {report}")
    (tmp_path / "stalls.json").write_text(json.dumps(runs), encoding="utf-8")
    assert {"groups", "evaluations", "reports", "settings"} <= set(worst)
    busy = {f"{key} {phase}": round(figures[f"{phase} cpu"]) for key, figures in worst.items()
            for phase in ("open", "refresh") if figures[f"{phase} cpu"] > LIMIT_MS}
    assert busy == {}, f"areas that held the window over {LIMIT_MS} ms of its own work: {busy}"
    held = {f"{key} {phase}": round(figures[phase]) for key, figures in worst.items()
            for phase in ("open", "refresh") if figures[phase] > STALL_LIMIT_MS}
    assert held == {}, f"areas that held the window over {STALL_LIMIT_MS} ms: {held}"
