"""The SQLite file: engine and pragmas, migrations, backups and integrity checks.

Durability: WAL journal with `synchronous=FULL`, so a commit the user saw succeed survives
a power cut. A database from a newer program version is refused before anything touches
it; a file that is not a SQLite database is refused, never overwritten.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import Connection

from forebygg_desktop.core.errors import DamagedDatabaseError, NewerDatabaseError

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUP_PREFIX = "forebygg-"
BACKUP_SUFFIX = ".sqlite3"


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """An engine whose every connection has the durability pragmas."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


def check_header(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database (never overwrite it)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DamagedDatabaseError(detail="not a SQLite database")


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config  # imported late: Alembic costs ≈ 0.3 s at start

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _script(connection: Connection) -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config(connection))


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The schema revisions recorded in the database (empty for a new file)."""
    from alembic.runtime.migration import MigrationContext

    return tuple(MigrationContext.configure(connection).get_current_heads())


def head_revisions(connection: Connection) -> tuple[str, ...]:
    """The newest schema revisions this program knows."""
    return tuple(_script(connection).get_heads())


def refuse_newer(connection: Connection) -> None:
    """Raise `NewerDatabaseError` when the file holds a revision this program does not know."""
    from alembic.util import CommandError

    script = _script(connection)
    for revision in current_revisions(connection):
        try:
            known = script.get_revision(revision)
        except CommandError:
            known = None
        if known is None:
            raise NewerDatabaseError()


def migrate(engine: Engine, backup_dir: Path | None, target: str = "heads") -> bool:
    """Bring the schema to `target`; returns True when anything was migrated.

    A backup copy is taken first when the file already holds data. Migrations run on a
    connection with foreign keys off (batch table rebuilds would otherwise delete child
    rows) and the foreign keys are checked afterwards.
    """
    from alembic import command

    with engine.connect() as connection:
        refuse_newer(connection)
        current = set(current_revisions(connection))
        heads = set(head_revisions(connection))
        if target == "heads" and current == heads:
            return False
        has_tables = bool(connection.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar())
    if has_tables and backup_dir is not None:
        backup_to_folder(engine, backup_dir, keep=None, reason="pre-migration")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        command.upgrade(_alembic_config(connection), target)
        connection.commit()
        problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        if problems:
            raise DamagedDatabaseError(detail=f"foreign key check failed: {problems[:3]}")
    return True


def quick_check(path: Path) -> str:
    """`PRAGMA quick_check` of a file: "ok" or the first problem found."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    return str(row[0]) if row else "no answer"


def integrity_check(path: Path) -> str:
    """`PRAGMA integrity_check` (slower, thorough): "ok" or the first problem found."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("PRAGMA integrity_check").fetchone()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    return str(row[0]) if row else "no answer"


def backup_file(source: Path, destination: Path) -> None:
    """Copy a live database with SQLite's backup API in one step, check it, then rename.

    The copy is written to a temporary name and renamed only after `quick_check` passed,
    so a half-written backup never looks like a good one.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(destination.name + ".part")
    temporary.unlink(missing_ok=True)
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(temporary))
    try:
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
    finally:
        dst.close()
        src.close()
    result = quick_check(temporary)
    if result != "ok":
        temporary.unlink(missing_ok=True)
        raise DamagedDatabaseError(detail=f"backup copy failed its check: {result}")
    temporary.replace(destination)


def backup_to_folder(engine: Engine, folder: Path, keep: int | None = 10,
                     reason: str = "rolling") -> Path:
    """Write a timestamped backup into `folder` and keep only the newest `keep` rolling ones."""
    database = engine.url.database
    if database is None:
        raise ValueError("in-memory databases have no backups")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    destination = folder / f"{BACKUP_PREFIX}{reason}-{stamp}{BACKUP_SUFFIX}"
    backup_file(Path(database), destination)
    if keep is not None:
        prune_backups(folder, keep, reason)
    return destination


def list_backups(folder: Path, reason: str = "rolling") -> list[Path]:
    """Backups of one kind in `folder`, oldest first."""
    return sorted(folder.glob(f"{BACKUP_PREFIX}{reason}-*{BACKUP_SUFFIX}"))


def prune_backups(folder: Path, keep: int, reason: str = "rolling") -> None:
    """Delete all but the newest `keep` backups of one kind."""
    for old in list_backups(folder, reason)[:-keep] if keep > 0 else list_backups(folder, reason):
        old.unlink(missing_ok=True)
