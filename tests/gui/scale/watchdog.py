"""Open every area of the window on a store and measure the worst event-loop stall of each.

Used by `tests/gui/test_no_freeze.py`; also runnable on its own to compare two versions
of the program on the same store (`python -m tests.gui.scale.watchdog STORE_FOLDER`), and
as one fresh window in a process of its own (`--fresh`): the first open of each area is
then a real first open, its modules not imported by earlier windows or tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.scale.stall_meter import run_loop_until, stall_of

ROOT = Path(__file__).resolve().parents[3]


def _idle(ops: object) -> bool:
    idle = getattr(ops, "idle", None)
    return bool(idle()) if idle is not None else not ops._relays


def measure_areas(store: object, tries: int = 2,
                  imports_ahead: bool = False) -> dict[str, dict[str, float]]:
    """Worst stall per area in milliseconds, each figure the best of `tries` fresh windows
    (each area opened by a click on its navigation entry, as a person does):

    - "open": the area opened for the first time (its widgets are built, its data read);
    - "refresh": the area opened again after a change that may touch everything (an
      import): only its data is read and shown again. This is the part that grows with
      the database, so the part that must stay short at any size;
    - "open cpu", "refresh cpu": the most processor time the screen's thread used within
      one stall, the program's own work there (a busy machine lengthens stalls, not this);
    - "open collection", "refresh collection": the longest cycle collection on the
      screen's thread (`gui/collector.py`).
    """
    from forebygg_desktop.core.store import Change
    from forebygg_desktop.gui.context import AppContext
    from forebygg_desktop.gui.language import LanguageController
    from forebygg_desktop.gui.main_window import MainWindow
    from forebygg_desktop.gui.operations import Operations

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    best: dict[str, dict[str, float]] = {}
    for _try in range(tries):
        language = LanguageController(app)
        language.apply("sv")
        ops = Operations(store)  # type: ignore[arg-type]
        ctx = AppContext(store, ops, language)  # type: ignore[arg-type]
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        if imports_ahead:
            # As the program does once the Store is attached and its start has settled
            # (`gui/startup.py`): the mappers configured and the areas' code imported on
            # workers.
            from forebygg_desktop.gui.preload import import_areas_ahead

            ops.read(lambda store: store.warm_up(), lambda _none: None)
            import_areas_ahead()
        # The window's first paint (and the imports ahead) are not an area opening: let
        # them happen unmeasured.
        run_loop_until(lambda ops=ops: _idle(ops)
                       and QThreadPool.globalInstance().activeThreadCount() == 0,
                       settle_ms=300)
        for spec in window.specs:
            for phase in ("open", "refresh"):
                if phase == "refresh":
                    window.show_page("home")
                    ops.changed.emit(Change("everything", "updated"))
                    run_loop_until(lambda ops=ops: _idle(ops), settle_ms=100)
                shown: list[str] = []
                window.area_shown.connect(shown.append)

                def action(row: int = window.specs.index(spec), key: str = spec.key,
                           shown: list[str] = shown, window: MainWindow = window) -> None:
                    # As a person opens it: a click on its navigation entry (on the
                    # area already shown, the start page, a click changes nothing).
                    navigation = window.navigation
                    if navigation.currentRow() == row:
                        shown.append(key)
                    place = navigation.visualItemRect(navigation.item(row)).center()
                    QTest.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton,
                                     pos=place)

                stall = stall_of(action, lambda key=spec.key, shown=shown, ops=ops:
                                 key in shown and _idle(ops))
                window.area_shown.disconnect(shown.append)
                figures = best.setdefault(spec.key, {})
                for measure, value in stall.items():
                    name = phase if measure == "wall" else f"{phase} {measure}"
                    figures[name] = min(value, figures.get(name, value))
        window.close()
        ops.wait()
        window.deleteLater()
        language.deleteLater()
        run_loop_until(lambda: True, settle_ms=50)
    return best


def best_of(runs: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Per area and figure, the smallest of several runs."""
    best: dict[str, dict[str, float]] = {}
    for run in runs:
        for key, figures in run.items():
            kept = best.setdefault(key, {})
            for name, value in figures.items():
                kept[name] = min(value, kept.get(name, value))
    return best


def measure_fresh(folder: Path, tries: int) -> tuple[dict[str, dict[str, float]],
                                                     list[dict[str, dict[str, float]]]]:
    """`tries` processes of their own, each one window as the program starts it (the
    areas' code imported ahead once it has settled) opening every area for the first
    time: (the best of them, every run)."""
    runs = []
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _try in range(tries):
        done = subprocess.run(
            [sys.executable, "-m", "tests.gui.scale.watchdog", "--fresh", str(folder)],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600,
            check=False)
        if done.returncode != 0:
            raise RuntimeError(f"the fresh window failed:\n{done.stderr[-3000:]}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return best_of(runs), runs


def main(folder: str, fresh: bool = False) -> None:
    from forebygg_desktop.core.startup import open_store
    from forebygg_desktop.gui.collector import collect_on_screen_thread

    app = QApplication.instance() or QApplication([])
    collect_on_screen_thread()
    store = open_store(Path(folder) / "forebygg.sqlite3")
    try:
        figures = measure_areas(store, tries=1 if fresh else 2, imports_ahead=fresh)
        print(json.dumps(figures) if fresh else json.dumps(figures, indent=1))
    finally:
        store.close()
    del app


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--fresh"]
    main(arguments[0], fresh="--fresh" in sys.argv[1:])
