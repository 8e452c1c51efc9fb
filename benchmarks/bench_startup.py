"""Start-up: a fresh process to a usable main window, on a 5-year demo database.

Measured against a bare PySide6 window (QApplication + an empty 1366×768 QMainWindow) in
the same run. Each start is a new Python process, offscreen; the clock stops when the
child prints READY from the first event-loop pass after the window was shown — the
window is built, every area has read its data, and keys would be handled. Runs alternate
between the two sides; medians are compared.

Goal (issue 3): program / bare window ≤ 1.5.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO = 1.5

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 768)
window.show()
QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))
app.exec()
"""

# The real program's `main`, with one hook: say READY on the first pass after show.
PROGRAM = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from forebygg_desktop.gui import app as app_module
shown = app_module.MainWindow.show
def show(self):
    shown(self)
    QTimer.singleShot(0, lambda: (print("READY", flush=True), QApplication.instance().quit()))
app_module.MainWindow.show = show
sys.exit(app_module.main(["--data-dir", sys.argv[1]]))
"""


def prepare(data_dir: Path, years: int) -> int:
    """A data folder holding `years` of demo data, first start already done."""
    from forebygg_desktop.core import settings
    from forebygg_desktop.core.demo import generate_demo
    from forebygg_desktop.core.startup import open_installation

    installation = open_installation(data_dir, take_lock=False)
    try:
        rows = generate_demo(installation.store, years=years)
        installation.store.settings.set(settings.SETUP_DONE, True)
    finally:
        installation.close()
    return rows


def time_to_ready(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launching `command` until it prints READY."""
    began = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "READY":
            elapsed = time.perf_counter() - began
            break
    else:
        child.wait()
        raise RuntimeError(f"{command[:3]} ended without READY (exit {child.returncode})")
    child.stdout.close()
    child.wait(timeout=120)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed starts per side")
    parser.add_argument("--years", type=int, default=5, help="years of demo data")
    args = parser.parse_args(argv)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = Path(tmp) / "data"
        rows = prepare(data_dir, args.years)
        commands = {"bare": [sys.executable, "-c", BARE],
                    "program": [sys.executable, "-c", PROGRAM, str(data_dir)]}
        for command in commands.values():  # warm the file cache once
            time_to_ready(command, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(time_to_ready(command, env))
    bare, program = (statistics.median(samples[name]) for name in ("bare", "program"))
    ratio = program / bare
    print(f"bench_startup: {args.runs} starts each, {args.years}-year demo ({rows} rows), "
          "offscreen")
    for name in ("bare", "program"):
        print(f"{name:8} median {statistics.median(samples[name]) * 1000:6.0f} ms   "
              f"min {min(samples[name]) * 1000:6.0f} ms")
    print(f"ratio program/bare {ratio:4.2f}x (goal ≤ {GOAL_RATIO}x): "
          f"{'MET' if ratio <= GOAL_RATIO else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
