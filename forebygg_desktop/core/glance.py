"""A glance at the database before the Store (and SQLAlchemy) is loaded.

The first window shows the start page's "this quarter" figures at once, read here with the
standard library's `sqlite3`, read-only, while SQLAlchemy (≈ 0.4 s to import) loads. The
figures come from the same SQL as `store.overview` (`core/overview.py`).

A glance is only an early look: whenever it is unsure (no file, not a database, a schema
other than this program's heads, an installation never opened, the catalogue never
loaded, any SQLite error) `take_glance` gives None and the program waits for the Store,
which decides what to do about the file. It never writes and never creates a file.

Imports: standard library and light core modules only — never SQLAlchemy, Alembic,
Babel, filelock or Qt (tests/core/test_glance.py checks this in a fresh interpreter).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from forebygg_desktop.core import settings
from forebygg_desktop.core.i18n import localized
from forebygg_desktop.core.overview import QuarterOverview, quarter_overview
from forebygg_desktop.core.paths import SERVER_FILE
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.schema_version import SCHEMA_HEADS
from forebygg_desktop.core.sqlite_uri import sqlite_uri

log = logging.getLogger(__name__)

# The tables of registered records: `models.TRAVELLING` except staff. Any row in them,
# deleted or not, means something was registered (the rule of `Store.is_empty`).
RECORD_TABLES = ("group_series", "meeting", "open_meeting", "advice_talk", "digital_use",
                 "evaluation_response", "research_count")
# A Store busy with the file (a checkpoint at its close) is waited for this long at most.
BUSY_TIMEOUT_SECONDS = 0.5


@dataclass(frozen=True)
class Glance:
    """What the first window needs, read before the Store (and SQLAlchemy) is loaded."""

    language: str
    setup_done: bool
    has_records: bool
    overview: QuarterOverview
    program_names: Mapping[str, Mapping[str, str]]
    locality_names: Mapping[str, str]
    window_places: Mapping[str, list[int]] = field(default_factory=dict)

    def program_name(self, code: str | None, language: str | None = None) -> str:
        """A program's name in `language` (default: the interface language), else its code."""
        if code is None:
            return ""
        names = self.program_names.get(code)
        return (localized(names, language) or code) if names else code

    def locality_name(self, code: str | None) -> str:
        """A locality's name, else its code."""
        if code is None:
            return ""
        return self.locality_names.get(code, code)


def take_glance(db_path: Path, today: date | None = None) -> Glance | None:
    """The first window's figures from `db_path`, or None when the Store must decide.

    `today` picks the quarter (default: the system date), as `store.overview.quarter()`.
    Never raises for a bad or missing file; the reason for a None is logged at debug level.
    """
    today = today or date.today()
    try:
        if (db_path.parent / SERVER_FILE).exists():
            log.debug("no glance: the store is on a database server")
            return None
        if not db_path.is_file():
            log.debug("no glance: %s does not exist", db_path)
            return None
        connection = _connect_read_only(db_path)
    except (OSError, sqlite3.Error) as error:
        log.debug("no glance: %s cannot be opened read-only: %s", db_path, error)
        return None
    try:
        return _read(connection, today)
    except (sqlite3.Error, ValueError, TypeError) as error:
        log.debug("no glance: %s could not be read: %s", db_path, error)
        return None
    finally:
        connection.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves every file in the folder as it was.

    The database runs in WAL mode. A plain read-only open of a WAL database creates
    `-wal` and `-shm` files beside it (and leaves them behind). Without a `-wal` file no
    connection has the file open and the main file is complete, so it is read with
    `immutable=1`, which creates nothing and takes no locks. With a `-wal` file (a Store
    has it open, or crashed) the reader takes part in SQLite's WAL locking, as it must:
    it sees the last committed transaction, never a Store's unfinished one.
    (The same choice as `db.refuse_newer_file`.) An immutable reader trusts the main file
    not to change: take the glance before this process opens its Store, not alongside.
    """
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    connection = sqlite3.connect(sqlite_uri(path, options), uri=True,
                                 timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        connection.execute("PRAGMA query_only=1")
        # One read transaction: every figure comes from the same snapshot.
        connection.execute("BEGIN")
    except BaseException:
        connection.close()
        raise
    return connection


def _read(connection: sqlite3.Connection, today: date) -> Glance | None:
    revisions = frozenset(str(row[0]) for row in
                          connection.execute("SELECT version_num FROM alembic_version"))
    if revisions != SCHEMA_HEADS:
        log.debug("no glance: schema revisions %s, this program has %s",
                  sorted(revisions), sorted(SCHEMA_HEADS))
        return None
    if _meta(connection, "device_id") is None:
        log.debug("no glance: the installation has no device id yet")
        return None
    # As `CatalogService.version()`: 0 until a catalogue package was applied.
    if int(_meta(connection, "catalog_version") or 0) == 0:
        log.debug("no glance: the catalogue was never loaded")
        return None
    stored = _settings(connection, (settings.LANGUAGE.key, settings.SETUP_DONE.key,
                                    settings.WINDOW_PLACES.key))
    return Glance(
        language=settings.LANGUAGE.coerce(stored.get(settings.LANGUAGE.key)),
        setup_done=settings.SETUP_DONE.coerce(stored.get(settings.SETUP_DONE.key)),
        has_records=any(connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone()
                        for table in RECORD_TABLES),
        overview=quarter_overview(connection, Period.quarter_of(today), today),
        program_names={code: _names(names) for code, names in
                       connection.execute("SELECT code, names FROM program")},
        locality_names={code: name for code, name in
                        connection.execute("SELECT code, name FROM locality")},
        window_places=settings.WINDOW_PLACES.coerce(stored.get(settings.WINDOW_PLACES.key)),
    )


def _meta(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def _settings(connection: sqlite3.Connection, keys: tuple[str, ...]) -> dict[str, Any]:
    """Stored values of some settings, decoded as the `Setting` model's JSON column is."""
    marks = ", ".join("?" * len(keys))
    rows = connection.execute(f"SELECT key, value FROM setting WHERE key IN ({marks})", keys)
    return {key: _json(value) for key, value in rows}


def _json(value: object) -> Any:
    """A JSON column's value, read as SQLAlchemy's SQLite JSON type reads it.

    The declared type JSON gives the column NUMERIC affinity, so SQLite stores the text
    "7" as the number 7: a number is the value itself, anything else is JSON text.
    """
    if value is None or isinstance(value, int | float):
        return value
    if not isinstance(value, str | bytes):
        raise TypeError(f"not JSON: {type(value).__name__}")
    return json.loads(value)


def _names(value: object) -> dict[str, str]:
    """A JSON column of names by language code."""
    names = _json(value)
    if not isinstance(names, dict):
        raise TypeError(f"names are not a mapping: {type(names).__name__}")
    return cast(dict[str, str], names)
