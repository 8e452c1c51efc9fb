"""Qt objects freed by Python's cycle collector are deleted on the screen's thread.

CI saw a segmentation fault "while garbage-collecting" in a worker compiling SQL: the
worker's allocations ran the collector there, and it deleted a window that only a reference
cycle kept. These tests drop a Qt object into a cycle while a worker allocates.
"""

from __future__ import annotations

import gc
import threading
import weakref
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from forebygg_desktop.core.store import Store
from forebygg_desktop.gui import collector as collector_module
from forebygg_desktop.gui.collector import CycleCollector, collect_on_screen_thread
from forebygg_desktop.gui.context import AppContext


class _Relay(QObject):
    gone = Signal()


def _cyclic_garbage(count: int) -> None:
    for _ in range(count):
        loop: list[Any] = []
        loop.append(loop)


def test_a_qt_object_in_a_cycle_is_deleted_on_the_screens_thread_while_a_worker_allocates(
        ctx: AppContext, qtbot) -> None:
    relay = _Relay()
    deleted_on: list[int] = []

    def record(*_args: object) -> None:  # runs on the deleting thread (direct connection)
        deleted_on.append(threading.get_ident())
        relay.gone.emit()

    orphan = QObject()  # owned by Python: freeing its wrapper deletes the Qt object
    loop: list[Any] = [orphan]
    orphan.loop = loop  # type: ignore[attr-defined]  # only a cycle keeps it now
    orphan.destroyed.connect(record, Qt.ConnectionType.DirectConnection)
    del orphan, loop

    def allocate(_store: Store) -> None:  # many times Python's collection threshold
        _cyclic_garbage(50 * gc.get_threshold()[0])

    with qtbot.waitSignal(relay.gone, timeout=10_000):
        ctx.ops.read(allocate, lambda _result: None)
    assert deleted_on == [threading.main_thread().ident]


def test_the_screens_thread_collects_what_python_would_have(qtbot) -> None:
    """With the automatic collector off, garbage still goes: the timer collects it."""
    collect_on_screen_thread()
    assert not gc.isenabled()
    relay = _Relay()

    class Marker:
        pass

    marker = Marker()
    marker.loop = marker  # type: ignore[attr-defined]
    watch = weakref.ref(marker, lambda _ref: relay.gone.emit())
    del marker
    with qtbot.waitSignal(relay.gone, timeout=5_000):
        _cyclic_garbage(2 * gc.get_threshold()[0])
    assert watch() is None


def _scripted(monkeypatch, counts: tuple[int, int, int], full_takes: float = 0.3
              ) -> tuple[CycleCollector, list[int], list[float]]:
    """A collector whose collections are recorded, with a clock the test moves."""
    collector = CycleCollector()
    collector.timer.stop()
    collector.threshold = (700, 10, 10)
    calls: list[int] = []
    clock = [1000.0]

    def collect(generation: int = 2) -> int:
        calls.append(generation)
        if generation == 2:
            clock[0] += full_takes
        return 0

    monkeypatch.setattr(collector_module.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(collector_module.gc, "collect", collect)
    monkeypatch.setattr(collector_module.gc, "get_count", lambda: counts)
    return collector, calls, clock


def test_each_generation_is_collected_when_python_would_collect_it(monkeypatch, qapp) -> None:
    for counts, expected in (((700, 99, 99), []), ((701, 10, 99), [0]),
                             ((701, 11, 10), [1]), ((701, 11, 11), [2])):
        collector, calls, _clock = _scripted(monkeypatch, counts)
        collector.collect()
        assert calls == expected, counts


def test_full_collections_take_a_small_share_of_the_screens_time(monkeypatch, qapp) -> None:
    """A 300 ms full collection (a central store's lists in memory) is followed by younger
    collections only, until 300 ms is FULL_SHARE of the time since it began."""
    collector, calls, clock = _scripted(monkeypatch, (5000, 50, 50))
    collector.collect()
    assert calls == [2]
    began, pause = 1000.0, 0.3 / collector_module.FULL_SHARE
    for now in (began + 1, began + pause - 0.01):
        clock[0] = now
        collector.collect()
    assert calls == [2, 1, 1]
    clock[0] = began + pause
    collector.collect()
    assert calls == [2, 1, 1, 2]


def test_the_collector_looks_often_while_objects_are_made_fast(monkeypatch, qapp) -> None:
    """A busy worker makes a threshold's worth of objects between two looks: the looks come
    faster (each young collection then walks fewer objects), and slow again when idle."""
    collector, calls, _clock = _scripted(monkeypatch, (5000, 0, 0))
    collector.collect()
    assert calls == [0]
    assert collector.timer.interval() == collector_module.BUSY_MS
    collector, calls, _clock = _scripted(monkeypatch, (10, 0, 0))
    collector.timer.setInterval(collector_module.BUSY_MS)
    collector.collect()
    assert calls == []
    assert collector.timer.interval() == collector_module.INTERVAL_MS


def test_a_quiet_start_collects_nothing_until_it_settles_then_freezes_what_it_made(
        monkeypatch, qapp) -> None:
    """The program's start collects nothing; once settled, what it made is frozen out of
    every later collection, and collections go on by the thresholds."""
    collector, calls, clock = _scripted(monkeypatch, (5000, 50, 50))
    frozen: list[bool] = []
    monkeypatch.setattr(collector_module.gc, "freeze", lambda: frozen.append(True))
    collector.start_quietly()
    for _ in range(3):
        clock[0] += 1
        collector.collect()
    assert calls == [] and frozen == []
    collector.settle()
    assert frozen == [True]
    collector.collect()
    assert calls == [2]
    collector.settle()  # settling again freezes nothing more
    assert frozen == [True]


def test_a_start_that_never_settles_collects_again_after_the_quiet_limit(
        monkeypatch, qapp) -> None:
    collector, calls, clock = _scripted(monkeypatch, (701, 0, 0))
    frozen: list[bool] = []
    monkeypatch.setattr(collector_module.gc, "freeze", lambda: frozen.append(True))
    collector.start_quietly()
    clock[0] += collector_module.QUIET_LIMIT_S - 0.5
    collector.collect()
    assert calls == []
    clock[0] += 1
    collector.collect()
    assert calls == [0]
    collector.settle()  # too late to freeze: the start's objects were walked already
    assert frozen == []


def test_the_program_settles_its_start_once_the_store_is_attached(
        monkeypatch, tmp_path, qapp, qtbot) -> None:
    """A real start the fast way (window first, the Store attached after) ends quiet."""
    from forebygg_desktop.core import settings
    from forebygg_desktop.core.glance import take_glance
    from forebygg_desktop.core.paths import DATABASE_NAME
    from forebygg_desktop.core.startup import open_installation
    from forebygg_desktop.gui.language import LanguageController
    from forebygg_desktop.gui.startup import Startup, parse_args

    data_dir = tmp_path / "data"
    installation = open_installation(data_dir, take_lock=False)
    try:
        installation.store.settings.set(settings.SETUP_DONE, True)
    finally:
        installation.close()
    glance = take_glance(data_dir / DATABASE_NAME)
    assert glance is not None and glance.setup_done
    settled: list[bool] = []
    monkeypatch.setattr(CycleCollector, "settle", lambda self: settled.append(True))
    startup = Startup(qapp, parse_args(["--data-dir", str(data_dir)]), data_dir,
                      LanguageController(qapp))
    try:
        startup.start_with_glance(glance)
        assert startup.window is not None and settled == []
        with qtbot.waitSignal(startup.window.attached, timeout=30_000):
            pass
        assert settled == [True]
    finally:
        if startup.window is not None:
            startup.window.close()
        startup.close()
