"""Shared fixtures: every test gets its own data folder, migrated by the production code."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from forebygg_desktop.core import i18n
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store

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
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store with the shipped catalogue."""
    s = open_store(tmp_path / "store" / "forebygg.sqlite3", tmp_path / "store" / "backups")
    yield s
    s.close()


@pytest.fixture
def demo_store(store: Store) -> Store:
    """A store holding the deterministic demo year."""
    from forebygg_desktop.core.demo import generate_demo

    generate_demo(store, years=1)
    return store
