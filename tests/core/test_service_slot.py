"""Store services made on first use: once, the same object for every thread, and the
start page's Store opens without loading the other areas' modules."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.service_slot import service


class _Owner:
    made = 0

    def __init__(self) -> None:
        self.services_lock = threading.RLock()

    @service
    def slow(self) -> object:
        type(self).made += 1
        time.sleep(0.05)  # long enough for every thread to ask while it is being made
        return object()


def test_threads_asking_at_once_get_one_service_made_once() -> None:
    owner = _Owner()
    start = threading.Barrier(8)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(owner.slow)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _Owner.made == 1
    assert len(got) == 8 and all(each is got[0] for each in got)
    assert owner.slow is got[0]


def test_a_service_belongs_to_a_store_not_to_the_class() -> None:
    with pytest.raises(AttributeError):
        _ = Store.groups


def test_each_store_has_its_own_services(store: Store, tmp_path: Path) -> None:
    from forebygg_desktop.core.startup import open_installation

    other = open_installation(tmp_path / "other", take_lock=False)
    try:
        assert other.store.groups is not store.groups
        assert other.store.groups is other.store.groups
        # A service made of others (lists) is made under the same lock without waiting on
        # itself, and shares them: one GroupService per Store.
        assert other.store.lists._groups is other.store.groups
    finally:
        other.close()


def test_opening_the_store_loads_no_area_modules_the_start_page_does_not_need(
        tmp_path: Path) -> None:
    """What the window attaches to at start; an area's first use loads the rest."""
    lazy = ["groups", "open_meetings", "talks", "digital", "materials", "undo", "lists",
            "records"]
    script = f"""
import sys
from pathlib import Path
from forebygg_desktop.core.startup import open_installation
installation = open_installation(Path({str(tmp_path / 'data')!r}), take_lock=False)
store = installation.store
store.overview, store.catalog.programs(), store.settings, store.drafts.pending()
loaded = [name for name in {lazy!r} if f"forebygg_desktop.core.store.{{name}}" in sys.modules]
print(",".join(loaded))
assert store.groups is store.groups
print("groups" if "forebygg_desktop.core.store.groups" in sys.modules else "")
installation.close()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=True)
    before, after = result.stdout.splitlines()[:2]
    assert before == ""
    assert after == "groups"


def test_a_later_start_configures_no_mapper_until_warmed_up(tmp_path: Path) -> None:
    """Opening a set-up data folder reads with Core statements only: configuring every
    mapper (what the first ORM statement does) waits for `warm_up`, which the window runs
    off the screen's thread once the Store is attached."""
    from forebygg_desktop.core.startup import open_installation

    open_installation(tmp_path / "data", take_lock=False).close()  # the first start
    script = f"""
from pathlib import Path
from forebygg_desktop.core.models import Draft, Meta
from forebygg_desktop.core.startup import open_installation
installation = open_installation(Path({str(tmp_path / 'data')!r}), take_lock=False)
store = installation.store
store.drafts.listed()
print(Meta.__mapper__.configured, Draft.__mapper__.configured)
store.warm_up()
print(Meta.__mapper__.configured, Draft.__mapper__.configured)
installation.close()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.stdout.splitlines()[:2] == ["False False", "True True"], \
        result.stdout + result.stderr
