"""Start-up: a fresh process to a usable main window, on a 5-year demo database.

Measured against a bare PySide6 window (QApplication + an empty 1366×768 QMainWindow) in
the same run. Each start is a new Python process, offscreen. Runs alternate between the
two sides (15 starts each by default: a bare start swings between about 160 and 250 ms on a
shared machine, and seven starts left the median ratio ±0.25 from run to run); medians are
compared. Two moments of the program's start are timed:

- **window**: the first event-loop pass after the main window is shown — the navigation
  lists every area in the user's language and direction, the start page shows this
  quarter's figures and the series that need attention (read from the database), and
  keys and clicks are handled. This is the figure the goal is about.
- **attached**: the first pass after the Store is open and attached (SQLAlchemy loaded,
  lock taken, checks done) — from here every area opens and saves. Before it, an area
  other than the start page shows "Opening the registrations…" and fills in by itself.

A third side, **floor**, is the bare window plus one label showing one number formatted
by Babel (CLDR) — the least any window showing localized figures costs with this stack.

Each start also reports the CPU seconds it used up to each mark (`time.process_time()`, all
threads): on a shared, loaded machine wall time includes waiting for a core, CPU time does
not, so the CPU ratio is the steadier figure. The package's bytecode is compiled first, as
an installed program has it (pip and PyInstaller compile it; `PYTHONDONTWRITEBYTECODE`
would otherwise make every start compile ~90 modules from source).

Goal (issues 3 and 21, settled): usable window ≤ 2 × the bare window (a bare window with one
Babel-formatted number already costs 1.2–1.45×); the Store attached ≤ 5 × the bare window.
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
GOAL_RATIO = 2.0
GOAL_ATTACHED = 5.0

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 768)
window.show()
import time
QTimer.singleShot(0, lambda: (print("READY", time.process_time(), flush=True), app.quit()))
app.exec()
"""

# The bare window plus one label with one CLDR-formatted number (Babel, as the program).
FLOOR = BARE.replace("window.show()", """from PySide6.QtWidgets import QLabel
from babel.numbers import format_decimal
window.setCentralWidget(QLabel(format_decimal(1234, locale="sv"), window))
window.show()""")

# The real program's entry point (`forebygg_desktop.__main__.main`, what the installed
# `forebygg-desktop` runs), with two hooks: say WINDOW on the first pass after the main
# window is shown and READY on the first pass after the Store is attached (then quit). The
# hooks import the window's module first, so the entry point's first steps (no collection
# while the start imports, PySide6's import hook handed back) are taken here before them.
PROGRAM = """
from forebygg_desktop.__main__ import begin
begin()
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from forebygg_desktop.gui.main_window import MainWindow as window_class
shown, attached = window_class.show, window_class.attach
def show(self):
    shown(self)
    QTimer.singleShot(0, lambda: print("WINDOW", time.process_time(), flush=True))
    if self.is_attached:
        say_ready()
def attach(self, ctx):
    attached(self, ctx)
    if self.isVisible():
        say_ready()
def say_ready():
    QTimer.singleShot(0, lambda: (print("READY", time.process_time(), flush=True),
                                  QApplication.instance().quit()))
window_class.show, window_class.attach = show, attach
sys.argv[1:] = ["--data-dir", sys.argv[1]]
from forebygg_desktop.__main__ import main
sys.exit(main())
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


def compile_bytecode(checkout: Path) -> None:
    """Compile the package's bytecode once, as an installation has it."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "forebygg_desktop")],
                   check=True, stdout=subprocess.DEVNULL)


def time_marks(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> dict[str, float]:
    """Seconds from launching `command` (in `cwd`) to each mark it prints (WINDOW, READY),
    and the CPU seconds the child reports at each ("cpu-WINDOW", "cpu-READY")."""
    began = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    marks: dict[str, float] = {}
    for line in child.stdout:
        name, _space, cpu = line.strip().partition(" ")
        marks.setdefault(name, time.perf_counter() - began)
        if cpu:
            marks.setdefault(f"cpu-{name}", float(cpu))
        if name == "READY":
            break
    else:
        child.wait()
        raise RuntimeError(f"{command[:3]} ended without READY (exit {child.returncode})")
    child.stdout.close()
    child.wait(timeout=120)
    marks.setdefault("WINDOW", marks["READY"])
    marks.setdefault("cpu-WINDOW", marks["cpu-READY"])
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="timed starts per side")
    parser.add_argument("--years", type=int, default=5, help="years of demo data")
    parser.add_argument("--compare-with", type=Path, metavar="CHECKOUT",
                        help="also start the program of another checkout (e.g. a git worktree "
                             "of an earlier commit, catalogs compiled) as the side 'before'")
    args = parser.parse_args(argv)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        data_dir = Path(tmp) / "data"
        rows = prepare(data_dir, args.years)
        commands = {"bare": [sys.executable, "-c", BARE],
                    "floor": [sys.executable, "-c", FLOOR],
                    "program": [sys.executable, "-c", PROGRAM, str(data_dir)]}
        compile_bytecode(ROOT)
        if args.compare_with:
            compile_bytecode(args.compare_with)
        for command in commands.values():  # warm the file cache once
            time_marks(command, env)
        samples: dict[str, list[float]] = {"bare": [], "floor": [], "window": [],
                                           "attached": []}
        cpu: dict[str, list[float]] = {"bare": [], "floor": [], "window": [], "attached": []}
        if args.compare_with:
            samples.update({"before-window": [], "before-attached": []})
            time_marks(commands["program"], env, args.compare_with)
        for _ in range(args.runs):
            for side in ("bare", "floor"):
                marks = time_marks(commands[side], env)
                samples[side].append(marks["READY"])
                cpu[side].append(marks["cpu-READY"])
            marks = time_marks(commands["program"], env)
            samples["window"].append(marks["WINDOW"])
            samples["attached"].append(marks["READY"])
            cpu["window"].append(marks["cpu-WINDOW"])
            cpu["attached"].append(marks["cpu-READY"])
            if args.compare_with:
                # `python -c` puts the working folder first on sys.path: that checkout's code.
                marks = time_marks(commands["program"], env, args.compare_with)
                samples["before-window"].append(marks["WINDOW"])
                samples["before-attached"].append(marks["READY"])
    medians = {name: statistics.median(values) for name, values in samples.items()}
    print(f"bench_startup: {args.runs} starts each, {args.years}-year demo ({rows} rows), "
          "offscreen")
    for name, values in samples.items():
        print(f"{name:15} median {medians[name] * 1000:6.0f} ms   min {min(values) * 1000:6.0f} ms"
              f"   ratio {medians[name] / medians['bare']:4.2f}x")
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    for name, values in cpu.items():
        print(f"{'cpu ' + name:15} median {cpu_medians[name] * 1000:6.0f} ms   "
              f"min {min(values) * 1000:6.0f} ms   ratio "
              f"{cpu_medians[name] / cpu_medians['bare']:4.2f}x")
    ratio = medians["window"] / medians["bare"]
    for label, figures in (("wall", medians), ("cpu", cpu_medians)):
        window = figures["window"] / figures["bare"]
        attached = figures["attached"] / figures["bare"]
        print(f"{label:4}: usable window/bare {window:4.2f}x (goal ≤ {GOAL_RATIO}x): "
              f"{'MET' if window <= GOAL_RATIO else 'NOT MET'}; "
              f"Store attached/bare {attached:4.2f}x (goal ≤ {GOAL_ATTACHED}x): "
              f"{'MET' if attached <= GOAL_ATTACHED else 'NOT MET'}")
    if args.compare_with:
        before = medians["before-window"] / medians["bare"]
        print(f"usable window: this checkout {ratio:4.2f}x, {args.compare_with.name} "
              f"{before:4.2f}x of bare ({ratio / before:4.2f}x of before)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
