"""The central store on a PostgreSQL server: setting, password, refusals, concurrent writers.

Tests marked by the `pg` fixture need a server (`--pg-url` / FOREBYGG_TEST_PG_URL; .ci/run
starts one and sets FOREBYGG_REQUIRE_PG=1, so in CI they always run).
"""

from __future__ import annotations

import json
import os
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from forebygg_desktop.cli import main as cli_main
from forebygg_desktop.core import i18n, server, settings
from forebygg_desktop.core.errors import NewerDatabaseError
from forebygg_desktop.core.paths import SERVER_FILE
from forebygg_desktop.core.server import (
    ServerSetting,
    ServerSettingError,
    ServerUnreachableError,
)
from forebygg_desktop.core.startup import open_installation
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData, edited
from tests.core.conftest import enrol, share_department_key
from tests.pg_backend import PgServer, StoreFactory, engine_fingerprint


@pytest.fixture
def pg(pg_server: PgServer | None) -> PgServer:
    if pg_server is None:
        pytest.skip("no PostgreSQL server given (--pg-url / FOREBYGG_TEST_PG_URL)")
    return pg_server


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def talk(day: int, **changes: object) -> TalkData:
    return edited(TalkData(first_talk_on=date(2026, 3, day), who_came="mother",
                           language_code="sv"), **changes)


# --- the setting, without a server -----------------------------------------------------------

@pytest.mark.parametrize("url, words", [
    ("postgresql://forebygg:hemligt@db.example/forebygg", "holds a password"),
    ("sqlite:///central.sqlite3", "only postgresql"),
    ("postgresql://forebygg@db.example", "names no database"),
    ("not a url at all", "not a database URL"),
])
def test_a_bad_url_is_refused_with_a_reason(url: str, words: str) -> None:
    with pytest.raises(ServerSettingError) as caught:
        ServerSetting(url=url).checked_url()
    assert words in caught.value.message()
    assert "hemligt" not in caught.value.message()


def test_a_password_file_others_can_read_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "db-password"
    secret.write_text("s3cret\n", encoding="utf-8")
    os.chmod(secret, 0o644)
    setting = ServerSetting(url="postgresql://u@h/db", password="file",
                            password_file=str(secret))
    with pytest.raises(ServerSettingError) as caught:
        server.password(setting)
    assert "chmod 600" in caught.value.message()
    os.chmod(secret, 0o600)
    assert server.password(setting) == "s3cret"


def test_the_keyring_is_asked_for_this_server_only(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, str]] = []

    class FakeKeyring:
        @staticmethod
        def get_password(service: str, user: str) -> str | None:
            asked.append((service, user))
            return "from-keyring" if user == "kim@db.example:5433/forebygg" else None

    monkeypatch.setattr(server, "_keyring", lambda: FakeKeyring)
    good = ServerSetting(url="postgresql://kim@db.example:5433/forebygg", password="keyring")
    assert server.password(good) == "from-keyring"
    assert asked == [("forebygg-desktop", "kim@db.example:5433/forebygg")]
    with pytest.raises(ServerSettingError, match="no password in the keyring"):
        server.password(ServerSetting(url="postgresql://kim@other/forebygg",
                                      password="keyring"))


def test_a_damaged_setting_file_stops_the_start_with_a_message(tmp_path: Path) -> None:
    (tmp_path / SERVER_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ServerSettingError) as caught:
        open_installation(tmp_path)
    assert SERVER_FILE in caught.value.message()
    assert not (tmp_path / "forebygg.sqlite3").exists()  # no SQLite store made instead


def test_a_server_that_does_not_answer_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    # Port 1 on loopback: refused at once, nothing leaves the machine.
    server.write_setting(tmp_path, ServerSetting(url="postgresql://forebygg@127.0.0.1:1/x"))
    with pytest.raises(ServerUnreachableError) as caught:
        open_installation(tmp_path)
    assert "cannot be reached" in caught.value.message()


def test_cli_refuses_an_unreachable_server_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["--data-dir", str(tmp_path), "--ui-language", "en", "server", "set",
                     "postgresql://forebygg@127.0.0.1:1/x", "--password", "none"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1 and "cannot be reached" in err
    assert not (tmp_path / SERVER_FILE).exists()


# --- on a real server ------------------------------------------------------------------------

def test_cli_sets_the_server_and_the_program_then_opens_it(
        pg: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pw"
    secret.write_text("not-needed-with-trust\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    url = pg.url(pg.new_database())
    assert cli_main(["--data-dir", str(tmp_path / "data"), "server", "set", url,
                     "--password", "file", "--password-file", str(secret)]) == 0
    setting = json.loads((tmp_path / "data" / SERVER_FILE).read_text(encoding="utf-8"))
    assert setting["password"] == "file" and "not-needed" not in json.dumps(setting)
    installation = open_installation(tmp_path / "data")
    try:
        assert installation.store.uow.shared
        installation.store.talks.create(talk(1))
        assert "not-needed-with-trust" not in _everything(installation.store)
    finally:
        installation.close()
    assert not (tmp_path / "data" / "forebygg.sqlite3").exists()
    assert cli_main(["--data-dir", str(tmp_path / "data"), "server", "show"]) == 0
    assert url in capsys.readouterr().out


def test_a_server_of_a_newer_program_is_refused_unchanged(pg: PgServer) -> None:
    name = pg.new_database()
    store = pg.open(name)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = engine_fingerprint(store.engine)
    store.close()
    with pytest.raises(NewerDatabaseError):
        pg.open(name)
    engine = create_engine(pg.url(name))
    try:
        assert engine_fingerprint(engine) == before
    finally:
        engine.dispose()


def _everything(store: Store) -> str:
    from sqlalchemy import select

    from forebygg_desktop.core.models import Base

    out = []
    with store.uow.read() as session:
        for table in Base.metadata.sorted_tables:
            out += [repr(tuple(r)) for r in session.execute(select(table))]
    return "\n".join(out)


def coordinators(pg: PgServer, name: str, central: Store, laptop: Store) -> tuple[Store, Store]:
    """Two programs on one server store, sharing the department's keys (the folder of
    `central`, where the laptop's packages are sealed to), the laptop enrolled."""
    one, two = pg.open(name, central.data_dir), pg.open(name, central.data_dir)
    enrol(one, laptop)
    return one, two


def _import(store: Store, paths: list[Path], barrier: threading.Barrier,
            results: dict[str, Any], key: str) -> None:
    try:
        barrier.wait()
        results[key] = store.exchange.import_files(paths)
    except BaseException as error:  # reported by the test, not lost in the thread
        results[key] = error


@pytest.mark.parametrize("round_", range(3))
def test_two_coordinators_importing_at_once_end_as_if_one_after_the_other(
        pg: PgServer, store_factory: StoreFactory, central: Store, laptop: Store,
        tmp_path: Path, round_: int) -> None:
    """Two programs (two engines) import overlapping files into one server store at the
    same moment: the newer version of every row wins, as it does one after the other."""
    outbox = tmp_path / "usb"
    outbox.mkdir()
    ids = [laptop.talks.create(talk(1 + i % 28)).id for i in range(150)]
    old = laptop.exchange.export(outbox / "old.forebygg").path
    for row in ids:
        laptop.talks.update(row, talk(2, talks=4))
    new = laptop.exchange.export(outbox / "new.forebygg", full=True).path
    name = pg.new_database()
    one, two = coordinators(pg, name, central, laptop)
    try:
        for store in (one, two):
            store.settings.set(settings.ROLE, "central")
        barrier = threading.Barrier(2)
        results: dict[str, Any] = {}
        first, second = ([new], [old]) if round_ % 2 else ([old], [new])
        workers = [threading.Thread(target=_import, args=(one, first, barrier, results, "a")),
                   threading.Thread(target=_import, args=(two, second, barrier, results, "b"))]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
        for key in ("a", "b"):
            assert not isinstance(results[key], BaseException), results[key]
            assert all(r.committed for r in results[key])
        assert {one.talks.get(row).talks for row in ids} == {4}
        sequential = store_factory(tmp_path / "sequential", role="central")
        share_department_key(central, sequential)
        enrol(sequential, laptop)
        sequential.exchange.import_files([old, new])
        assert _talk_rows(one) == _talk_rows(sequential)
        assert one.exchange.open_conflicts() == 0
    finally:
        one.close()
        two.close()


def _talk_rows(store: Store) -> set[tuple[Any, ...]]:
    from forebygg_desktop.core.exchange import wire
    from forebygg_desktop.core.exchange.format import record_types
    from forebygg_desktop.core.exchange.writer import select_sql

    talk_type = record_types()["advice_talk"]
    with store.uow.read() as session:
        connection = session.connection()
        return set(wire.from_store(connection, talk_type,
                                   connection.exec_driver_sql(select_sql(talk_type)).all()))


def test_the_start_up_glance_leaves_a_server_store_to_the_server(tmp_path: Path) -> None:
    """An old local file must not show its figures when the store is on a server."""
    from forebygg_desktop.core.glance import take_glance
    from forebygg_desktop.core.startup import open_store

    local = open_store(tmp_path / "forebygg.sqlite3")
    local.settings.set(settings.SETUP_DONE, True)
    local.close()
    assert take_glance(tmp_path / "forebygg.sqlite3") is not None
    server.write_setting(tmp_path, ServerSetting(url="postgresql://forebygg@127.0.0.1:1/x"))
    assert take_glance(tmp_path / "forebygg.sqlite3") is None


def test_a_report_made_during_an_import_sees_all_of_it_or_none(
        pg: PgServer, central: Store, laptop: Store, tmp_path: Path) -> None:
    """The figures come from several queries; an import that commits between two of them
    (forced here: it runs to its commit just before the report reads the open meetings)
    must not give a report with half of it — reads run in one snapshot."""
    from sqlalchemy import event

    from forebygg_desktop.core.period import Period
    from forebygg_desktop.core.store.records import OpenMeetingData

    for day in range(1, 29):
        laptop.talks.create(talk(day))
        laptop.open_meetings.create(OpenMeetingData(
            program_code="CAFE", held_on=date(2026, 3, day), locality_code="RIMBO",
            language_code="sv", women=3, men=1))
    path = laptop.exchange.export(tmp_path / "march.forebygg").path
    name = pg.new_database()
    importer, reporter = coordinators(pg, name, central, laptop)
    imported: list[Any] = []

    def import_now(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM open_meeting" in statement and not imported:
            worker = threading.Thread(
                target=lambda: imported.append(importer.exchange.import_files([path])))
            worker.start()
            worker.join(60)

    try:
        importer.settings.set(settings.ROLE, "central")
        quarter = Period.parse("2026Q1")
        event.listen(reporter.engine, "before_cursor_execute", import_now)
        during = reporter.stats.indicators(quarter)
        event.remove(reporter.engine, "before_cursor_execute", import_now)
        assert imported and imported[0][0].committed
        after = reporter.stats.indicators(quarter)
        assert (during.talks.contacts, during.open.occasions) == (0, 0)
        assert (after.talks.contacts, after.open.occasions) == (28, 28)
    finally:
        importer.close()
        reporter.close()


def test_a_server_lost_in_the_middle_of_a_save_is_a_message_and_changes_nothing(
        pg: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server ends the session between two statements of a save (they run on the
    driver, core/driver.py): the save is refused in words, and the next one works."""
    from forebygg_desktop.core.errors import DatabaseError
    from forebygg_desktop.core.models import GroupSeries
    from forebygg_desktop.core.store.records import MeetingData, SeriesData
    from forebygg_desktop.core.store.unit import WriteTransaction

    store = pg.open(pg.new_database(), tmp_path)
    try:
        series_id = store.groups.create_series(SeriesData(
            program_code="ABC-3-12", locality_code="RIMBO", language_code="sv",
            planned_meetings=10, planned_start=date(2026, 1, 5))).id
        meeting = MeetingData(number=1, held_on=date(2026, 1, 12), minutes=120, women=3,
                              men=1, other_gender=0, other_adults=0, children=None,
                              interpreter=False)
        real = WriteTransaction.insert

        def cut_then_insert(tx: WriteTransaction, model: Any, values: dict[str, Any]) -> str:
            pid = tx.connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
            pg._execute(f"SELECT pg_terminate_backend({int(pid)})")
            return real(tx, model, values)

        monkeypatch.setattr(WriteTransaction, "insert", cut_then_insert)
        with pytest.raises(DatabaseError) as caught:
            store.groups.register_meeting(series_id, meeting)
        assert "connection to the database server was lost" in caught.value.message()
        monkeypatch.undo()
        assert store.groups.meetings(series_id) == []
        with store.uow.read() as session:
            assert session.get(GroupSeries, series_id).status == "planned"  # type: ignore[union-attr]
        store.groups.register_meeting(series_id, meeting)  # a new session: saving works
        assert [m.number for m in store.groups.meetings(series_id)] == [1]
    finally:
        store.close()


def test_a_server_restarted_between_two_saves_is_not_noticed(pg: PgServer,
                                                            tmp_path: Path) -> None:
    """The write connection is kept from one save to the next (core/store/unit.py). When the
    server has ended its session meanwhile (a restart, an idle timeout), the next save
    opens a new one and succeeds, as a connection taken fresh from the pool would: the user
    sees no error, and the save is stored once."""
    from forebygg_desktop.core.store.records import SeriesData

    name = pg.new_database()
    store = pg.open(name, tmp_path)
    try:
        first = store.groups.create_series(SeriesData(
            program_code="ABC-3-12", locality_code="RIMBO", language_code="sv")).id
        pg._execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    f"WHERE datname = '{name}'")  # every session of the store's database
        second = store.groups.create_series(SeriesData(
            program_code="BIFF", locality_code="RIMBO", language_code="sv")).id
        assert sorted(s.id for s in store.groups.list_series()) == sorted([first, second])
    finally:
        store.close()
