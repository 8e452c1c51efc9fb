"""The next file is read and checked while this one is written (exchange/ahead.py,
exchange/prepare.py): files still take effect one after the other, in the order given, and
every decision is made in its turn against the store as it is then — a damaged next file,
a failing current one, a cancelled import, an enrolment withdrawn half-way, the same file
given twice. On SQLite and on a PostgreSQL server alike."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.device_keys import department_keys
from forebygg_desktop.core.exchange import errors, prepare, trust
from forebygg_desktop.core.exchange.ahead import Ahead
from forebygg_desktop.core.exchange.container import RawPackage
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData, edited
from tests.core.conftest import connect, fingerprint


def talk(day: int, **changes: object) -> TalkData:
    return edited(TalkData(first_talk_on=date(2026, 3, day), who_came="mother",
                           language_code="sv"), **changes)


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def exports(laptop: Store, outbox: Path, count: int) -> tuple[list[Path], str]:
    """`count` files from one laptop, each changing one talk again (and adding one)."""
    row = laptop.talks.create(talk(1)).id
    paths = []
    for number in range(count):
        laptop.talks.update(row, talk(1, talks=number + 1))
        laptop.talks.create(talk(2 + number))
        paths.append(laptop.exchange.export(outbox).path)
    return paths, row


def talk_row(store: Store, row_id: str) -> dict[str, Any]:
    with store.uow.read() as session:
        found = session.connection().exec_driver_sql(
            "SELECT talks, local_seq FROM advice_talk WHERE id = "
            + ("?" if store.uow.engine.dialect.paramstyle == "qmark" else "%s"),
            (row_id,)).one()
    return {"talks": found[0], "local_seq": found[1]}


def no_worker_left() -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if not any(t.name.startswith("forebygg-ahead") for t in threading.enumerate()):
            return True
        time.sleep(0.01)
    return False


# --- the pipeline itself ----------------------------------------------------------------------

def test_items_come_back_in_order_with_two_prepared_ahead() -> None:
    running: list[int] = []

    def work(item: int, pause: Callable[[], None]) -> int:
        pause()
        running.append(item)
        return item * 10

    with Ahead([1, 2, 3, 4], work) as ahead:
        assert ahead.get(0) == 10
        ahead.start(1)
        ahead.start(1)  # once only
        assert ahead.get(1) == 20
        assert ahead.get(2) == 30  # started with item 1: two ahead
        assert ahead.get(3) == 40  # never started ahead: prepared here
    assert running == [1, 2, 3, 4]
    assert no_worker_left()


def test_the_worker_works_only_while_it_is_let_and_while_the_caller_waits() -> None:
    steps: list[str] = []
    first_step = threading.Event()

    def work(item: int, pause: Callable[[], None]) -> int:
        steps.append(f"{item} begun")  # a step begun before the first pause
        first_step.set()
        pause()
        steps.append(f"{item} done")
        return item

    with Ahead([1, 2, 3], work, depth=1) as ahead:
        ahead.get(0)  # not started ahead: prepared here, without waiting
        steps.clear()
        first_step.clear()
        ahead.start(1)
        assert first_step.wait(5)
        time.sleep(0.05)
        assert steps == ["2 begun"]  # held: it waits at its pause
        ahead.let_work()
        assert ahead.get(1) == 2
        assert steps == ["2 begun", "2 done"]
        ahead.hold()
        first_step.clear()
        ahead.start(2)
        assert first_step.wait(5)
        time.sleep(0.05)
        assert steps[-1] == "3 begun"
        assert ahead.get(2) == 3  # waiting for it lets it work
    assert steps[-1] == "3 done"


def test_an_error_of_the_worker_is_raised_where_the_item_is_taken() -> None:
    def work(item: int, pause: Callable[[], None]) -> int:
        if item == 2:
            raise errors.EmptyFileError(name="b")
        return item

    with Ahead([1, 2, 3], work) as ahead:
        assert ahead.get(0) == 1
        ahead.start(1)
        with pytest.raises(errors.EmptyFileError):
            ahead.get(1)
        ahead.start(2)
        assert ahead.get(2) == 3


def test_leaving_early_lets_the_item_under_way_finish_and_drops_the_rest() -> None:
    started, finished = threading.Event(), threading.Event()

    def work(item: int, pause: Callable[[], None]) -> int:
        if item == 2:
            started.set()
            pause()  # held when the caller fails: closing lets it go on
            time.sleep(0.05)
            finished.set()
        return item

    with pytest.raises(RuntimeError), Ahead([1, 2, 3], work, depth=1) as ahead:
        ahead.get(0)
        ahead.start(1)
        started.wait(5)
        raise RuntimeError("the caller failed")
    assert finished.is_set()  # not abandoned half-way on its thread
    assert no_worker_left()


def test_one_item_or_no_threads_runs_on_the_callers_thread() -> None:
    where: list[str] = []

    def work(item: int, pause: Callable[[], None]) -> int:
        pause()  # returns at once here
        where.append(threading.current_thread().name)
        return item

    here = threading.current_thread().name
    with Ahead([1], work) as ahead:
        ahead.start(0)
        assert ahead.get(0) == 1
    with Ahead([1, 2], work, threads=False) as ahead:
        ahead.start(1)
        assert [ahead.get(0), ahead.get(1)] == [1, 2]
    assert where == [here] * 3


# --- an import with the next file prepared ahead ----------------------------------------------

def test_files_take_effect_in_the_order_given(laptop: Store, central: Store,
                                              outbox: Path) -> None:
    paths, row = exports(laptop, outbox, 4)
    reports = central.exchange.import_files(paths)
    assert [r.path for r in reports] == paths
    assert all(r.committed for r in reports)
    assert talk_row(central, row)["talks"] == 4  # the last file's version
    # Each file's rows got the change number of its own transaction, one after the other.
    with central.uow.read() as session:
        stamps = [r[0] for r in session.connection().exec_driver_sql(
            "SELECT local_seq FROM advice_talk ORDER BY first_talk_on")]
    assert stamps[1:] == sorted(set(stamps[1:]))  # a talk added per file, numbered in order
    assert stamps[0] == stamps[-1]  # the talk changed by every file: the last one's number
    assert [d.last_sequence for d in central.exchange.devices()] == [4]


def imported_files(store: Store) -> int:
    with store.uow.read() as session:
        return int(session.connection().exec_driver_sql(
            "SELECT count(*) FROM imported_file").scalar() or 0)


def test_a_damaged_next_file_changes_nothing_and_the_others_go_on(
        laptop: Store, central: Store, outbox: Path) -> None:
    paths, row = exports(laptop, outbox, 3)
    data = bytearray(paths[1].read_bytes())
    data[len(data) // 2] ^= 0x40
    paths[1].write_bytes(bytes(data))
    # The second file is read while the first is written: the first is taken, the
    # damaged one refused in its turn with nothing of it written.
    first, damaged = central.exchange.import_files(paths[:2])
    assert first.committed and talk_row(central, row)["talks"] == 1
    assert isinstance(damaged.error, errors.PackageError) and not damaged.committed
    assert "Nothing was changed" in damaged.error.msgid  # translated when shown
    assert imported_files(central) == 1
    before = fingerprint(central)
    [again] = central.exchange.import_files([paths[1]])
    assert isinstance(again.error, errors.PackageError)
    assert fingerprint(central) == before
    # After a damaged file, the next one is still taken.
    reports = central.exchange.import_files(paths)
    assert reports[0].already_imported_at is not None
    assert isinstance(reports[1].error, errors.PackageError)
    assert reports[2].committed and talk_row(central, row)["talks"] == 3


def test_a_file_that_fails_in_its_turn_changes_nothing_while_the_next_is_taken(
        tmp_path: Path, laptop: Store, central: Store, outbox: Path) -> None:
    stranger = open_store(tmp_path / "stranger" / "forebygg.sqlite3")
    try:
        connect(stranger, central, "stranger")
        central.exchange.forget_device(stranger.device_id)  # its files are now refused
        stranger.talks.create(talk(9))
        refused = stranger.exchange.export(outbox / "x.forebygg").path
    finally:
        stranger.close()
    [good] = exports(laptop, outbox, 1)[0]
    before = fingerprint(central)
    [bad] = central.exchange.import_files([refused])
    assert isinstance(bad.error, errors.UnknownDeviceError)
    assert fingerprint(central) == before
    reports = central.exchange.import_files([refused, good, refused])
    assert isinstance(reports[0].error, errors.UnknownDeviceError)
    assert reports[1].committed and reports[1].total("new") == 2
    assert isinstance(reports[2].error, errors.UnknownDeviceError)


def test_an_unenrolled_senders_file_is_never_decrypted(
        tmp_path: Path, laptop: Store, central: Store, outbox: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    stranger = open_store(tmp_path / "stranger" / "forebygg.sqlite3")
    try:
        connect(stranger, central, "stranger")
        central.exchange.forget_device(stranger.device_id)
        stranger.talks.create(talk(9))
        refused = stranger.exchange.export(outbox / "x.forebygg").path
    finally:
        stranger.close()
    paths = exports(laptop, outbox, 2)[0]
    opened: list[str] = []
    real = trust.open_members

    def spy(raw: RawPackage, keys: Any) -> RawPackage:
        opened.append(raw.path.name)
        return real(raw, keys)

    monkeypatch.setattr(trust, "open_members", spy)
    reports = central.exchange.import_files([paths[0], refused, paths[1]])
    assert [r.committed for r in reports] == [True, False, True]
    assert refused.name not in opened
    assert sorted(opened) == sorted(p.name for p in paths)


def test_an_enrolment_withdrawn_during_the_import_is_obeyed(
        laptop: Store, central: Store, outbox: Path) -> None:
    paths = exports(laptop, outbox, 3)[0]

    def progress(done: int, total: int, _label: str) -> None:
        if done == 1:  # file 2 may be decrypted and checked already, as the import began
            central.exchange.forget_device(laptop.device_id)

    reports = central.exchange.import_files(paths, progress=progress)
    assert reports[0].committed
    for report in reports[1:]:
        assert isinstance(report.error, errors.UnknownDeviceError)
        assert not report.committed


def test_the_same_file_twice_in_one_import_is_taken_once(
        laptop: Store, central: Store, outbox: Path) -> None:
    [path] = exports(laptop, outbox, 1)[0]
    first, second = central.exchange.import_files([path, path])
    assert first.committed and first.total("new") == 2
    assert second.already_imported_at is not None and not second.committed


def test_a_cancelled_import_stops_with_nothing_of_the_rest_written(
        laptop: Store, central: Store, outbox: Path) -> None:
    paths, row = exports(laptop, outbox, 3)
    taken: list[int] = []

    def progress(done: int, total: int, _label: str) -> None:
        taken.append(done)

    reports = central.exchange.import_files(
        paths, progress=progress, cancelled=lambda: len(taken) >= 1)
    assert len(reports) == 1 and reports[0].committed
    assert talk_row(central, row)["talks"] == 1  # the second file, prepared ahead, unused
    assert no_worker_left()
    with central.uow.read() as session:
        files = session.connection().exec_driver_sql(
            "SELECT count(*) FROM imported_file").scalar()
    assert files == 1


def test_the_dry_run_prepares_ahead_and_writes_nothing(
        laptop: Store, central: Store, outbox: Path) -> None:
    paths = exports(laptop, outbox, 3)[0]
    before = fingerprint(central)
    plans = central.exchange.plan_import(paths)
    assert [p.path for p in plans] == paths and all(p.ok for p in plans)
    assert [p.total("new") for p in plans] == [2, 2, 2]  # each against the store as it is
    assert fingerprint(central) == before


def test_what_is_known_at_the_start_only_chooses_what_to_open_early(
        laptop: Store, central: Store, outbox: Path) -> None:
    [path] = exports(laptop, outbox, 1)[0]
    assert central.data_dir is not None
    department = settings.DEPARTMENT.default
    keys = department_keys(central.data_dir)
    with central.uow.read() as session:
        known = prepare.known(session, department, keys)
    assert laptop.device_id in known.enrolled and not known.imported
    early = prepare.prepare(path, known=known)
    assert early.error is None and early.opened is not None
    assert early.opened.package is not None and early.opened.package.ok
    assert prepare.prepare(path, known=replace(known, keys=None)).opened is None
    assert prepare.prepare(path, known=replace(known, enrolled={})).opened is None
    assert early.raw is not None
    seen = replace(known, imported=frozenset({early.raw.sha256}))
    assert prepare.prepare(path, known=seen).opened is None  # imported before: a look-up suffices
