"""Fixtures for exchange tests: a central department store and a field laptop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Store]:
    """A store in the central role (it imports the laptops' files)."""
    store = open_store(tmp_path / "central" / "forebygg.sqlite3")
    store.settings.set(settings.ROLE, "central")
    yield store
    store.close()


@pytest.fixture
def laptop(tmp_path: Path) -> Iterator[Store]:
    """A field laptop's store."""
    store = open_store(tmp_path / "laptop" / "forebygg.sqlite3")
    yield store
    store.close()
