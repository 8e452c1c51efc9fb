"""The one write path: a transaction per Store method, stamping every travelling row.

A single writer (a lock) serialises writes, as SQLite wants; reads run concurrently (WAL).
On a PostgreSQL server (`core/server.py`) several programs write to one store: every write
transaction first locks the store's change-counter row, so writers follow one another there
too, and each statement of the transaction sees what the one before it committed. Reads on
the server run in one snapshot (repeatable read), as a SQLite read transaction does.
Database errors a user can meet (full disk, a locked file, a server gone) become typed
`UserError`s.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Engine,
    Table,
    bindparam,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, RootTransaction
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from forebygg_desktop.core.db import WRITE_OPTION
from forebygg_desktop.core.driver import DriverStatement
from forebygg_desktop.core.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DiskFullError,
    NotFoundError,
    UserError,
    WritesRefusedError,
)
from forebygg_desktop.core.i18n import N_
from forebygg_desktop.core.models import Meta, Stamped, Synced, new_uuid, utc_now
from forebygg_desktop.core.store.history import MAX_ROWS, META, UNDOABLE, History, RowStep, Step

# The statements every write runs go straight to the driver (core/driver.py).
_BUMP_SEQ = DriverStatement(text(
    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq'"))
_READ_SEQ = DriverStatement(text("SELECT value FROM meta WHERE key = 'change_seq'"))
_BUMP_SEQ_RETURNING = DriverStatement(text(
    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'change_seq' "
    "RETURNING value"))
_HAS_RETURNING = sqlite3.sqlite_version_info >= (3, 35)
# The first statement of a write transaction on a server: wait for the writer before us.
_LOCK_WRITERS = DriverStatement(
    select(Meta.key).where(Meta.key == "change_seq").with_for_update())


@dataclass(frozen=True)
class Change:
    """What a Store method changed, so views can refresh exactly what shows it."""

    kind: str
    action: str
    ids: tuple[str, ...] = ()
    warnings: tuple[UserError, ...] = field(default=(), compare=False)

    @property
    def id(self) -> str:
        """The id of the (first) row written."""
        return self.ids[0]

    def affects(self, *kinds: str) -> bool:
        """The one refresh rule: does this change alter what a view of `kinds` shows?

        A change of one of the kinds does; so does a change that may touch everything
        (an import, a configuration package, a new catalogue, a language switch).
        """
        return self.kind in kinds or self.kind in BROAD_KINDS


# Changes after which any figure or list may be different.
BROAD_KINDS = frozenset({"imported_file", "catalog", "configuration", "language", "everything"})


class WriteTransaction:
    """One open write transaction: its connection, an ORM session on it when a write asks
    for one, and this write's change sequence number.

    Made from a connection (`UnitOfWork.write`), the session is only made on first use: a
    save of plain Core statements (`register_meeting`) never pays for one. Made from a
    session (the import's checks), the connection is the session's.
    """

    def __init__(self, session: Session | Connection, device_id: str) -> None:
        self._session: Session | None = None
        self._connection: Connection | None = None
        self._own_session = False
        if isinstance(session, Connection):
            self._connection = session
        else:
            self._session = session
        self.device_id = device_id
        self._seq: int | None = None
        # Rows written, for the undo history: (table, id) -> (ORM row or values, before).
        self._written: dict[tuple[str, str], tuple[Any, dict[str, Any] | None]] = {}
        self.undoable = True

    @property
    def session(self) -> Session:
        """An ORM session inside this transaction (joined to it: it never commits it)."""
        if self._session is None:
            assert self._connection is not None
            self._session = Session(bind=self._connection, expire_on_commit=False,
                                    join_transaction_mode="rollback_only")
            self._own_session = True
        return self._session

    @property
    def connection(self) -> Connection:
        """The transaction's connection, for Core statements on hot paths (no ORM cost)."""
        if self._connection is None:
            assert self._session is not None
            self._connection = self._session.connection()
        return self._connection

    def flush(self) -> None:
        """Write what the ORM session holds (nothing when no session was made)."""
        if self._session is not None:
            self._session.flush()

    def close(self) -> None:
        """Release the session this transaction made (the transaction itself is the caller's)."""
        if self._own_session and self._session is not None:
            self._session.close()
        self._session = None
        self._own_session = False

    @property
    def seq(self) -> int:
        """This database's change sequence for the transaction (allocated once, on demand)."""
        if self._seq is None:
            # Two plain statements instead of loading and flushing an ORM row: this runs
            # on every save, and the ORM round trip cost more than the fsync'd commit.
            if _HAS_RETURNING:
                value = _BUMP_SEQ_RETURNING.execute(self.connection, {}).scalar()
            elif _BUMP_SEQ.execute(self.connection, {}).rowcount:
                value = _READ_SEQ.execute(self.connection, {}).scalar()
            else:
                value = None
            if value is not None:
                self._seq = int(value)
            else:
                self.session.add(Meta(key="change_seq", value="1"))
                self._seq = 1
        return self._seq

    def add(self, row: Synced) -> None:
        """Insert a new travelling row, stamped as made here."""
        row.device_id = self.device_id
        row.version = 1
        row.clock = {self.device_id: 1}
        row.local_seq = self.seq
        row.deleted = False
        if isinstance(row, Stamped):
            row.created_at = row.updated_at = utc_now()
        self.session.add(row)
        self._note(row, None)

    def insert(self, model: type[Synced], values: dict[str, Any]) -> str:
        """Insert a new travelling row from plain values, stamped as made here; its id.

        The same stamping as `add`, without building and flushing an ORM object: for the
        hot save paths, where the ORM unit of work cost more than the commit itself.
        """
        row_id = values.get("id") or new_uuid()
        stamped = {**values, "id": row_id, "device_id": self.device_id, "version": 1,
                   "clock": {self.device_id: 1}, "local_seq": self.seq, "deleted": False}
        if issubclass(model, Stamped):
            stamped["created_at"] = stamped["updated_at"] = utc_now()
        _insert_statement(model.__table__).execute(  # type: ignore[attr-defined]
            self.connection, stamped, keys=stamped)
        self._note_values(model, stamped)
        return str(row_id)

    def touch(self, row: Synced) -> None:
        """Stamp an existing travelling row as changed here.

        The change counter and this device's entry in the version vector go up by one, and
        `updated_at` is a hybrid logical clock: now, but always after the version this edit
        was made on (a fast clock elsewhere cannot make a later correction look older).
        """
        previous = row.updated_at if isinstance(row, Stamped) else None
        for name, value in self._stamps(row.version, row.clock, previous,
                                        isinstance(row, Stamped)).items():
            setattr(row, name, value)
        self._note(row, _before(row))

    def update(self, model: type[Synced], row_id: str, values: dict[str, Any]) -> None:
        """`touch` for a row changed by plain values: one Core SELECT and UPDATE, no ORM.

        The same stamping and undo note as `touch`; for rows this transaction has not
        loaded through its session. A missing or deleted row raises `NotFoundError`.
        """
        table = model.__table__  # type: ignore[attr-defined]
        current = _select_row(table).execute(self.connection, {"id": row_id}).first()
        if current is None or current.deleted:
            raise NotFoundError()
        before = current._asdict()
        stamped = issubclass(model, Stamped)
        changed = {**values, **self._stamps(before["version"], before["clock"],
                                            before.get("updated_at"), stamped)}
        _update_row(table).execute(self.connection, {**changed, "row_id": row_id},
                                   keys=changed)
        after = {**before, **changed}
        if self._track(table.name):
            key = (table.name, row_id)
            earlier = self._written.get(key)
            self._written[key] = (after, earlier[1] if earlier else
                                  {k: _copy(v) for k, v in before.items() if k not in META})

    def _stamps(self, version: int | None, clock: dict[str, int] | None,
                updated_at: datetime | None, stamped: bool) -> dict[str, Any]:
        """The columns a change made here sets: device, change counter, version vector,
        change sequence and (a `Stamped` row) the hybrid logical clock `updated_at`."""
        mine = dict(clock or {})
        mine[self.device_id] = int(mine.get(self.device_id, 0)) + 1
        out: dict[str, Any] = {"device_id": self.device_id, "version": (version or 0) + 1,
                               "clock": dict(sorted(mine.items())), "local_seq": self.seq}
        if stamped:
            now = utc_now()
            out["updated_at"] = now if updated_at is None or now > updated_at \
                else updated_at + timedelta(microseconds=1)
        return out

    # --- the undo history ----------------------------------------------------------------
    def _track(self, table: str) -> bool:
        if not self.undoable:
            return False
        if table not in UNDOABLE or len(self._written) >= MAX_ROWS:
            self.undoable = False  # not a step: the catalogue, an answer, the demo year
            self._written.clear()
        return self.undoable

    def _note(self, row: Synced, before: dict[str, Any] | None) -> None:
        table = row.__tablename__  # type: ignore[attr-defined]
        if not self._track(table):
            return
        key = (table, row.id) if row.id else (table, f"new:{id(row)}")
        if key not in self._written:
            self._written[key] = (row, before)

    def _note_values(self, model: type[Synced], values: dict[str, Any]) -> None:
        table = model.__tablename__  # type: ignore[attr-defined]
        if self._track(table):
            self._written[(table, str(values["id"]))] = (dict(values), None)

    def step(self) -> Step | None:
        """What this transaction changed, as one undoable step (None: not undoable)."""
        if not self.undoable or not self._written:
            return None
        self.flush()
        rows: list[RowStep] = []
        seen: set[tuple[str, str]] = set()
        for (table, _key), (source, before) in self._written.items():
            if isinstance(source, dict):
                after = {k: v for k, v in source.items() if k not in META}
                version, row_id = int(source["version"]), str(source["id"])
            else:
                after = _content(source)
                version, row_id = source.version, source.id
            if (table, row_id) in seen:
                continue
            seen.add((table, row_id))
            rows.append(RowStep(table, row_id, before, after, version,
                                after.get("series_id")))
        return Step(tuple(rows))

    def get_live[T: Synced](self, model: type[T], row_id: str) -> T:
        """A row that exists and is not deleted, else `NotFoundError`."""
        row = self.session.get(model, row_id)
        if row is None or row.deleted:
            raise NotFoundError()
        return row


class UnitOfWork:
    """Opens read sessions and serialised write transactions over one engine."""

    def __init__(self, engine: Engine, device_id: str) -> None:
        self.engine = engine
        self.device_id = device_id
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_lock = threading.RLock()
        self.shared = engine.dialect.name != "sqlite"  # a server other programs write to
        self._read_engine = engine.execution_options(
            isolation_level="REPEATABLE READ", postgresql_readonly=True) \
            if self.shared else engine
        self._reads = sessionmaker(self._read_engine, expire_on_commit=False)
        self.history = History()
        self._connection: Connection | None = None  # the write connection (`_begin`)
        # Set when the integrity check failed: every write is refused with this error.
        self.refused: UserError | None = None

    def refuse_writes(self, error: UserError) -> None:
        """From now on every write raises `error` and changes nothing (a damaged file)."""
        self.refused = error

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session (one snapshot).

        A server lost or a database busy during the read is said in words (`UserError`),
        as for a write; any other error is raised as it is."""
        with _reading(), self._reads() as session:
            yield session

    @contextmanager
    def read_statements(self) -> Iterator[Connection]:
        """`read` for plain statements, without an ORM session (a few look-ups made for
        every file of an import): one snapshot on a connection of its own."""
        with _reading(), self._read_engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def write(self) -> Iterator[WriteTransaction]:
        """One transaction: commits on success (fsync'd), rolls back on any error."""
        if self.refused is not None:
            raise self.refused
        with self._write_lock:
            try:
                try:
                    connection, transaction = self._begin()
                    # One connection, one transaction; the ORM session, when a write needs
                    # one, joins it (`WriteTransaction.session`), flushed before the commit.
                    with transaction:
                        tx = WriteTransaction(connection, self.device_id)
                        try:
                            yield tx
                            step = None if self.history.replaying else tx.step()
                            tx.flush()
                        finally:
                            tx.close()
                except BaseException:
                    self.release()  # the next write starts on a connection known to be sound
                    raise
            except OperationalError as error:
                raise _user_error(error) from error
            except SQLAlchemyDatabaseError as error:
                if _is_damage(error):
                    self.refuse_writes(WritesRefusedError())
                    raise DamagedDatabaseError(detail=str(error.orig)[:120]) from error
                raise
            if step is not None:
                self.history.record(step)

    def _begin(self) -> tuple[Connection, RootTransaction]:
        """The write connection in a new transaction (on a server, holding the writers' lock).

        The connection is kept from one write to the next: taking one from the pool and
        giving it back cost a fifth of a save (benchmarks/bench_save_latency.py). A server
        connection found lost at its first statement (the server restarted since the last
        write) is replaced once, as the pool's pre-ping would have done at checkout: nothing
        was written on it.
        """
        try:
            return self._begin_on_kept()
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            self.release()
        return self._begin_on_kept()

    def _begin_on_kept(self) -> tuple[Connection, RootTransaction]:
        connection = self._connection
        if connection is None:
            connection = self._connection = self.engine.connect()
            # On SQLite its transactions begin as writes (db.TransactionalSQLite).
            connection.connection.info[WRITE_OPTION] = True
        transaction = connection.begin()
        if self.shared:
            _LOCK_WRITERS.execute(connection, {})
        return connection, transaction

    def release(self) -> None:
        """Give the kept write connection back to the pool (after a failed write, and before
        the engine is disposed: a connection still out would keep the file open). A write
        under way on another thread is let finish first."""
        with self._write_lock:
            connection, self._connection = self._connection, None
            if connection is None:
                return
            try:
                if not connection.invalidated:
                    connection.connection.info.pop(WRITE_OPTION, None)
            finally:
                connection.close()


def _content(row: Synced) -> dict[str, Any]:
    """What a row holds (not who changed it last, nor when)."""
    columns = row.__table__.columns  # type: ignore[attr-defined]
    return {c.key: _copy(getattr(row, c.key)) for c in columns if c.key not in META}


def _before(row: Synced) -> dict[str, Any]:
    """A touched row's content before this transaction changed it (attribute history)."""
    state = inspect(row)
    if state.pending or state.transient:
        return {}
    out = {}
    for column in row.__table__.columns:  # type: ignore[attr-defined]
        if column.key in META:
            continue
        history = state.attrs[column.key].history
        value = history.deleted[0] if history.deleted else getattr(row, column.key)
        out[column.key] = _copy(value)
    return out


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) \
        if isinstance(value, dict) else value


# Built once per table (composing a statement per write costs more than running it).
@cache
def _update_row(table: Table) -> DriverStatement:
    """A Core UPDATE of a table's row by id (bound as `row_id`)."""
    return DriverStatement(table.update().where(table.c.id == bindparam("row_id")))


@cache
def _select_row(table: Table) -> DriverStatement:
    """A Core SELECT of a table's whole row by id."""
    return DriverStatement(select(table).where(table.c.id == bindparam("id")))


@cache
def _insert_statement(table: Table) -> DriverStatement:
    """A Core INSERT into a table."""
    return DriverStatement(insert(table))


def _is_damage(error: SQLAlchemyDatabaseError) -> bool:
    text = str(error.orig).lower()
    return "malformed" in text or "not a database" in text


@contextmanager
def _reading() -> Iterator[None]:
    """A read whose failure is said in words where there are any (`_read_error`)."""
    try:
        yield
    except OperationalError as error:
        said = _read_error(error)
        if said is None:
            raise
        raise said from error


def _read_error(error: OperationalError) -> UserError | None:
    """What a user is told when a read fails (None: nothing more useful than the error)."""
    if _lost(error):
        return DatabaseError(N_("The connection to the database server was lost. Check the "
                                "network and try again."))
    if _busy(error):
        return _busy_error()
    return None


def _lost(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return bool(error.connection_invalidated) or "connection" in text \
        or "server closed" in text


def _busy(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "locked" in text or "busy" in text


def _busy_error() -> UserError:  # one message, said by reads and writes
    return DatabaseError(N_("The database is busy. Wait a moment and try again."))


def _user_error(error: OperationalError) -> UserError:
    text = str(error.orig).lower()
    if _lost(error):
        return DatabaseError(N_("The connection to the database server was lost, so nothing "
                                "was saved. Check the network and try again."))
    if "full" in text:
        return DiskFullError()
    if _busy(error):
        return _busy_error()
    if "readonly" in text or "read-only" in text:
        return DatabaseError(N_("The database cannot be written to. Check the data folder."))
    return DatabaseError(N_("The database could not save this ({detail})."), detail=text[:120])


def read_meta(session: Session, key: str) -> str | None:
    """A value from the installation's meta table (a Core read: no mapper needed)."""
    meta = Meta.__table__
    value: str | None = session.scalar(select(meta.c.value).where(meta.c.key == key))
    return value
