"""Property: random edits on several laptops, exports at random moments, imports in any
order and repeated — the central store always equals every edit applied once."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forebygg_desktop.core import settings as options
from forebygg_desktop.core.errors import NotFoundError
from forebygg_desktop.core.exchange.format import record_types
from forebygg_desktop.core.exchange.merge import wins
from forebygg_desktop.core.exchange.writer import select_sql
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import (
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
)

LAPTOPS = 3
LOCALITIES = ("RIMBO", "HALLSTAVIK", "VIGELSJO")
_TEMPLATE: dict[str, Path] = {}

laptop = st.integers(0, LAPTOPS - 1)
pick = st.integers(0, 50)
day = st.integers(0, 300)
operation = st.one_of(
    st.tuples(st.just("talk"), laptop, day, st.integers(1, 5)),
    st.tuples(st.just("edit_talk"), laptop, pick, st.integers(1, 5)),
    st.tuples(st.just("delete_talk"), laptop, pick),
    st.tuples(st.just("restore_talk"), laptop, pick),
    st.tuples(st.just("series"), laptop, st.sampled_from(LOCALITIES)),
    st.tuples(st.just("meeting"), laptop, pick, day),
    st.tuples(st.just("open_meeting"), laptop, day, st.integers(0, 40)),
    st.tuples(st.just("export"), laptop, st.booleans()),
)


def template() -> Path:
    """One migrated store with the catalogue, copied per simulated computer (fast)."""
    if "path" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="forebygg-template-"))
        store = open_store(folder / "forebygg.sqlite3")
        store.close()
        _TEMPLATE["path"] = folder / "forebygg.sqlite3"
    return _TEMPLATE["path"]


def new_store(folder: Path, role: str = "field") -> Store:
    folder.mkdir(parents=True)
    shutil.copy(template(), folder / "forebygg.sqlite3")
    connection = sqlite3.connect(folder / "forebygg.sqlite3")
    connection.execute("DELETE FROM meta WHERE key = 'device_id'")  # a computer of its own
    connection.commit()
    connection.close()
    store = open_store(folder / "forebygg.sqlite3")
    store.settings.set(options.ROLE, role)
    return store


def run(store: Store, op: tuple[Any, ...], mine: dict[str, list[str]], out: Path,
        files: list[Path]) -> None:
    kind = op[0]
    start = date(2025, 6, 1)
    try:
        if kind == "talk":
            mine["talk"].append(store.talks.create(TalkData(
                first_talk_on=start + timedelta(days=op[2]), who_came="both_parents",
                language_code="sv", talks=op[3])).id)
        elif kind == "edit_talk" and mine["talk"]:
            row = mine["talk"][op[2] % len(mine["talk"])]
            old = store.talks.get(row)
            store.talks.update(row, TalkData(first_talk_on=old.first_talk_on,
                                             who_came=old.who_came, language_code="ar",
                                             talks=op[3]))
        elif kind == "delete_talk" and mine["talk"]:
            store.talks.delete(mine["talk"][op[2] % len(mine["talk"])])
        elif kind == "restore_talk" and mine["talk"]:
            store.talks.restore(mine["talk"][op[2] % len(mine["talk"])])
        elif kind == "series":
            mine["series"].append(store.groups.create_series(
                SeriesData("FOS", op[2], "so")).id)
        elif kind == "meeting" and mine["series"]:
            series = mine["series"][op[2] % len(mine["series"])]
            number = len(store.groups.meetings(series)) + 1
            store.groups.register_meeting(series, MeetingData(
                number=number, held_on=start + timedelta(days=op[3]), women=number))
        elif kind == "open_meeting":
            store.open_meetings.create(OpenMeetingData(
                program_code="CAFE", held_on=start + timedelta(days=op[2]),
                locality_code="RIMBO", language_code="sv", women=op[3]))
        elif kind == "export":
            files.append(store.exchange.export(out / f"{len(files):03d}.forebygg",
                                               full=op[2]).path)
    except NotFoundError:
        pass  # editing a deleted talk is refused: nothing changes, as for a user


def state(store: Store, name: str) -> set[tuple[Any, ...]]:
    with store.uow.read() as session:
        return {tuple(r) for r in session.connection().exec_driver_sql(
            select_sql(record_types()[name]))}


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ops=st.lists(operation, max_size=40), data=st.data())
def test_central_equals_every_edit_applied_once(ops: list[tuple[Any, ...]],
                                                data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out = root / "usb"
        out.mkdir()
        laptops = [new_store(root / f"laptop{i}") for i in range(LAPTOPS)]
        central = new_store(root / "central", role="central")
        try:
            mine = [{"talk": [], "series": []} for _ in laptops]  # type: list[dict[str, list[str]]]
            files: list[Path] = []
            for op in ops:
                run(laptops[op[1]], op, mine[op[1]], out, files)
            for store in laptops:  # everything reaches the department in the end
                files.append(store.exchange.export(out / f"{len(files):03d}.forebygg").path)
            order = data.draw(st.permutations(files), label="import order")
            repeats = data.draw(st.lists(st.sampled_from(files), max_size=4), label="repeats")
            batches = data.draw(st.integers(1, 3), label="batches")
            sequence = [*order, *repeats]
            for i in range(batches):
                reports = central.exchange.import_files(sequence[i::batches])
                assert all(r.ok and not r.rejected for r in reports)
            for name in record_types():
                if name == "staff":
                    continue
                expected = set().union(*(state(s, name) for s in laptops))
                assert state(central, name) == expected, name
            staff = record_types()["staff"]
            best: dict[str, tuple[Any, ...]] = {}
            for store in [central, *laptops]:
                for row in state(store, "staff"):
                    if row[0] not in best or wins(staff, row, best[row[0]]):
                        best[row[0]] = row
            assert state(central, "staff") == set(best.values())
            assert all(not d.missing for d in central.exchange.devices())
        finally:
            for store in [*laptops, central]:
                store.close()
