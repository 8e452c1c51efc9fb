"""Every area's code imported ahead, on a worker, once the start has settled.

An area's modules are imported when it is first opened (`gui/pages.py`), so the first
window comes up without them. Importing them then, on the screen's thread, is the largest
piece of a first open: a quarter to three quarters of a second for Reports or Evaluations
(their pages, tabs, charts, the workbook and PDF code). So once the Store is attached and
the window settled, a worker imports every module of every area in navigation order (and
loads the languages' names from Babel's data); the first real open then builds widgets.
Imports run Python, which takes turns with the screen's thread every half millisecond
(`gui/operations.py`); an area opened while its module is still being imported waits for
that import to finish, which it would otherwise have done itself. Nothing here makes a Qt
object on the worker.
"""

from __future__ import annotations

import importlib
import logging

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from forebygg_desktop.core import i18n
from forebygg_desktop.gui import collector
from forebygg_desktop.gui.pages import Area, built_areas

log = logging.getLogger(__name__)


def area_modules(areas: list[Area]) -> list[str]:
    """Every module of the areas' packages (pages, tabs, dialogs, forms), in navigation
    order: an area's page imports some of its own modules only as it builds."""
    import pkgutil  # not while the first window is made: this runs after it

    names = []
    for area in areas:
        names.append(area.module_name)
        package = importlib.import_module(area.module_name)
        names += sorted(info.name for info in pkgutil.walk_packages(
            package.__path__, prefix=f"{area.module_name}."))
    return names


def import_all(names: list[str]) -> None:
    with collector.worker_running():
        for name in names:
            try:
                importlib.import_module(name)
            except Exception as error:  # the area's own open reports it; never stop here
                log.warning("importing %s ahead failed: %s", name, type(error).__name__)
        # The languages' own names (the language pickers) come from CLDR data that Babel
        # loads on first use, a tenth of a second per language.
        for code in i18n.UI_LANGUAGES:
            i18n.language_info(code)


class _Finished(QObject):
    """Lives on the screen's thread: what the imports made lives as long as the program,
    so it is frozen out of later collections there (`gui/collector.py`)."""

    done = Signal()


class _Imports(QRunnable):
    def __init__(self, names: list[str], finished: _Finished) -> None:
        super().__init__()
        self._names, self._finished = names, finished

    def run(self) -> None:
        try:
            import_all(self._names)
        finally:
            if shiboken6.isValid(self._finished):
                self._finished.done.emit()


def import_areas_ahead(pool: QThreadPool | None = None) -> None:
    """Start importing every area's modules on a worker (returns at once)."""
    finished = _Finished(QCoreApplication.instance())
    finished.done.connect(collector.area_built)
    finished.done.connect(finished.deleteLater)
    (pool or QThreadPool.globalInstance()).start(
        _Imports(area_modules(built_areas()), finished))
