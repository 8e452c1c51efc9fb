"""Writing the workbook on a worker thread, with progress and cancel for the Reports page.

A report only reads, so it runs on its own pool and does not queue behind (or hold up)
the single write worker of `Operations`.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from forebygg_desktop.core.errors import UserError
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.logs import safe_traceback
from forebygg_desktop.core.reports.together import write_year_with_quarters
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.store import Store

log = logging.getLogger(__name__)


class ExportJob(QObject):
    """`start()` writes the report; `progressed`, then `finished(path)` or `failed(error)`."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, store: Store, options: ReportOptions, path: Path,
                 parent: QObject | None = None, with_quarters: bool = False) -> None:
        super().__init__(parent)
        self.store, self.options, self.path = store, options, path
        # A suppressed year written with its quarters' workbooks, protected together (the
        # same core call as `forebygg-cli report --with-quarters`); `written` lists them.
        self.with_quarters = with_quarters
        self.written: list[Path] = []
        self._cancel = threading.Event()
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def start(self) -> None:
        job = self

        class _Run(QRunnable):
            def run(self) -> None:
                job._run()

        self._pool.start(_Run())

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._pool.waitForDone(msecs)

    def _run(self) -> None:
        try:
            # The save dialog asked before an existing file is replaced (force): the core
            # still refuses the program's own files and files of another kind.
            if self.with_quarters and self.options.suppress:
                self.written = write_year_with_quarters(
                    self.store, self.options.period.start.year, self.options.language,
                    self.options.suppress, self.path, force=True,
                    progress=self.progressed.emit, cancelled=self._cancel.is_set)
                path = self.written[0]
            else:
                path = write_report(self.store, self.options, self.path,
                                    progress=self.progressed.emit,
                                    cancelled=self._cancel.is_set, force=True)
                self.written = [path]
        except UserError as error:
            self.failed.emit(error)
        except Exception as error:  # a bug: logged, shown as a plain message
            log.error("report failed:\n%s", safe_traceback(error))
            self.failed.emit(UserError(N_("An unexpected error occurred: {detail}"),
                                       detail=type(error).__name__))
        else:
            self.finished.emit(path)
