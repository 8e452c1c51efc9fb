"""Crash test: a process saving meetings through the Store is SIGKILLed, again and again.

The parent has everything imported and forks a child per kill (no Python start-up per
kill; the parent holds no database connection across a fork). The child opens the data
folder exactly as the program does (lock, migrations, catalogue), then creates series and
registers meetings in a tight loop, writing to a pipe *before* each Store call ("B") and
*after* it returned ("A <id>"): only "A" lines are acknowledged saves. The parent kills it
at a random moment — mostly a few milliseconds into the saving loop, sometimes during
start-up (first migration, WAL recovery) — and in the end checks that every acknowledged
save is in the database and that `PRAGMA integrity_check` says ok.

SIGKILL tests atomicity and recovery (the OS keeps the page cache); power-cut durability
is `synchronous=FULL`, asserted in test_db.py.
"""

from __future__ import annotations

import gc
import os
import random
import select
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy import select as sql_select

from forebygg_desktop.core.db import integrity_check
from forebygg_desktop.core.models import GroupSeries, Meeting
from forebygg_desktop.core.startup import DATABASE_NAME, open_installation, open_store
from forebygg_desktop.core.store.records import MeetingData, SeriesData

KILLS = int(os.environ.get("FOREBYGG_CRASH_KILLS", "200"))
SEED = int(os.environ.get("FOREBYGG_CRASH_SEED", "20261122"))
START = date.today() - timedelta(days=200)
SERIES = SeriesData(program_code="ABC-3-12", locality_code="HALLSTAVIK", language_code="sv",
                    planned_meetings=10, planned_start=START, registered_women=20,
                    registered_men=10, registered_other=0)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (POSIX)")


def _child(data_dir: Path, fd: int) -> None:
    """Save forever, reporting each save after the Store returned. Never returns."""
    try:
        installation = open_installation(data_dir)
        store = installation.store
        # Mark where each save's transaction is when the kill lands: "b" once SQLite's
        # BEGIN ran, "c" just before COMMIT is sent (so "b" without "c" = mid-transaction).
        event.listen(store.engine, "begin", lambda _conn: os.write(fd, b"b\n"))
        event.listen(store.engine, "commit", lambda _conn: os.write(fd, b"c\n"))
        os.write(fd, b"R\n")
        while True:
            os.write(fd, b"B series\n")
            series_id = store.groups.create_series(SERIES).id
            os.write(fd, f"S {series_id}\n".encode())
            for number in range(1, 101):
                data = MeetingData(number=number, held_on=START + timedelta(days=number),
                                   minutes=120, women=5, men=2, other_gender=0,
                                   other_adults=None, children=0)
                os.write(fd, f"B {series_id} {number}\n".encode())
                meeting_id = store.groups.register_meeting(series_id, data).id
                os.write(fd, f"A {meeting_id}\n".encode())
    except BaseException:
        message = traceback.format_exc().replace("\n", " | ")
        os.write(fd, f"E {message}\n".encode())
    finally:
        os._exit(1)  # never run the parent's pytest machinery in the child


@dataclass
class Tally:
    kills: int = 0
    steady: int = 0  # kills aimed at the saving loop, after at least one acknowledged save
    during_startup: int = 0
    before_transaction: int = 0  # inside a Store call, before its BEGIN
    mid_transaction: int = 0  # after BEGIN, before COMMIT: the save must be absent
    during_commit: int = 0  # COMMIT sent, not yet acknowledged: either outcome is fine
    series: set[str] = field(default_factory=set)
    meetings: set[str] = field(default_factory=set)
    # (series id, meeting number) of meetings in flight when killed, by phase
    uncommitted: list[tuple[str, int]] = field(default_factory=list)
    committing: list[tuple[str, int]] = field(default_factory=list)


def _read_until(fd: int, buffer: bytearray, marker: bytes, timeout: float = 60.0) -> None:
    """Read the child's reports until `marker` shows (or the child reported an error)."""
    deadline = time.monotonic() + timeout
    while marker not in buffer and b"E " not in buffer:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"the child never reported {marker!r}")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return
            buffer.extend(chunk)


def _drain(fd: int, buffer: bytearray) -> None:
    while chunk := os.read(fd, 65536):
        buffer.extend(chunk)


def _one_run(data_dir: Path, rng: random.Random, tally: Tally) -> None:
    read_fd, write_fd = os.pipe()
    gc.freeze()  # the child's collector then skips the parent's objects (no copy-on-write)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_fd)
        _child(data_dir, write_fd)
    os.close(write_fd)
    buffer = bytearray()
    try:
        moment = rng.random()
        if moment < 0.1:
            # During start-up: migrations, catalogue, WAL recovery after the last kill.
            time.sleep(rng.uniform(0, 0.04))
        elif moment < 0.3:
            # During the first saves (a fresh engine compiles its statements: slower).
            _read_until(read_fd, buffer, b"R\n")
            time.sleep(rng.uniform(0, 0.015))
        else:
            # In the steady saving loop (a save costs about a millisecond on an idle machine).
            tally.steady += 1
            _read_until(read_fd, buffer, b"\nA ")
            time.sleep(rng.uniform(0, 0.02))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        _drain(read_fd, buffer)
    finally:
        os.close(read_fd)
    tally.kills += 1
    _tally_reports(bytes(buffer).decode().splitlines(), tally)


def _tally_reports(lines: list[str], tally: Tally) -> None:
    errors = [line for line in lines if line.startswith("E ")]
    assert not errors, errors[0]
    if "R" not in lines:
        tally.during_startup += 1
        return
    pending: tuple[str, int] | None = None
    phase = ""
    for line in lines:
        tag, _, rest = line.partition(" ")
        if tag == "A":
            tally.meetings.add(rest)
            pending, phase = None, ""
        elif tag == "S":
            tally.series.add(rest)
            pending, phase = None, ""
        elif tag == "B":
            series_id, _, number = rest.partition(" ")
            pending, phase = (series_id, int(number or 0)), "called"
        elif tag in ("b", "c") and pending is not None:
            phase = tag
    if pending is None:
        return
    if phase == "called":
        tally.before_transaction += 1
    elif phase == "b":
        tally.mid_transaction += 1
        if pending[0] != "series":
            tally.uncommitted.append(pending)
    elif phase == "c":
        tally.during_commit += 1
        if pending[0] != "series":
            tally.committing.append(pending)


def _warm_up(folder: Path) -> None:
    """Configure the ORM mappers and read the migration scripts once, in the parent.

    Children inherit that work through fork instead of each paying ~0.1 s for it. The
    store is closed again: no connection is open in the parent across a fork.
    """
    store = open_store(folder / DATABASE_NAME)
    try:
        series_id = store.groups.create_series(SERIES).id
        store.groups.register_meeting(series_id, MeetingData(number=1, held_on=START))
    finally:
        store.close()


def test_no_acknowledged_save_is_lost_when_killed(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    _warm_up(tmp_path / "warm-up")
    rng = random.Random(SEED)
    tally = Tally()
    began = time.monotonic()
    try:
        for _ in range(KILLS):
            _one_run(data_dir, rng, tally)
    finally:
        gc.unfreeze()

    database = data_dir / DATABASE_NAME
    assert integrity_check(database) == "ok"
    store = open_store(database)  # opens (and recovers) like the next program start
    try:
        with store.uow.read() as session:
            meeting_ids = set(session.scalars(sql_select(Meeting.id)))
            series_ids = set(session.scalars(sql_select(GroupSeries.id)))
            numbers = session.execute(sql_select(Meeting.series_id, Meeting.number)).all()
    finally:
        store.close()
    lost_meetings = tally.meetings - meeting_ids
    lost_series = tally.series - series_ids
    stored = set(map(tuple, numbers))
    half_saved = [pair for pair in tally.uncommitted if pair in stored]
    committed = sum(1 for pair in tally.committing if pair in stored)
    elapsed = time.monotonic() - began
    with capsys.disabled():
        print(f"\ncrash test: {tally.kills} kills: {tally.during_startup} during start-up, "
              f"{tally.before_transaction} in a Store call before BEGIN, "
              f"{tally.mid_transaction} mid-transaction (all rolled back: "
              f"{len(half_saved) == 0}), {tally.during_commit} during COMMIT "
              f"({committed} of {len(tally.committing)} meetings committed); "
              f"{len(tally.meetings)} acknowledged meetings + {len(tally.series)} series; "
              f"{len(lost_meetings) + len(lost_series)} lost acknowledged saves; "
              f"integrity_check ok; {elapsed:.1f} s; seed {SEED}", file=sys.stderr)
    assert tally.kills == KILLS >= 200 or "FOREBYGG_CRASH_KILLS" in os.environ
    assert lost_meetings == set()
    assert lost_series == set()
    # Atomicity: a save killed before its COMMIT left nothing behind.
    assert half_saved == []
    # The kills really landed inside transactions and at start-up, not only between saves.
    assert tally.mid_transaction >= KILLS // 20
    assert tally.during_startup >= 1
    # The child got real work done between kills: every kill aimed at the saving loop came
    # after an acknowledged save (how many more depends on the disk's fsync speed).
    assert len(tally.meetings) >= tally.steady >= KILLS // 2
    # A meeting number is never stored twice in a series, even across crashes.
    assert len(numbers) == len(stored)
