"""Python's cycle collector runs on the screen's thread only.

Qt deletes a widget on the thread it lives on, or crashes. Python's collector runs on
whichever thread allocates past its threshold, and in this program that is most often a
worker reading the Store (SQLAlchemy allocates a great deal). A window or dialog that only
a reference cycle kept alive was then deleted on that worker, in the middle of the screen's
own work with it: a segmentation fault "while garbage-collecting" in a worker compiling
SQL. So the automatic collector is switched off, and the screen's thread collects by the
same thresholds, from its event loop, a few times a second.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# How often the screen's thread looks at the collector's counts (milliseconds). A look
# costs a microsecond; a young-generation collection a millisecond or two.
INTERVAL_MS = 250
_NAME = "forebygg-cycle-collector"


class _ScreenThreadCollector(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.setObjectName(_NAME)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations that are over their threshold, as Python would have."""
        young, middle, old = gc.get_count()
        first, second, third = self.threshold
        if young <= first:
            return 0
        if middle <= second:
            return gc.collect(0)
        if old <= third:
            return gc.collect(1)
        return gc.collect(2)


def collect_on_screen_thread() -> None:
    """From now on only the screen's thread collects cycles (once per application).

    Call it after the QApplication exists and before any worker thread runs Python.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the cycle collector needs the application object")
    if app.findChild(QObject, _NAME) is None:
        _ScreenThreadCollector(app)
