"""Property: random edits on several laptops and at the central department, exports and
imports at random moments, in any order and repeated.

* Every pair of independent edits of one record (neither saw the other; the versions no
  other version supersedes) is listed as a conflict at the central department.
* The state converges: two more central stores importing every file in other orders end
  in exactly the central department's state.
"""

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
from forebygg_desktop.core.exchange.format import DATA_MEMBER, record_types
from forebygg_desktop.core.exchange.merge import concurrent, identity, supersedes
from forebygg_desktop.core.exchange.writer import select_sql
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import (
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
)
from tests.core.conftest import connect, enrol, plain_members, share_department_key

LAPTOPS = 3
CENTRAL = LAPTOPS  # index of the central department among the stores that edit
SHARED = 2  # talks every store holds from the start, so several can edit one record
LOCALITIES = ("RIMBO", "HALLSTAVIK", "VIGELSJO")
_TEMPLATE: dict[str, Path] = {}

laptop = st.integers(0, LAPTOPS - 1)
editor = st.integers(0, LAPTOPS)  # a laptop or the central department
pick = st.integers(0, 50)
day = st.integers(0, 300)
shared_edit = st.tuples(st.just("edit_shared"), editor, st.integers(0, SHARED - 1),
                        st.integers(1, 9))
operation = st.one_of(
    shared_edit, shared_edit, shared_edit,
    st.tuples(st.just("delete_shared"), editor, st.integers(0, SHARED - 1)),
    st.tuples(st.just("talk"), laptop, day, st.integers(1, 5)),
    st.tuples(st.just("edit_talk"), editor, pick, st.integers(1, 5)),
    st.tuples(st.just("delete_talk"), editor, pick),
    st.tuples(st.just("restore_talk"), editor, pick),
    st.tuples(st.just("series"), laptop, st.sampled_from(LOCALITIES)),
    st.tuples(st.just("meeting"), laptop, pick, day),
    st.tuples(st.just("open_meeting"), laptop, day, st.integers(0, 40)),
    st.tuples(st.just("export"), laptop, st.booleans()),
    st.tuples(st.just("import"), st.just(CENTRAL)),
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
    store = open_store(folder / "forebygg.sqlite3")  # makes its own signing key
    store.settings.set(options.ROLE, role)
    return store


def talks_of(store: Store) -> list[str]:
    with store.uow.read() as session:
        return [r[0] for r in session.connection().exec_driver_sql(
            "SELECT id FROM advice_talk ORDER BY id")]


def share(central: Store, laptops: list[Store]) -> None:
    """Copy the central department's first talks into every laptop, unchanged (local_seq 0:
    a laptop sends such a row only once it edits it)."""
    talk = record_types()["advice_talk"]
    rows = sorted(state(central, "advice_talk"))
    columns = ", ".join([*talk.names, "local_seq"])
    marks = ", ".join("?" for _ in range(len(talk.names) + 1))
    for store in laptops:
        with store.uow.write() as tx:
            tx.connection.exec_driver_sql(
                f"INSERT INTO advice_talk ({columns}) VALUES ({marks})",
                [(*r, 0) for r in rows])


def run(stores: list[Store], op: tuple[Any, ...], mine: list[dict[str, list[str]]], out: Path,
        files: list[Path], seen: list[tuple[Any, ...]], shared: list[str]) -> None:
    kind, who = op[0], op[1]
    store = stores[who]
    start = date(2025, 6, 1)
    talks = talks_of(store)
    if kind.endswith("_shared"):
        kind, talks = kind.replace("_shared", "_talk"), shared[:]
    try:
        if kind == "talk":
            store.talks.create(TalkData(
                first_talk_on=start + timedelta(days=op[2]), who_came="both_parents",
                language_code="sv", talks=op[3]))
        elif kind == "edit_talk" and talks:
            row = talks[op[2] % len(talks)]
            old = store.talks.get(row)
            store.talks.update(row, TalkData(first_talk_on=old.first_talk_on,
                                             who_came=old.who_came, language_code="ar",
                                             talks=op[3]))
        elif kind == "delete_talk" and talks:
            store.talks.delete(talks[op[2] % len(talks)])
        elif kind == "restore_talk" and talks:
            store.talks.restore(talks[op[2] % len(talks)])
        elif kind == "series":
            mine[who]["series"].append(store.groups.create_series(
                SeriesData("FOS", op[2], "so")).id)
        elif kind == "meeting" and mine[who]["series"]:
            series = mine[who]["series"][op[2] % len(mine[who]["series"])]
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
        elif kind == "import":
            reports = store.exchange.import_files(files)
            assert all(r.ok and not r.rejected for r in reports), reports
    except NotFoundError:
        pass  # editing a deleted talk is refused: nothing changes, as for a user
    if who == CENTRAL and kind.endswith(("_talk", "_shared")):
        seen.extend(state(store, "advice_talk"))  # the centre's own versions


def state(store: Store, name: str) -> set[tuple[Any, ...]]:
    with store.uow.read() as session:
        return {tuple(r) for r in session.connection().exec_driver_sql(
            select_sql(record_types()[name]))}


def file_rows(path: Path, central: Store, name: str) -> list[tuple[Any, ...]]:
    assert central.data_dir is not None
    data = plain_members(path, central.data_dir)[1][DATA_MEMBER]
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        columns = ", ".join(f'"{n}"' for n in record_types()[name].names)
        return [tuple(r) for r in connection.execute(f"SELECT {columns} FROM {name}")]
    finally:
        connection.close()


def listed_pairs(store: Store) -> set[tuple[str, frozenset[tuple[Any, ...]]]]:
    talk = record_types()["advice_talk"]
    with store.uow.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT record_id, winner, loser FROM sync_conflict "
            "WHERE record_type = 'advice_talk'").fetchall()
    import json

    out = set()
    for record_id, winner, loser in rows:
        pair = [identity(talk, tuple(json.loads(v)[n] for n in talk.names))
                for v in (winner, loser)]
        out.add((record_id, frozenset(pair)))
    return out


def independent_pairs(versions: list[tuple[Any, ...]]) -> set[tuple[str, frozenset[Any]]]:
    """Pairs of versions of one record that no other version supersedes and that were
    edited without seeing each other."""
    talk = record_types()["advice_talk"]
    unique = {identity(talk, v): v for v in versions}
    by_record: dict[str, list[tuple[Any, ...]]] = {}
    for version in unique.values():
        by_record.setdefault(version[0], []).append(version)
    pairs = set()
    for record_id, group in by_record.items():
        tops = [v for v in group
                if not any(w is not v and supersedes(talk, w, v)
                           and identity(talk, w) != identity(talk, v) for w in group)]
        for i, a in enumerate(tops):
            for b in tops[i + 1:]:
                if concurrent(talk, a, b):
                    pairs.add((record_id, frozenset({identity(talk, a), identity(talk, b)})))
    return pairs


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ops=st.lists(operation, max_size=40), data=st.data())
def test_independent_edits_are_listed_and_every_order_converges(
        ops: list[tuple[Any, ...]], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out = root / "usb"
        out.mkdir()
        central = new_store(root / "central", role="central")
        laptops = [new_store(root / f"laptop{i}") for i in range(LAPTOPS)]
        replicas: list[Store] = []
        try:
            for number, store in enumerate(laptops):
                connect(store, central, f"laptop {number}")
            for number in range(SHARED):
                central.talks.create(TalkData(first_talk_on=date(2025, 5, 1 + number),
                                              who_came="mother", language_code="sv"))
            share(central, laptops)
            shared = talks_of(central)
            stores = [*laptops, central]
            mine: list[dict[str, list[str]]] = [{"series": []} for _ in stores]
            files: list[Path] = []
            seen: list[tuple[Any, ...]] = list(state(central, "advice_talk"))
            for op in ops:
                run(stores, op, mine, out, files, seen, shared)
            for store in laptops:  # everything reaches the department in the end
                files.append(store.exchange.export(out / f"{len(files):03d}.forebygg").path)
            order = data.draw(st.permutations(files), label="import order")
            repeats = data.draw(st.lists(st.sampled_from(files), max_size=3), label="repeats")
            batches = data.draw(st.integers(1, 3), label="batches")
            sequence = [*order, *repeats]
            for i in range(batches):
                reports = central.exchange.import_files(sequence[i::batches])
                assert all(r.ok and not r.rejected for r in reports), reports

            # Every pair of independent edits of one record is listed at the centre.
            versions = seen + [r for f in files for r in file_rows(f, central, "advice_talk")]
            assert independent_pairs(versions) <= listed_pairs(central)

            # Other import orders (the centre's own state travelling as one more file)
            # end in the same state, table by table.
            files.append(central.exchange.export(out / "central.forebygg", full=True).path)
            for number in range(2):
                replica = new_store(root / f"replica{number}", role="central")
                replicas.append(replica)
                share_department_key(central, replica)
                for index, store in enumerate(stores):
                    enrol(replica, store, f"store {index}")
                shuffled = data.draw(st.permutations(files), label=f"order {number}")
                reports = replica.exchange.import_files(shuffled)
                assert all(r.ok and not r.rejected for r in reports), reports
            for name in record_types():
                expected = state(central, name)
                assert all(state(r, name) == expected for r in replicas), name
            assert all(not d.missing and not d.identity_clash
                       for d in central.exchange.devices())
        finally:
            for store in [*laptops, central, *replicas]:
                store.close()
