"""Open every area of the window on a store and measure the worst event-loop stall of each.

Used by `tests/gui/test_no_freeze.py`; also runnable on its own to compare two versions
of the program on the same store (`python tests/gui/scale/watchdog.py STORE_FOLDER`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.gui.scale.stall_meter import run_loop_until, stall_of


def _idle(ops: object) -> bool:
    idle = getattr(ops, "idle", None)
    return bool(idle()) if idle is not None else not ops._relays


def measure_areas(store: object, tries: int = 2) -> dict[str, dict[str, float]]:
    """Worst stall per area in milliseconds, each figure the best of `tries` fresh windows:

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
        # The window's first paint is not an area opening: let it happen unmeasured.
        run_loop_until(lambda ops=ops: _idle(ops), settle_ms=300)
        for spec in window.specs:
            for phase in ("open", "refresh"):
                if phase == "refresh":
                    window.show_page("home")
                    ops.changed.emit(Change("everything", "updated"))
                    run_loop_until(lambda ops=ops: _idle(ops), settle_ms=100)
                opened: list[bool] = []

                def action(key: str = spec.key, opened: list[bool] = opened,
                           window: MainWindow = window) -> None:
                    window.show_page(key)
                    opened.append(True)

                stall = stall_of(
                    action, lambda opened=opened, ops=ops: bool(opened) and _idle(ops))
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


def main(folder: str) -> None:
    from forebygg_desktop.core.startup import open_store

    app = QApplication.instance() or QApplication([])
    store = open_store(Path(folder) / "forebygg.sqlite3")
    try:
        print(json.dumps(measure_areas(store), indent=1))
    finally:
        store.close()
    del app


if __name__ == "__main__":
    main(sys.argv[1])
