"""Every area's code imported ahead, on a worker, once the start has settled.

An area's modules are imported when it is first opened (`gui/pages.py`), so the first
window comes up without them. Importing them then, on the screen's thread, is the largest
piece of a first open: a quarter to three quarters of a second for Reports or Evaluations
(their pages, charts, the workbook and PDF code). So once the Store is attached and the
window settled, a worker imports every area's page module in navigation order; the first
real open then builds widgets only. Imports run Python, which takes turns with the screen's
thread every half millisecond (`gui/operations.py`); an area opened while its module is
still being imported waits for that import to finish, which it would otherwise have done
itself. Nothing here makes a Qt object.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging

from PySide6.QtCore import QRunnable, QThreadPool

from forebygg_desktop.gui import collector
from forebygg_desktop.gui.pages import Area, built_areas

log = logging.getLogger(__name__)


def page_modules(areas: list[Area]) -> list[str]:
    """The modules an area's first open imports: its package and its page."""
    names = []
    for area in areas:
        names.append(area.module_name)
        page = f"{area.module_name}.page"
        if importlib.util.find_spec(page) is not None:
            names.append(page)
    return names


def import_all(names: list[str]) -> None:
    with collector.worker_running():
        for name in names:
            try:
                importlib.import_module(name)
            except Exception as error:  # the area's own open reports it; never stop here
                log.warning("importing %s ahead failed: %s", name, type(error).__name__)


class _Imports(QRunnable):
    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self._names = names

    def run(self) -> None:
        import_all(self._names)


def import_areas_ahead(pool: QThreadPool | None = None) -> None:
    """Start importing every area's page module on a worker (returns at once)."""
    (pool or QThreadPool.globalInstance()).start(_Imports(page_modules(built_areas())))
