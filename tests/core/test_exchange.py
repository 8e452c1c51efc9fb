"""Export and import between laptops and the central store: round trip, idempotence, rules."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.exchange import wire
from forebygg_desktop.core.exchange.format import DATA_MEMBER, record_types
from forebygg_desktop.core.exchange.writer import select_sql
from forebygg_desktop.core.models import EvaluationResponse, SyncConflict
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData, edited
from tests.core.conftest import connect, enrol, plain_members, share_department_key
from tests.pg_backend import StoreFactory, fingerprint


def make_store(folder: Path, role: str = "field") -> Store:
    store = open_store(folder / "forebygg.sqlite3")
    store.settings.set(settings.ROLE, role)
    return store


@pytest.fixture
def central(store_factory: StoreFactory, tmp_path: Path) -> Store:
    return store_factory(tmp_path / "central", role="central")


@pytest.fixture
def laptop(tmp_path: Path, central: Store) -> Iterator[Store]:
    store = make_store(tmp_path / "laptop")
    connect(store, central)
    yield store
    store.close()


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def wire_rows(store: Store, name: str) -> set[tuple[object, ...]]:
    """The rows as they travel (the same values whichever database holds them)."""
    with store.uow.read() as session:
        connection = session.connection()
        return set(wire.from_store(connection, record_types()[name],
                                   connection.exec_driver_sql(
                                       select_sql(record_types()[name])).all()))


def talk(day: int = 1, **changes: object) -> TalkData:
    return edited(TalkData(first_talk_on=date(2026, 3, day), who_came="mother",
                           language_code="sv"), **changes)


def test_export_then_import_copies_every_row_with_its_origin_device(
        laptop: Store, central: Store, outbox: Path) -> None:
    from forebygg_desktop.core.demo import generate_demo

    generate_demo(laptop, years=1, end=date(2026, 6, 30))
    result = laptop.exchange.export(outbox)
    assert result.path.exists() and result.sequence == 1 and result.rows > 400
    [report] = central.exchange.import_files([result.path])
    assert report.ok and report.committed
    assert report.total("new") == result.rows - result.counts["staff"]
    for name in ("group_series", "meeting", "open_meeting", "advice_talk", "digital_use"):
        assert wire_rows(central, name) == wire_rows(laptop, name), name
    origin = {r[1] for r in wire_rows(central, "meeting")}
    assert origin == {laptop.device_id} != {central.device_id}


def test_incremental_export_holds_only_changes_since_the_last_one(
        laptop: Store, outbox: Path) -> None:
    first = laptop.talks.create(talk(1)).id
    laptop.exchange.export(outbox)
    laptop.talks.update(first, talk(1, talks=2))
    second = laptop.talks.create(talk(2)).id
    result = laptop.exchange.export(outbox)
    assert result.sequence == 2 and result.counts["advice_talk"] == 2
    assert result.counts["staff"] == 0
    full = laptop.exchange.export(outbox, full=True)
    assert full.sequence == 3 and full.counts["advice_talk"] == 2 and full.counts["staff"] == 3
    assert {first, second} <= {r[0] for r in _package_rows(result.path, "advice_talk")}
    assert laptop.exchange.last_export() is not None
    assert laptop.exchange.last_export().sequence == 3  # type: ignore[union-attr]


def test_meeting_travels_with_its_unchanged_series_so_any_order_works(
        laptop: Store, central: Store, outbox: Path) -> None:
    from forebygg_desktop.core.store.records import MeetingData, SeriesData

    series = laptop.groups.create_series(SeriesData("ABC-3-12", "RIMBO", "sv")).id
    one = laptop.exchange.export(outbox)
    laptop.groups.register_meeting(series, MeetingData(number=1, held_on=date(2026, 3, 2),
                                                       women=4))
    two = laptop.exchange.export(outbox)
    assert two.counts["group_series"] == 1  # the parent came along (also changed: running)
    reports = central.exchange.import_files([two.path, one.path])
    assert all(r.ok and not r.rejected for r in reports)
    assert wire_rows(central, "meeting") == wire_rows(laptop, "meeting")
    assert wire_rows(central, "group_series") == wire_rows(laptop, "group_series")


def test_reimport_and_reverse_order_change_nothing(
        laptop: Store, central: Store, outbox: Path) -> None:
    row = laptop.talks.create(talk(1)).id
    a = laptop.exchange.export(outbox).path
    laptop.talks.update(row, talk(1, talks=3))
    b = laptop.exchange.export(outbox).path
    laptop.talks.delete(row)
    c = laptop.exchange.export(outbox).path
    central.exchange.import_files([c, a, b])
    before = wire_rows(central, "advice_talk")
    assert before == wire_rows(laptop, "advice_talk")
    deleted = record_types()["advice_talk"].index("deleted")
    assert next(iter(before))[deleted] == 1  # the tombstone travelled and won
    database = fingerprint(central)
    again = central.exchange.import_files([a, b, c])
    assert all(r.already_imported_at is not None for r in again)
    assert fingerprint(central) == database


def test_dry_run_reports_but_changes_nothing(
        laptop: Store, central: Store, outbox: Path) -> None:
    laptop.talks.create(talk(1))
    path = laptop.exchange.export(outbox).path
    [plan] = central.exchange.plan_import([outbox])
    assert plan.ok and not plan.committed and plan.counts["advice_talk"].new == 1
    assert wire_rows(central, "advice_talk") == set()
    [done] = central.exchange.import_files([path])
    assert done.counts["advice_talk"].new == 1


def test_field_laptop_refuses_to_import_data(laptop: Store, outbox: Path) -> None:
    from forebygg_desktop.core.exchange.errors import NotCentralError

    path = laptop.exchange.export(outbox).path
    with pytest.raises(NotCentralError):
        laptop.exchange.import_files([path])


def test_unreviewed_free_text_never_leaves_the_laptop(laptop: Store, outbox: Path) -> None:
    with laptop.uow.write() as tx:
        for status, text in (("pending", "Anna på Storgatan"), ("reviewed", "Bra kurs")):
            tx.add(EvaluationResponse(
                answered_on=date(2026, 3, 1), questionnaire_code="group",
                questionnaire_version=1, language="sv", mode="kiosk", answers={"overall": 5},
                free_text=text, free_text_status=status))
    path = laptop.exchange.export(outbox).path
    texts = {r[-2] for r in _package_rows(path, "evaluation_response")}
    assert texts == {None, "Bra kurs"}
    assert b"Storgatan" not in path.read_bytes()
    assert b"Storgatan" not in plain_members(path, path.parents[1] / "central")[1][DATA_MEMBER]


def test_concurrent_edits_converge_and_are_listed_once_for_review(
        tmp_path: Path, laptop: Store, central: Store, outbox: Path,
        store_factory: StoreFactory) -> None:
    row = laptop.talks.create(talk(1)).id
    laptop.close()
    twin_folder = tmp_path / "twin"
    twin_folder.mkdir()
    # A laptop restored from another's backup: same rows, its own device id.
    connection = sqlite3.connect(tmp_path / "laptop" / "forebygg.sqlite3")
    connection.execute("VACUUM INTO ?", (str(twin_folder / "forebygg.sqlite3"),))
    connection.close()
    connection = sqlite3.connect(twin_folder / "forebygg.sqlite3")
    connection.execute("DELETE FROM meta WHERE key = 'device_id'")
    connection.commit()
    connection.close()
    one = make_store(tmp_path / "laptop")
    two = make_store(twin_folder)
    connect(two, central, "twin")
    try:
        one.talks.update(row, talk(1, talks=2))
        two.talks.update(row, talk(1, talks=3))
        a = one.exchange.export(outbox / "a.forebygg").path
        b = two.exchange.export(outbox / "b.forebygg").path
        [_ra, rb] = central.exchange.import_files([a, b])
        assert rb.conflicts == 1
        central_state = wire_rows(central, "advice_talk")
        other = store_factory(tmp_path / "central2", role="central")
        share_department_key(central, other)
        enrol(other, one)
        enrol(other, two)
        other.exchange.import_files([b, a, b])
        assert wire_rows(other, "advice_talk") == central_state
        with central.uow.read() as s1, other.uow.read() as s2:
            ids1 = {c.id for c in s1.query(SyncConflict)}
            ids2 = {c.id for c in s2.query(SyncConflict)}
        assert len(ids1) == 1 and ids1 == ids2
        assert central.exchange.open_conflicts() == 1
        # The review list says what differs and which version was kept.
        [conflict] = central.exchange.conflicts()
        assert conflict.record_type == "advice_talk" and conflict.record_id == row
        assert [name for name, _kept, _other in conflict.differences] == ["talks"]
        assert {conflict.differences[0][1], conflict.differences[0][2]} == {2, 3}
        assert central.talks.get(row).talks == conflict.differences[0][1]  # the kept one
        assert conflict.kept_device in {one.device_id, two.device_id}
        assert conflict.other_device in {one.device_id, two.device_id} - {conflict.kept_device}
        central.exchange.mark_conflicts_reviewed()
        assert central.exchange.conflicts() == []
        assert central.exchange.open_conflicts() == 0
        other.close()
    finally:
        one.close()
        two.close()


def test_device_overview_warns_about_a_file_that_never_arrived(
        laptop: Store, central: Store, outbox: Path) -> None:
    paths = []
    for day in (1, 2, 3, 4):
        laptop.talks.create(talk(day))
        paths.append(laptop.exchange.export(outbox).path)
    central.exchange.import_files([paths[0], paths[1], paths[3]])
    [device] = central.exchange.devices()
    assert device.last_sequence == 4 and device.files == 3 and device.missing == (3,)
    assert device.device_id == laptop.device_id
    full = laptop.exchange.export(outbox, full=True).path
    central.exchange.import_files([full])
    assert central.exchange.devices()[0].missing == ()


def test_export_leaves_no_partial_file_when_the_folder_is_gone(
        laptop: Store, tmp_path: Path) -> None:
    from forebygg_desktop.core.errors import OutputFolderMissingError

    with pytest.raises(OutputFolderMissingError) as caught:
        laptop.exchange.export(tmp_path / "pulled-out" / "x.forebygg")
    assert "USB" in caught.value.message()
    assert laptop.exchange.last_export() is None


def _package_rows(path: Path, table: str) -> list[tuple[object, ...]]:
    data = plain_members(path, path.parents[1] / "central")[1][DATA_MEMBER]
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    columns = ", ".join(f'"{n}"' for n in record_types()[table].names)
    return connection.execute(f"SELECT {columns} FROM {table}").fetchall()


def test_an_import_into_sqlite_loads_no_postgresql_code(tmp_path: Path, outbox: Path) -> None:
    """A laptop-sized central store on SQLite imports a file without loading SQLAlchemy's
    PostgreSQL dialect (about 0.1 s the first time): only the dialect in use is imported
    (`wire.upsert`). Run in a fresh process on a store already made, as a start is."""
    import subprocess
    import sys
    import textwrap

    central = make_store(tmp_path / "central", role="central")
    laptop = make_store(tmp_path / "laptop")
    try:
        connect(laptop, central)
        laptop.talks.create(talk(2))
        path = laptop.exchange.export(outbox).path
    finally:
        laptop.close()
        central.close()
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from forebygg_desktop.core.startup import open_store
        store = open_store(Path({str(tmp_path / "central" / "forebygg.sqlite3")!r}))
        [report] = store.exchange.import_files([Path({str(path)!r})])
        store.close()
        print(report.committed, report.total("new"),
              "sqlalchemy.dialects.postgresql" in sys.modules)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "1", "False"]
