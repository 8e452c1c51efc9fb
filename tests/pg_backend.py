"""Stores on SQLite and, when a PostgreSQL server is given, on the server too.

Helpers of the fixtures in tests/conftest.py. `--pg-url URL` or `FOREBYGG_TEST_PG_URL` (a
URL of a server database from which the tests may create databases, e.g.
`postgresql://postgres@127.0.0.1:55432/postgres`) runs the exchange, statistics, overview
and report tests once on SQLite and once on PostgreSQL. Each server test gets its own
database, copied from a template migrated once per session.
`FOREBYGG_REQUIRE_PG=1` (set by .ci/run) makes a missing or unreachable server an error,
never a silent SQLite-only run. Field laptops are always SQLite.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from forebygg_desktop.core.store import Store

URL_ENV = "FOREBYGG_TEST_PG_URL"
REQUIRE_ENV = "FOREBYGG_REQUIRE_PG"
# Test modules whose `store`, `central` and `demo_store` run on both databases.
BOTH = ("test_exchange", "test_report", "test_stats", "test_overview", "test_central_scale",
        "test_figures_agree", "test_import_batched_checks", "test_import_history")

StoreFactory = Callable[..., Store]


class PgServer:
    """Creates one database per test from a template migrated once."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        from forebygg_desktop.core.server import DRIVER

        self.base = make_url(url).set(drivername=DRIVER)
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        self.prefix = f"fbt_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self._numbers = itertools.count(1)
        self.made: list[str] = []
        self._drop(self.template)
        self._execute(f'CREATE DATABASE "{self.template}"')
        template = self.open(self.template)  # migrated, catalogue and questionnaires in
        template.close()

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(sql)

    def _drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def open(self, name: str, data_dir: Path | None = None) -> Store:
        from forebygg_desktop.core.server import ServerSetting
        from forebygg_desktop.core.startup import open_server_store

        return open_server_store(ServerSetting(url=self.url(name)), data_dir)

    def new_database(self) -> str:
        name = f"{self.prefix}_{next(self._numbers)}"
        self._drop(name)
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self.made.append(name)
        return name

    def close(self) -> None:
        for name in [*self.made, self.template]:
            self._drop(name)
        self.admin.dispose()


def content_fingerprint(store: Store) -> str:
    """Every row of every table, in key order (a database-independent "nothing changed")."""
    return engine_fingerprint(store.engine)


def engine_fingerprint(engine: Engine) -> str:
    import hashlib

    from sqlalchemy import select

    from forebygg_desktop.core.models import Base

    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            for row in connection.execute(query):
                digest.update(repr(tuple(row)).encode())
        for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version"):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def fingerprint(store: Store) -> str:
    """"Nothing changed", as strictly as the database allows: a SQLite store's file and WAL
    byte for byte, a server store's every row."""
    import hashlib

    if store.uow.shared:
        return content_fingerprint(store)
    digest = hashlib.sha256(store.path.read_bytes())
    wal = store.path.with_name(store.path.name + "-wal")
    digest.update(wal.read_bytes() if wal.exists() else b"")
    return digest.hexdigest()
