"""The SQLite file: engine and pragmas, migrations, backups and integrity checks.

Durability: WAL journal with `synchronous=FULL`, so a commit the user saw succeed survives
a power cut. A database from a newer program version is refused before anything touches
it; a file that is not a SQLite database is refused, never overwritten.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Connection

from forebygg_desktop.core import fsretry
from forebygg_desktop.core.errors import (
    BackupError,
    BackupWarning,
    DamagedDatabaseError,
    DatabaseIsFolderError,
    ForeignDatabaseError,
    NewerDatabaseError,
    OutputDiskFullError,
    UserError,
)
from forebygg_desktop.core.files import (
    PART_SUFFIX,
    fsync_folder,
    is_disk_full,
    make_private,
    private_folder,
)
from forebygg_desktop.core.files import (
    reason as error_reason,
)
from forebygg_desktop.core.schema_version import SCHEMA_HEADS, SCHEMA_REVISIONS
from forebygg_desktop.core.sqlite_uri import sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BACKUP_PREFIX = "forebygg-"
BACKUP_SUFFIX = ".sqlite3"


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module's own transaction handling starts a transaction only before
    # INSERT/UPDATE/DELETE, so DDL (migrations) and the reads that precede a write ran
    # outside it: a crash during a migration left a half-made schema that could never be
    # opened again. The driver is put in autocommit mode and the dialect emits BEGIN itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _recorded_revisions(connection: Connection) -> frozenset[str] | None:
    """The revisions a file records (None when it has no version table yet)."""
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").first()
    if exists is None:
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
    return frozenset(str(row[0]) for row in rows)


# The mark on a pooled connection (its `info`) that makes its next transaction a write
# transaction (`BEGIN IMMEDIATE`).
WRITE_OPTION = "forebygg_write"


def make_engine(path: Path) -> Engine:
    """An engine whose every connection has the durability pragmas.

    `hide_parameters`: an error's text never carries the values being saved (a parent's
    free text could otherwise reach the log). Its dialect is `TransactionalSQLite`.
    """
    engine = create_engine(
        f"sqlite+{_DRIVER_NAME}:///{path}",
        connect_args={"check_same_thread": False},
        hide_parameters=True,
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


class TransactionalSQLite(SQLiteDialect_pysqlite):
    """SQLite through the sqlite3 module, with every statement inside SQLAlchemy's
    transaction: the driver is in autocommit mode (`_set_pragmas`) and BEGIN is ours.

    A write transaction (`UnitOfWork.write` marks its connection with `WRITE_OPTION`)
    starts with `BEGIN IMMEDIATE`: it takes the write lock at once and so waits up to
    `busy_timeout` for another writer. A deferred `BEGIN` that reads first and writes later
    fails at once with SQLITE_BUSY when another connection wrote meanwhile.

    A dialect method rather than a `begin` event: any engine event makes SQLAlchemy
    dispatch events around every statement and transaction of the program.
    """

    supports_statement_cache = True

    def do_begin(self, dbapi_connection: Any) -> None:
        write = dbapi_connection.info.get(WRITE_OPTION, False)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        finally:
            cursor.close()


_DRIVER_NAME = "forebygg"
registry.register(f"sqlite.{_DRIVER_NAME}", __name__, "TransactionalSQLite")


def check_header(path: Path) -> None:
    """Refuse a file that exists but is not a SQLite database (never overwrite it).

    Also refused, before anything opens the file: a folder where the file should be, and a
    file shorter than its header says (truncated: a copy that stopped half-way).
    """
    if path.is_dir():
        raise DatabaseIsFolderError(path=str(path))
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(100)
    if header[:len(SQLITE_HEADER)] != SQLITE_HEADER:
        raise DamagedDatabaseError(detail="not a SQLite database")
    if len(header) < 100 or _truncated(path, header):
        raise DamagedDatabaseError(detail="the file is truncated")


def _truncated(path: Path, header: bytes) -> bool:
    """The header's page count says the file should be longer than it is.

    Only trusted when the count is valid (bytes 92-95 match the change counter) and no WAL
    or hot journal is pending: SQLite finishes a half-way checkpoint from the WAL and rolls
    back a half-written change from the journal.
    """
    for suffix in ("-wal", "-journal"):  # a pending WAL or a hot rollback journal
        companion = path.with_name(path.name + suffix)
        if companion.exists() and companion.stat().st_size > 0:
            return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] != header[92:96] or pages == 0:
        return False
    return path.stat().st_size < pages * page_size


def _alembic_config(connection: Connection | None) -> Any:
    from alembic.config import Config  # imported late: Alembic costs ≈ 0.3 s at start

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


_SCRIPTS: list[Any] = []


def _script() -> Any:
    """The migration scripts, read once per process (parsing them cost ≈ 25 ms a time)."""
    from alembic.script import ScriptDirectory

    if not _SCRIPTS:
        _SCRIPTS.append(ScriptDirectory.from_config(_alembic_config(None)))
    return _SCRIPTS[0]


def current_revisions(connection: Connection) -> tuple[str, ...]:
    """The schema revisions recorded in the database (empty for a new file)."""
    from alembic.runtime.migration import MigrationContext

    return tuple(MigrationContext.configure(connection).get_current_heads())


def head_revisions(connection: Connection) -> tuple[str, ...]:
    """The newest schema revisions this program knows."""
    return tuple(_script().get_heads())


def refuse_newer(connection: Connection) -> None:
    """Raise `NewerDatabaseError` when the file holds a revision this program does not know."""
    _refuse_unknown(current_revisions(connection))


def refuse_newer_file(path: Path) -> None:
    """`refuse_newer` through a read-only connection, before any engine opens the file.

    The engine's first connection switches the file to WAL, which rewrites its header: a
    newer program's database (say, a restored backup) must be refused before that.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    # Without a WAL or a hot journal the main file is complete: `immutable` reads it without
    # creating -wal/-shm files beside it (a plain read-only open of a WAL database would).
    pending = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    options = "mode=ro" if pending else "mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(sqlite_uri(path, options), uri=True)
        try:
            tables = {str(row[0]) for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
            rows = (connection.execute("SELECT version_num FROM alembic_version").fetchall()
                    if "alembic_version" in tables else [])
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError):
            return  # unreadable read-only (a lock, a folder without rights): checked again
        raise DamagedDatabaseError(detail=error_reason(error)) from error
    if tables and not ({"alembic_version", "meta"} <= tables):
        # Tables, but not ours: another program's database. Never migrated into ours.
        raise ForeignDatabaseError(path=str(path))
    _refuse_unknown(tuple(str(row[0]) for row in rows))


def _refuse_unknown(revisions: tuple[str, ...]) -> None:
    if set(revisions) <= SCHEMA_REVISIONS:
        return  # known without reading the migration scripts (Alembic costs ≈ 0.3 s)
    from alembic.util import CommandError

    script = _script()
    for revision in revisions:
        try:
            known = script.get_revision(revision)
        except CommandError:
            known = None
        if known is None:
            raise NewerDatabaseError()


def migrate(engine: Engine, backup_dir: Path | None, target: str = "heads",
            warnings: list[UserError] | None = None) -> bool:
    """Bring the schema to `target`; returns True when anything was migrated.

    A backup copy is taken first when the file already holds data (the newest
    `KEEP_PRE_MIGRATION` are kept). When it cannot be made and `warnings` is given, a
    `BackupWarning` is added there and the migration goes on: it is one transaction.
    Migrations run on a connection with foreign keys off (batch table rebuilds would
    otherwise delete child rows) and the foreign keys are checked afterwards.
    """
    with engine.connect() as connection:
        if target == "heads" and _recorded_revisions(connection) == SCHEMA_HEADS:
            return False  # the common start: up to date, no need to import Alembic
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
        _backup_before_migrating(engine, backup_dir, warnings)
    with engine.connect() as connection:
        # Outside any transaction: SQLite ignores this pragma inside one.
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            # Every step in one transaction (Alembic sees it as external and adds none):
            # a crash or an error leaves the previous schema whole, never half-migrated.
            with connection.begin():
                command.upgrade(_alembic_config(connection), target)
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DamagedDatabaseError(
                        detail=f"foreign key check failed: {problems[:3]}")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
    return True


# How many upgrade backups are kept (docs/architecture.md, "Backups").
KEEP_PRE_MIGRATION = 3
def _backup_before_migrating(engine: Engine, backup_dir: Path,
                             warnings: list[UserError] | None) -> None:
    """The upgrade backup; a failure is a warning, never a reason not to start.

    The migration itself is one transaction: if it fails, the file is as it was.
    """
    try:
        backup_to_folder(engine, backup_dir, keep=KEEP_PRE_MIGRATION, reason="pre-migration")
    except (BackupError, OutputDiskFullError) as error:
        if warnings is None:
            raise
        warnings.append(BackupWarning(error))


def quick_check(path: Path) -> str:
    """`PRAGMA quick_check` of a file: "ok" or the first problem found."""
    return _check(path, "quick_check")


def integrity_check(path: Path) -> str:
    """`PRAGMA integrity_check` (slower, thorough): "ok" or the first problem found."""
    return _check(path, "integrity_check")


def _check(path: Path, pragma: str) -> str:
    connection = sqlite3.connect(sqlite_uri(path, "mode=ro"), uri=True)
    try:
        row = connection.execute(f"PRAGMA {pragma}").fetchone()
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    return str(row[0]) if row else "no answer"


def backup_file(source: Path, destination: Path) -> None:
    """Copy a live database with SQLite's backup API in one step, check it, then rename.

    The copy is written to a temporary name (0600) and renamed only after `quick_check`
    passed, so a half-written backup never looks like a good one. A failure (a full disk,
    a read-only folder) raises a `UserError` and leaves no partial file behind.
    """
    temporary = destination.with_name(destination.name + PART_SUFFIX)
    try:
        private_folder(destination.parent)
        temporary.unlink(missing_ok=True)
        src = sqlite3.connect(str(source))
        try:
            dst = sqlite3.connect(str(temporary))
            try:
                make_private(temporary)
                src.backup(dst, pages=-1)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            src.close()
        result = quick_check(temporary)
        if result != "ok":
            raise DamagedDatabaseError(detail=f"backup copy failed its check: {result}")
        fsretry.replace(temporary, destination)
        fsync_folder(destination.parent)
    except (OSError, sqlite3.Error) as error:
        _remove_quietly(temporary)
        if is_disk_full(error):
            raise OutputDiskFullError(folder=str(destination.parent)) from error
        raise BackupError(folder=str(destination.parent), detail=error_reason(error)) from error
    except BaseException:
        _remove_quietly(temporary)
        raise


def _remove_quietly(path: Path) -> None:
    for companion in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            companion.unlink(missing_ok=True)


def backup_to_folder(engine: Engine, folder: Path, keep: int | None = 10,
                     reason: str = "rolling") -> Path:
    """Write a timestamped backup into `folder` and keep only the newest `keep` of its kind."""
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
