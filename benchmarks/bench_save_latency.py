"""Per-save latency: `Store.groups.register_meeting` against a raw sqlite3 transaction.

Both sides use the same file system, WAL, `synchronous=FULL` and foreign keys, and insert
an equivalent meeting row (the raw side also bumps the change sequence, as the Store
does), so the ratio shows what the Store's validation, undo history and SQLAlchemy add to
the fsync'd commit. (The save's statements run on the driver's cursor, compiled by
SQLAlchemy: core/driver.py.)

Goal (issues 2 and 21): Store p99 ≤ 2 × raw p99 and under 30 ms.
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forebygg_desktop.core.models import utc_now
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import MeetingData, SeriesData

GOAL_RATIO = 2.0  # issue 21 (was 3x)
GOAL_P99_MS = 30.0
MEETINGS_PER_SERIES = 100  # the highest meeting number a series accepts


def percentile(samples: list[float], fraction: float) -> float:
    """The nearest-rank percentile of `samples` (seconds)."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def _new_series(store: Store, start: date) -> str:
    data = SeriesData(program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
                      planned_meetings=10, planned_start=start, registered_women=10,
                      registered_men=5, registered_other=0)
    return store.groups.create_series(data).id


class StoreSaver:
    """Registers meetings through the Store, each its own transaction."""

    def __init__(self, folder: Path) -> None:
        self.store = open_store(folder / "store.sqlite3")
        self.start = date.today() - timedelta(days=400)
        self.series_id = ""
        self.count = 0

    def save(self) -> float:
        number = self.count % MEETINGS_PER_SERIES + 1
        self.count += 1
        if number == 1:  # a series takes at most 100 meetings: start a new one (untimed)
            self.series_id = _new_series(self.store, self.start)
        data = MeetingData(number=number, held_on=self.start + timedelta(days=number),
                           minutes=150, women=7, men=3, other_gender=0, other_adults=1,
                           children=None, interpreter=False)
        began = time.perf_counter()
        self.store.groups.register_meeting(self.series_id, data)
        return time.perf_counter() - began

    def close(self) -> None:
        self.store.close()


class RawSaver:
    """Inserts an equivalent meeting row with plain sqlite3, same pragmas, one transaction."""

    def __init__(self, folder: Path) -> None:
        self.connection = sqlite3.connect(str(folder / "raw.sqlite3"), isolation_level=None)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute("PRAGMA foreign_keys=ON")
        self.connection.executescript(RAW_SCHEMA)
        self.series_id = str(uuid.uuid4())
        self.connection.execute("INSERT INTO series VALUES (?)", (self.series_id,))
        self.device = str(uuid.uuid4())
        self.start = date.today() - timedelta(days=400)
        self.count = 0

    def save(self) -> float:
        i = self.count
        self.count += 1
        now = utc_now().isoformat(" ")
        row = (str(uuid.uuid4()), self.series_id, i % MEETINGS_PER_SERIES + 1,
               (self.start + timedelta(days=i % 300)).isoformat(), 150, "regular", 7, 3, 0,
               1, None, 0, self.device, 1, i + 1, 0, now, now)
        began = time.perf_counter()
        self.connection.execute("BEGIN")
        self.connection.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                                "WHERE key = 'change_seq'")
        self.connection.execute(
            "INSERT INTO meeting VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
        self.connection.execute("COMMIT")
        return time.perf_counter() - began

    def close(self) -> None:
        self.connection.close()


RAW_SCHEMA = """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE series (id TEXT PRIMARY KEY);
    CREATE TABLE meeting (
        id TEXT PRIMARY KEY, series_id TEXT NOT NULL REFERENCES series(id),
        number INTEGER NOT NULL, held_on DATE NOT NULL, minutes INTEGER,
        kind TEXT NOT NULL, women INTEGER, men INTEGER, other_gender INTEGER,
        other_adults INTEGER, children INTEGER, interpreter BOOLEAN,
        device_id TEXT NOT NULL, version INTEGER NOT NULL, local_seq INTEGER NOT NULL,
        deleted BOOLEAN NOT NULL, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL);
    CREATE INDEX ix_meeting_series_id ON meeting(series_id);
    CREATE INDEX ix_meeting_held_on ON meeting(held_on);
    CREATE INDEX ix_meeting_local_seq ON meeting(local_seq);
    INSERT INTO meta VALUES ('change_seq', '0');
"""


def measure(folder: Path, saves: int, warmup: int = 50) -> tuple[list[float], list[float]]:
    """(raw, store) seconds per save, interleaved so both see the same machine noise."""
    raw_saver, store_saver = RawSaver(folder), StoreSaver(folder)
    raw: list[float] = []
    store: list[float] = []
    try:
        for _ in range(warmup):
            raw_saver.save()
            store_saver.save()
        for _ in range(saves):
            raw.append(raw_saver.save())
            store.append(store_saver.save())
    finally:
        raw_saver.close()
        store_saver.close()
    return raw, store


def _line(label: str, samples: list[float]) -> str:
    p50, p99 = percentile(samples, 0.50), percentile(samples, 0.99)
    return (f"{label:<22} p50 {p50 * 1000:7.3f} ms   p99 {p99 * 1000:7.3f} ms   "
            f"mean {statistics.fmean(samples) * 1000:7.3f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--folder", type=Path, default=None,
                        help="where to put the databases (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-save-", dir=args.folder) as name:
        gc.collect()
        raw, store = measure(Path(name), args.saves)
    raw_p50, raw_p99 = percentile(raw, 0.50), percentile(raw, 0.99)
    store_p50, store_p99 = percentile(store, 0.50), percentile(store, 0.99)
    print(f"bench_save_latency: {args.saves} saves each, WAL + synchronous=FULL + foreign_keys")
    print(_line("raw sqlite3", raw))
    print(_line("Store.register_meeting", store))
    ratio50, ratio99 = store_p50 / raw_p50, store_p99 / raw_p99
    print(f"ratio Store/raw        p50 {ratio50:5.2f}x   p99 {ratio99:5.2f}x   "
          f"(goal p99 ≤ {GOAL_RATIO:.0f}x and < {GOAL_P99_MS:.0f} ms)")
    met = ratio99 <= GOAL_RATIO and store_p99 * 1000 < GOAL_P99_MS
    print(f"goal {'MET' if met else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
