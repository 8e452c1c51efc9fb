"""Test-only: a central store of 50 laptops × 10 years (about 330,000 rows, 30,000 series).

One laptop's decade comes from the demo generator (`core/demo.py`); the other 49 are copies
made in plain SQL with their own device id and their own row ids (the first eight hex digits
of each UUID replaced by the laptop's number, in every id and every reference to one), as
if 50 laptops had exported to one central store. Built once and kept in the temporary
folder (keyed by the code that shapes it and today's date, since the demo ends today);
each test session works on its own copy.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import text

from forebygg_desktop.core import demo, models, settings
from forebygg_desktop.core.startup import open_store

LAPTOPS = 50
YEARS = 10
# Every travelling table the demo fills, and its references to other travelling rows.
TABLES = {"group_series": (), "meeting": ("series_id",), "open_meeting": (),
          "advice_talk": (), "digital_use": ()}
ROOT = Path(__file__).resolve().parents[3]


def _key() -> str:
    digest = hashlib.sha256(f"{LAPTOPS}/{YEARS}/{date.today()}".encode())
    for module in (demo, models, Path(__file__)):
        path = Path(module if isinstance(module, Path) else str(module.__file__))
        digest.update(path.read_bytes())
    for migration in sorted((ROOT / "forebygg_desktop/core/migrations/versions").glob("*.py")):
        digest.update(migration.name.encode())
    return digest.hexdigest()[:16]


def _clone_sql(table: str, references: tuple[str, ...], columns: list[str]) -> str:
    shown = []
    for name in columns:
        if name == "id" or name in references:
            shown.append(f"printf('%08x', :laptop) || substr({name}, 9)")
        elif name == "device_id":
            shown.append(":device")
        elif name == "clock":
            shown.append("json_object(:device, version)")
        else:
            shown.append(name)
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {', '.join(shown)} FROM {table} WHERE device_id = :original")


def build(path: Path) -> None:
    store = open_store(path)
    try:
        demo.generate_demo(store, years=YEARS, scale=1.0)
        store.settings.set(settings.ROLE, "central")
        original = store.device_id
        with store.engine.begin() as connection:
            for table, references in TABLES.items():
                columns = [c.name for c in models.Base.metadata.tables[table].columns]
                statement = text(_clone_sql(table, references, columns))
                for laptop in range(1, LAPTOPS):
                    connection.execute(statement, {"laptop": laptop, "original": original,
                                                   "device": str(uuid.uuid4())})
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.exec_driver_sql("ANALYZE")
    finally:
        store.close()


def big_store_file() -> Path:
    """The cached large store (built now when missing; about half a minute)."""
    folder = Path(tempfile.gettempdir()) / "forebygg-big-store"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"central-{_key()}" / "forebygg.sqlite3"
    if path.exists():
        return path
    work = folder / f"building-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    build(work / "forebygg.sqlite3")
    for old in folder.glob("central-*"):
        shutil.rmtree(old, ignore_errors=True)
    work.rename(path.parent)
    return path


def copy_of_big_store(target: Path) -> Path:
    """A private copy of the large store's folder (its database, device key) under `target`."""
    source = big_store_file().parent
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target / "forebygg.sqlite3"
