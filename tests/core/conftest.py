"""Fixtures for exchange tests: a central department store and a field laptop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from tests.pg_backend import StoreFactory


@pytest.fixture
def central(store_factory: StoreFactory, tmp_path: Path) -> Store:
    """A store in the central role (it imports the laptops' files): SQLite, and PostgreSQL
    when a server is given (tests/pg_backend.py)."""
    return store_factory(tmp_path / "central", role="central")


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    """A field laptop's store."""
    store = open_store(tmp_path / "laptop" / "forebygg.sqlite3")
    yield store
    store.close()
