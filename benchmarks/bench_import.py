"""Import 200 exchange files holding 100,000 rows at the central store.

Baseline, measured in the same run on the same rows: a plain `sqlite3` `executemany` upsert
into a store with the same schema and pragmas (WAL, synchronous=FULL), one transaction per
file. Goals: first import ≤ 3× the baseline; importing all files again ≤ 0.5× the first
import (a file seen before is recognised by its checksum and changes nothing).
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from forebygg_desktop.core import settings
from forebygg_desktop.core.device_keys import department_key, device_key, raw_public
from forebygg_desktop.core.exchange.format import record_types
from forebygg_desktop.core.exchange.seal import Signer
from forebygg_desktop.core.exchange.writer import build_data_package
from forebygg_desktop.core.startup import open_store

FILES = 200
ROWS = 100_000
DEVICES = 10


def synthetic_files(folder: Path, recipient: bytes,
                    ) -> tuple[list[tuple[Path, dict[str, list[tuple[Any, ...]]]]], list[Signer]]:
    """Advice talks and open meetings from ten laptops, 500 rows per file, each file signed
    by its laptop's key and sealed to the department (what an import really receives)."""
    rng = random.Random(7)
    talk, meeting = record_types()["advice_talk"], record_types()["open_meeting"]
    devices = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(DEVICES)]
    keys = [device_key(folder.parent / "keys" / d) for d in devices]
    out = []
    per_file = ROWS // FILES
    for number in range(FILES):
        device = devices[number % DEVICES]
        stamp = f"2026-03-{1 + number % 28:02d} 10:00:00.{number:06d}"
        rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in record_types()}
        for i in range(per_file):
            day = (date(2025, 1, 1) + timedelta(days=rng.randrange(450))).isoformat()
            values: dict[str, Any] = {"id": str(uuid.UUID(int=rng.getrandbits(128))),
                                      "device_id": device, "version": 1,
                                      "clock": json.dumps({device: 1}), "deleted": 0,
                                      "created_at": stamp, "updated_at": stamp}
            if i % 2:
                values |= {"first_talk_on": day, "talks": rng.randint(1, 3),
                           "who_came": "mother", "theme_code": None, "language_code": "sv",
                           "interpreter": None, "locality_code": "RIMBO",
                           "outcome": "closed", "referred_to": None, "moved_to_program": None}
                rows["advice_talk"].append(tuple(values[n] for n in talk.names))
            else:
                values |= {"program_code": "CAFE", "held_on": day, "minutes": 90,
                           "theme_code": None, "locality_code": "HALLSTAVIK", "venue": None,
                           "language_code": "so", "interpreter": 1,
                           "women": rng.randint(0, 30), "men": rng.randint(0, 10),
                           "other_gender": None, "estimated": 0}
                rows["open_meeting"].append(tuple(values[n] for n in meeting.names))
        package = build_data_package(
            rows, department=settings.DEPARTMENT.default, device_id=device,
            device_name=f"laptop-{number % DEVICES}", sequence=number // DEVICES + 1,
            full=False, since=number // DEVICES, upto=number // DEVICES + 1,
            signer=keys[number % DEVICES],
            recipient=recipient)
        path = folder / f"{number:03d}.forebygg"
        path.write_bytes(package.content)
        out.append((path, rows))
    signers = [Signer(d, f"laptop-{i}", k.public_raw) for i, (d, k) in
               enumerate(zip(devices, keys, strict=True))]
    return out, signers


def baseline(database: Path, files: list[tuple[Path, dict[str, list[tuple[Any, ...]]]]]) -> float:
    connection = sqlite3.connect(database, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")
    statements = {}
    for name in ("advice_talk", "open_meeting"):
        columns = [*record_types()[name].names, "local_seq"]
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        statements[name] = (f"INSERT INTO {name} ({', '.join(columns)}) VALUES "
                            f"({', '.join('?' for _ in columns)}) "
                            f"ON CONFLICT(id) DO UPDATE SET {updates}")
    began = time.perf_counter()
    for _path, rows in files:
        connection.execute("BEGIN")
        for name, sql in statements.items():
            connection.executemany(sql, [(*r, 1) for r in rows[name]])
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - began
    connection.close()
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "usb").mkdir()
        store = open_store(root / "central" / "forebygg.sqlite3")
        store.settings.set(settings.ROLE, "central")
        recipient = raw_public(department_key(root / "central").public_key())
        files, signers = synthetic_files(root / "usb", recipient)
        for signer in signers:
            store.exchange.enrol(signer)
        store.close()
        (root / "plain").mkdir()
        shutil.copy(root / "central" / "forebygg.sqlite3", root / "plain" / "forebygg.sqlite3")
        store = open_store(root / "central" / "forebygg.sqlite3")
        paths = [p for p, _rows in files]
        began = time.perf_counter()
        reports = store.exchange.import_files(paths)
        first = time.perf_counter() - began
        assert all(r.committed for r in reports), [r.error for r in reports if r.error][:2]
        assert sum(r.total("new") for r in reports) == ROWS
        began = time.perf_counter()
        again = store.exchange.import_files(paths)
        second = time.perf_counter() - began
        assert all(r.already_imported_at is not None for r in again)
        store.close()
        plain = baseline(root / "plain" / "forebygg.sqlite3", files)
    print(f"import {FILES} files / {ROWS:,} rows: {first:.2f} s; "
          f"plain executemany upsert: {plain:.2f} s; "
          f"ratio {first / plain:.2f}x (goal <= 3x)")
    print(f"re-import of all files: {second:.2f} s; "
          f"ratio {second / first:.2f}x of the first import (goal <= 0.5x)")


if __name__ == "__main__":
    main()
