"""The central department at scale: 50 laptops × 10 years, on SQLite and on PostgreSQL.

One laptop's decade (the demo generator, 10 years) is exported once; 49 more laptops are
made from it with their own device ids and row keys, so the central store receives 50
full packages (≈ 220,000 rows), each signed by its laptop and sealed to
the department (the laptops enrolled first, as a department does). Measured, each database in turn:

- importing the 50 packages (seconds, and rows per second);
- the decade report (2017–2026, every sheet including the per-meeting Data sheet) in a
  fresh process: seconds, CPU seconds and peak memory (the process's peak RSS less its
  RSS before the report, and the peak itself). The peak is the child's own high-water mark
  (`VmHWM`): a child started by `subprocess` takes the parent's peak as its `ru_maxrss`.

Goals (issue 21): the decade report < 5 s and < 200 MB peak on both databases. The report
is also shown as a ratio against a same-run baseline: a plain `csv` dump of the same Data
rows read with plain SQL — the least any report of that data can cost. PostgreSQL runs
when FOREBYGG_BENCH_PG_URL (or FOREBYGG_TEST_PG_URL) is set.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from forebygg_desktop.core import settings
from forebygg_desktop.core.demo import generate_demo
from forebygg_desktop.core.device_keys import department_key, device_key, raw_public
from forebygg_desktop.core.exchange.format import CLOCK_COLUMN, record_types
from forebygg_desktop.core.exchange.seal import Signer
from forebygg_desktop.core.exchange.writer import build_data_package
from forebygg_desktop.core.startup import open_store

LAPTOPS = 50
YEARS = 10
# The last whole year: a package's rows dated after today are refused by the import's checks.
END = date(date.today().year - 1, 12, 31)
DECADE = f"{END.year - YEARS + 1}-01-01..{END.isoformat()}"
REPORT_GOAL_SECONDS = 5.0
REPORT_GOAL_MB = 200.0


def laptop_rows(folder: Path) -> dict[str, list[tuple[Any, ...]]]:
    """One laptop's decade as wire rows (what a full export of it carries)."""
    from forebygg_desktop.core.exchange.writer import collect_rows
    from forebygg_desktop.core.store.unit import read_meta

    laptop = open_store(folder / "laptop" / "forebygg.sqlite3")
    generate_demo(laptop, years=YEARS, end=END)
    with laptop.uow.read() as session:
        upto = int(read_meta(session, "change_seq") or 0)
        rows = collect_rows(session.connection(), None, upto)
    laptop.close()
    return rows


def packages(folder: Path, rows: dict[str, list[tuple[Any, ...]]],
             central_dir: Path) -> tuple[list[Path], list[Signer]]:
    """50 laptops' full packages: the same decade under new device ids and row keys, each
    signed by its laptop's key and sealed to the department's (`central_dir`), and the
    laptops' signing keys for enrolment."""
    types = record_types()
    recipient = raw_public(department_key(central_dir).public_key())
    out, signers = [], []
    for number in range(LAPTOPS):
        device = str(uuid.UUID(int=number + 1))
        signer = device_key(folder / "keys" / device)
        signers.append(Signer(device, f"laptop-{number:02d}", signer.public_raw))
        keys: dict[str, str] = {}

        def key(old: str, n: int = number, keys: dict[str, str] = keys) -> str:
            if old not in keys:
                keys[old] = str(uuid.uuid5(uuid.NAMESPACE_OID, f"{n}:{old}"))
            return keys[old]

        def clock(value: str, old: str, new: str = device) -> str:
            """The version vector with the laptop's own entry under its new id."""
            return json.dumps({new if k == old else k: v for k, v in json.loads(value).items()})

        renamed: dict[str, list[tuple[Any, ...]]] = {}
        for name, record_type in types.items():
            id_columns = {i for i, c in enumerate(record_type.columns)
                          if c.name in ("id", "series_id")}
            device_column = record_type.index("device_id")
            clock_column = record_type.index(CLOCK_COLUMN)
            renamed[name] = [
                tuple(device if i == device_column
                      else clock(v, row[device_column]) if i == clock_column
                      else key(v) if i in id_columns and v is not None else v
                      for i, v in enumerate(row))
                for row in rows[name] if name != "staff"]
        package = build_data_package(
            renamed, department=settings.DEPARTMENT.default, device_id=device,
            device_name=f"laptop-{number:02d}", sequence=1, full=True, since=0, upto=1,
            signer=signer, recipient=recipient)
        path = folder / f"laptop-{number:02d}.forebygg"
        path.write_bytes(package.content)
        out.append(path)
    return out, signers


def report_in_child(database: str, out: Path) -> dict[str, float]:
    """The decade report in a fresh process (its own peak memory); figures as a dict."""
    code = f"""
import json, sys, time
from pathlib import Path
def peak_mb():
    status = Path("/proc/self/status").read_text().splitlines()
    return [int(line.split()[1]) for line in status if line.startswith("VmHWM:")][0] / 1024
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.server import ServerSetting
from forebygg_desktop.core.startup import open_server_store, open_store
database = {database!r}
store = (open_server_store(ServerSetting(url=database)) if database.startswith("postgresql")
         else open_store(Path(database)))
write_report(store, ReportOptions(Period.parse("2026Q1")), Path({str(out)!r}),
             force=True)  # warm
before = peak_mb()
wall, cpu = time.perf_counter(), time.process_time()
write_report(store, ReportOptions(Period.parse({DECADE!r})), Path({str(out)!r}), force=True)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = peak_mb()
store.close()
print(json.dumps({{"seconds": wall, "cpu": cpu, "peak_mb": peak, "before_mb": before}}))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def plain_dump(store: Any, out: Path) -> float:
    """The baseline: the decade's Data rows with plain SQL, written as CSV."""
    from sqlalchemy import text

    began = time.perf_counter()
    with store.engine.connect() as connection, out.open("w", newline="") as handle:
        writer = csv.writer(handle)
        result = connection.execute(text(
            "SELECT m.held_on, g.program_code, g.locality_code, g.language_code, m.series_id,"
            " m.number, m.kind, m.minutes, m.women, m.men, m.other_gender, m.other_adults,"
            " m.children, m.interpreter FROM meeting m JOIN group_series g"
            " ON g.id = m.series_id WHERE m.deleted = FALSE AND g.deleted = FALSE"
            " AND m.held_on BETWEEN :s AND :e ORDER BY m.held_on"),
            {"s": "2017-01-01", "e": "2026-12-31"})
        for batch in result.partitions(5000):
            writer.writerows(batch)
    return time.perf_counter() - began


def measure(label: str, store: Any, database: str, paths: list[Path], signers: list[Signer],
            root: Path) -> None:
    store.settings.set(settings.ROLE, "central")
    for signer in signers:  # the laptops' keys, accepted by the department
        store.exchange.enrol(signer)
    began = time.perf_counter()
    reports = store.exchange.import_files(paths)
    imported = time.perf_counter() - began
    assert all(r.committed for r in reports), [r.error for r in reports if r.error]
    rows = sum(r.total("new") for r in reports)
    base = plain_dump(store, root / f"{label}.csv")
    store.close()
    figures = report_in_child(database, root / f"{label}.xlsx")
    grew = figures["peak_mb"] - figures["before_mb"]
    print(f"{label}: import {len(paths)} packages / {rows:,} rows: {imported:.1f} s "
          f"({rows / imported:,.0f} rows/s)")
    print(f"{label}: decade report {figures['seconds']:.1f} s (CPU {figures['cpu']:.1f} s; "
          f"goal < {REPORT_GOAL_SECONDS:.0f} s), peak RSS {figures['peak_mb']:.0f} MB "
          f"(+{grew:.0f} MB during the report; goal < {REPORT_GOAL_MB:.0f} MB); "
          f"plain SQL-to-CSV of the Data rows {base:.1f} s, ratio "
          f"{figures['seconds'] / base:.1f}x")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        began = time.perf_counter()
        central_dir = root / "central"
        paths, signers = packages(root, laptop_rows(root), central_dir)
        print(f"{LAPTOPS} packages of a {YEARS}-year laptop made in "
              f"{time.perf_counter() - began:.1f} s")
        sqlite_path = central_dir / "forebygg.sqlite3"
        measure("SQLite", open_store(sqlite_path), str(sqlite_path), paths, signers, root)
        url = os.environ.get("FOREBYGG_BENCH_PG_URL") or os.environ.get("FOREBYGG_TEST_PG_URL")
        if not url:
            print("PostgreSQL: not measured (set FOREBYGG_BENCH_PG_URL or FOREBYGG_TEST_PG_URL)")
            return
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_import import PgDatabases

        from forebygg_desktop.core.server import ServerSetting
        from forebygg_desktop.core.startup import open_server_store

        databases = PgDatabases(url)
        try:
            database = databases.new("scale")
            measure("PostgreSQL", open_server_store(ServerSetting(url=database), central_dir),
                    database, paths, signers, root)
        finally:
            databases.drop()


if __name__ == "__main__":
    main()
