"""Rows fetched ahead on a thread (`read_ahead.py`), and a report's meeting scan read that
way on a server: the same rows in the same order; an error on the thread reaches the
caller as itself (the report ends as it would without the thread, no file written); a
reader closed early (a cancelled or failed report) stops the thread, which never outlives
the read. The report tests run on each test database (SQLite reads without a thread)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.errors import DatabaseError
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import (
    ReportCancelledError,
    ReportOptions,
    write_report,
)
from forebygg_desktop.core.stats import meeting_scan
from forebygg_desktop.core.stats.collect import MeetingFacts, on_driver
from forebygg_desktop.core.stats.read_ahead import read_ahead
from forebygg_desktop.core.store import Store
from tests.pg_backend import PgServer

THREAD = "forebygg-read-ahead"


def readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD]


class Source:
    """Batches 0, 1, 2, ... (`failing_at`: raises there instead), noting how many were
    taken, on which thread, and whether it was closed."""

    def __init__(self, count: int, failing_at: int | None = None) -> None:
        self.count, self.failing_at = count, failing_at
        self.taken = 0
        self.threads: set[str] = set()
        self.closed = False

    def __iter__(self) -> Iterator[list[int]]:
        try:
            for n in range(self.count):
                self.threads.add(threading.current_thread().name)
                if n == self.failing_at:
                    raise ConnectionError(f"lost at batch {n}")
                self.taken += 1
                yield [n]
        finally:
            self.closed = True


def test_the_batches_come_in_order_from_a_thread_that_then_ends() -> None:
    source = Source(50)
    assert list(read_ahead(iter(source), depth=2)) == [[n] for n in range(50)]
    assert source.threads == {THREAD} and source.closed
    assert not readers()


def test_an_error_on_the_thread_reaches_the_caller_as_itself() -> None:
    source = Source(10, failing_at=4)
    got: list[list[int]] = []
    with pytest.raises(ConnectionError, match="lost at batch 4"):
        for batch in read_ahead(iter(source)):
            got.append(batch)
    assert got == [[0], [1], [2], [3]]  # every batch before the error, then the error
    assert source.closed and not readers()


def test_a_reader_closed_early_stops_the_thread_within_its_depth() -> None:
    source = Source(10_000)
    reader = read_ahead(iter(source), depth=2)
    assert next(reader) == [0]
    reader.close()  # the caller stops (a cancel): the thread may be waiting to put a batch
    assert not readers() and source.closed
    assert source.taken <= 1 + 2 + 2  # the one read, the queue's two, one more on the way


def test_a_caller_failing_while_the_thread_waits_leaves_no_thread() -> None:
    source = Source(10_000)

    class Stop(Exception):
        pass

    with pytest.raises(Stop):
        for batch in read_ahead(iter(source), depth=1):
            if batch == [3]:
                raise Stop
    assert not readers() and source.closed and source.taken < 10


def test_reading_ahead_by_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        next(read_ahead(iter(Source(1)), depth=0))


# A few rows a batch: a year's demo meetings come in many batches, read ahead on a server.
SMALL = 7
PERIOD = Period.parse("2025-07-01..2026-06-30")


@pytest.fixture
def year(store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    generate_demo(store, years=2, end=date(2026, 6, 30))
    monkeypatch.setattr(meeting_scan, "BATCH", SMALL)
    monkeypatch.setattr(meeting_scan, "SERVER_BATCH", SMALL)
    return store


def test_a_report_read_in_small_batches_is_the_report_read_at_once(
        year: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[MeetingFacts]] = []

    def everything(meetings: Any, _localities: Any) -> None:
        seen.append(list(meetings))

    small = year.stats.report(PERIOD, everything)
    assert not readers()
    monkeypatch.setattr(meeting_scan, "BATCH", 100_000)
    monkeypatch.setattr(meeting_scan, "SERVER_BATCH", 100_000)
    whole = year.stats.report(PERIOD, everything)
    assert small == whole
    assert seen[0] == seen[1] and len(seen[0]) > 20 * SMALL


def folder(tmp_path: Path) -> Path:
    """A folder for the workbook alone (the store's own is beside it)."""
    out = tmp_path / "reports"
    out.mkdir()
    return out


def _on_each_batch(monkeypatch: pytest.MonkeyPatch, before: Callable[[int], None]) -> None:
    """The meeting scan's cursor calls `before(n)` ahead of handing out its batch n."""
    real = on_driver

    class Watched:
        def __init__(self, result: Any) -> None:
            self.result = result

        def partitions(self, size: int) -> Iterator[Any]:
            for n, batch in enumerate(self.result.partitions(size)):
                before(n)
                yield batch

        def close(self) -> None:
            self.result.close()

    monkeypatch.setattr(meeting_scan, "on_driver", lambda *a, **k: Watched(real(*a, **k)))


def _failing_partitions(monkeypatch: pytest.MonkeyPatch, after: int) -> list[str]:
    """The meeting scan's cursor fails after `after` batches (as a connection the server
    dropped); returns the names of the threads its batches were fetched on."""
    threads: list[str] = []

    def fail_at(n: int) -> None:
        threads.append(threading.current_thread().name)
        if n == after:
            raise OperationalError("FETCH", {}, ConnectionError("server closed"))

    _on_each_batch(monkeypatch, fail_at)
    return threads


def test_a_read_failing_mid_stream_ends_the_report_as_without_the_thread(
        year: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a server the batches come from the thread, on SQLite from the report's own:
    either way the report ends in the read's error, said in words (a server gone), no
    workbook and no part of one is left, and the store reports on."""
    threads = _failing_partitions(monkeypatch, after=3)
    target = folder(tmp_path) / "decade.xlsx"
    with pytest.raises(DatabaseError) as caught:
        write_report(year, ReportOptions(PERIOD), target)
    assert "server closed" in str(caught.value.__cause__)
    assert "databasservern bröts" in caught.value.message()
    assert set(threads) == ({THREAD} if year.uow.shared else
                            {threading.current_thread().name})
    assert not readers()
    assert list(target.parent.iterdir()) == []
    monkeypatch.undo()
    assert write_report(year, ReportOptions(PERIOD), target).exists()


def test_a_cancel_while_rows_are_read_ahead_stops_the_thread(
        year: Store, tmp_path: Path) -> None:
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 12  # within the Data sheet's rows

    out = folder(tmp_path)
    with pytest.raises(ReportCancelledError):
        write_report(year, ReportOptions(PERIOD), out / "cancelled.xlsx",
                     cancelled=cancelled)
    assert not readers()
    assert list(out.iterdir()) == []


def test_a_server_dropping_the_connection_mid_report_ends_it_cleanly(
        pg_server: PgServer | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real lost connection (a server's; SQLite has none to lose): the server ends the
    report's session after the thread has read two batches. Said in the user's language
    (the read's `UserError`), no file, no thread, and the next report is whole."""
    if pg_server is None:
        pytest.skip("no PostgreSQL server given (--pg-url / FOREBYGG_TEST_PG_URL)")
    year = pg_server.open(pg_server.new_database(), tmp_path / "store")
    generate_demo(year, years=2, end=date(2026, 6, 30))
    monkeypatch.setattr(meeting_scan, "SERVER_BATCH", SMALL)
    admin = year.engine.connect()
    ended: list[bool] = []

    def cut_at(n: int) -> None:
        if n == 2:
            ended.append(bool(admin.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                "datname = current_database() AND pid <> pg_backend_pid() AND "
                "query LIKE 'FETCH%'")).scalar()))

    _on_each_batch(monkeypatch, cut_at)
    target = folder(tmp_path) / "decade.xlsx"
    try:
        with pytest.raises(DatabaseError) as caught:
            write_report(year, ReportOptions(PERIOD), target)
        assert isinstance(caught.value.__cause__, OperationalError)
        assert caught.value.message() == ("Anslutningen till databasservern bröts. "
                                          "Kontrollera nätverket och försök igen.")
        assert ended == [True]
        assert not readers() and list(target.parent.iterdir()) == []
        monkeypatch.undo()
        assert write_report(year, ReportOptions(PERIOD), target).exists()
    finally:
        admin.close()
        year.close()
