"""Shared fixtures: every test gets its own data folder, migrated by the production code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ.get("FOREBYGG_GC_STRESS"):
    # Collect cycles almost all the time: a Qt object that only a cycle keeps, deleted at
    # the wrong moment or on the wrong thread, crashes within seconds instead of once a month.
    import gc

    gc.set_threshold(20, 1, 1)

from forebygg_desktop.core import i18n, settings
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from tests.pg_backend import BOTH, REQUIRE_ENV, URL_ENV, PgServer, StoreFactory

# tests/bundle checks the built bundle: .ci/run runs it after `make bundle`, not `make test`.
collect_ignore = [] if os.environ.get("FOREBYGG_TEST_BUNDLE") else ["bundle"]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test touches the real user data folder; every test starts in Swedish."""
    monkeypatch.setenv("FOREBYGG_DATA_DIR", str(tmp_path / "data"))
    i18n.set_language("sv")
    yield
    i18n.set_language("sv")


@pytest.fixture
def store(store_factory: StoreFactory, tmp_path: Path) -> Store:
    """A fresh store with the shipped catalogue (SQLite, and PostgreSQL where it applies)."""
    return store_factory(tmp_path / "store")


@pytest.fixture
def demo_store(store: Store) -> Store:
    """A store holding the deterministic demo year."""
    from forebygg_desktop.core.demo import generate_demo

    generate_demo(store, years=1)
    return store


# --- the database under test: SQLite, and PostgreSQL when a server is given ----------------

def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--pg-url", default=os.environ.get(URL_ENV),
                     help="PostgreSQL URL: run the server-side tests against it too")


def pg_url(config: pytest.Config) -> str | None:
    url = config.getoption("--pg-url")
    return str(url) if url else None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a test about the SQLite file itself")
    if os.environ.get(REQUIRE_ENV) == "1" and not pg_url(config):
        raise pytest.UsageError(f"{REQUIRE_ENV}=1 but no --pg-url / {URL_ENV} given")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    both = module.startswith(BOTH) and metafunc.definition.get_closest_marker(
        "sqlite_only") is None
    backends = ["sqlite", "postgresql"] if both and pg_url(metafunc.config) else ["sqlite"]
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database of the store under test: "sqlite" or "postgresql"."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest) -> Iterator[PgServer | None]:
    url = pg_url(request.config)
    if not url:
        yield None
        return
    server = PgServer(url)  # an unreachable server fails here: never a silent skip
    yield server
    server.close()


@pytest.fixture
def store_factory(backend: str, request: pytest.FixtureRequest) -> Iterator[StoreFactory]:
    """`make(folder, role="field")`: a fresh store of the test's backend, closed after."""
    opened: list[Store] = []

    def make(folder: Path, role: str | None = None) -> Store:
        if backend == "postgresql":
            server: PgServer = request.getfixturevalue("pg_server")
            store = server.open(server.new_database(), folder)
        else:
            store = open_store(folder / "forebygg.sqlite3", folder / "backups")
        opened.append(store)
        if role is not None:
            store.settings.set(settings.ROLE, role)
        return store

    yield make
    for store in opened:
        store.close()


