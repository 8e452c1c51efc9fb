"""Bounded import: a small package cannot make the central computer run out of memory.

The worst an unknown sender can send during the transition is an unsigned version-1 file
(a signed one from an unknown laptop is refused before it is decrypted): here a 1 MB file
packed as densely as the limits allow. Its import runs in a fresh subprocess whose peak
resident memory is measured by the operating system.

The peak is the child's own high-water mark (`VmHWM`), read by the child itself:
`getrusage` would not do. A child started by `subprocess` (vfork, then exec) takes the
parent's peak as its own `ru_maxrss` at exec, so it measured the test process (552 MB after
the fuzz tests in CI), not the import.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n
from forebygg_desktop.core.exchange import errors
from forebygg_desktop.core.exchange.format import MAX_ROWS, record_types, sqlite_type
from forebygg_desktop.core.store import Store

DEVICE = "0b0b0b0b-0000-4000-8000-00000000000a"
PEAK_LIMIT_MB = 512


def dense_package(path: Path, rows: int, declared: int | None = None) -> Path:
    """A version-1 data package of `rows` nearly identical advice talks."""
    connection = sqlite3.connect(":memory:")
    for name, record_type in record_types().items():
        columns = [c for c in record_type.columns if c.name != "clock"]
        connection.execute(f'CREATE TABLE "{name}" ('
                           + ", ".join(f'"{c.name}" {sqlite_type(c)}' for c in columns)
                           + ", PRIMARY KEY(id))")
    talk = {"device_id": DEVICE, "version": 1, "deleted": 0, "first_talk_on": "2026-03-02",
            "talks": 1, "who_came": "mother", "language_code": "sv", "outcome": "ongoing",
            "created_at": "2026-03-02 10:00:00.000000",
            "updated_at": "2026-03-02 10:00:00.000000"}
    names = [*talk, "id"]
    connection.executemany(
        f"INSERT INTO advice_talk ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        ((*talk.values(), f"00000000-0000-4000-8000-{i:012d}") for i in range(rows)))
    connection.commit()
    data = connection.serialize()
    counts = {name: 0 for name in record_types()} | {"advice_talk": declared or rows}
    manifest = {
        "format": "forebygg-exchange", "format_version": 1, "kind": "data",
        "department": "norrtalje-socialforvaltningen", "device_id": DEVICE,
        "device_name": "unknown", "sequence": 1, "full": True, "since_local_seq": 0,
        "upto_local_seq": 1, "period": None, "created_at": "2026-03-02T10:00:00+00:00",
        "program_version": "0.1.0", "counts": counts, "signature": None, "encryption": None,
        "members": {"data.sqlite": {"sha256": hashlib.sha256(data).hexdigest(),
                                    "size": len(data)}}}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("data.sqlite", data)
    return path


def test_a_one_megabyte_package_is_imported_within_bounded_memory(tmp_path: Path) -> None:
    package = dense_package(tmp_path / "dense.forebygg", 90_000)
    assert 0.8e6 < package.stat().st_size < 1.3e6
    script = textwrap.dedent(f"""
        from pathlib import Path
        from forebygg_desktop.core import settings
        from forebygg_desktop.core.startup import open_store
        store = open_store(Path({str(tmp_path / "central")!r}) / "forebygg.sqlite3")
        store.settings.set(settings.ROLE, "central")
        [report] = store.exchange.import_files([Path({str(package)!r})])
        print(report.ok, report.total("new"))
        store.close()
        status = Path("/proc/self/status").read_text().splitlines()
        [peak] = [line.split()[1] for line in status if line.startswith("VmHWM:")]
        print(int(peak) / 1024)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, timeout=600)
    ok, new, peak = done.stdout.split()
    peak_mb = float(peak)
    assert [ok, new] == ["True", "90000"]  # an honest but big file still imports
    assert peak_mb < PEAK_LIMIT_MB, f"peak {peak_mb:.0f} MB"


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def test_more_rows_than_a_package_may_hold_are_refused_before_unpacking(
        central: Store, tmp_path: Path) -> None:
    package = dense_package(tmp_path / "many.forebygg", 10, declared=MAX_ROWS + 1)
    [report] = central.exchange.plan_import([package])
    assert isinstance(report.error, errors.SuspiciousPackageError)
    assert f"{MAX_ROWS + 1} rows" in report.error.message()
