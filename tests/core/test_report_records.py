"""Reported figures stay explainable: every workbook is recorded; a late package that
changes a reported quarter shows up figure by figure; a closed quarter holds the change
until approved, and the approved change converges like any other import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop.core import settings
from forebygg_desktop.core.exchange.format import record_types
from forebygg_desktop.core.exchange.writer import select_sql
from forebygg_desktop.core.period import Period
from forebygg_desktop.core.reports.workbook import ReportOptions, write_report
from forebygg_desktop.core.startup import open_store
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import TalkData, edited
from tests.core.conftest import connect, enrol, share_department_key

Q1 = Period.parse("2026Q1")


def make_store(folder: Path, role: str = "field") -> Store:
    store = open_store(folder / "forebygg.sqlite3")
    store.settings.set(settings.ROLE, role)
    return store


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store, Path]]:
    laptop = make_store(tmp_path / "laptop")
    central = make_store(tmp_path / "central", role="central")
    connect(laptop, central)  # the laptop knows the department's keys and is enrolled
    outbox = tmp_path / "usb"
    outbox.mkdir()
    yield laptop, central, outbox
    laptop.close()
    central.close()


def talk(day: int, month: int = 2, **changes: object) -> TalkData:
    return edited(TalkData(first_talk_on=date(2026, month, day), who_came="mother",
                           language_code="sv"), **changes)


def rows(store: Store, name: str) -> set[tuple[object, ...]]:
    with store.uow.read() as session:
        return {tuple(r) for r in session.connection().exec_driver_sql(
            select_sql(record_types()[name]))}


def test_a_workbook_is_recorded_with_the_figures_it_showed(stores: tuple[Store, Store, Path],
                                                           tmp_path: Path) -> None:
    laptop, _central, _outbox = stores
    laptop.talks.create(talk(3))
    write_report(laptop, ReportOptions(Q1), tmp_path / "q1.xlsx")
    [record] = laptop.reported.records(Q1)
    assert record.kind == "workbook" and record.saved_as == "q1.xlsx"
    assert record.figures["talk_contacts"] == 1
    assert laptop.reported.changes(Q1)[1] == []  # nothing changed since


def test_a_late_package_that_changes_a_reported_quarter_is_listed_figure_by_figure(
        stores: tuple[Store, Store, Path], tmp_path: Path) -> None:
    laptop, central, outbox = stores
    laptop.talks.create(talk(3))
    central.exchange.import_files([laptop.exchange.export(outbox / "1.forebygg").path])
    write_report(central, ReportOptions(Q1, suppress=None), tmp_path / "q1.xlsx")
    laptop.talks.create(talk(20))  # registered late, in the reported quarter
    laptop.talks.create(talk(5, month=5))  # another quarter: not a change to Q1
    central.exchange.import_files([laptop.exchange.export(outbox / "2.forebygg").path])
    record, changes = central.reported.changes(Q1)
    assert record is not None
    by_key = {c.key: (c.reported, c.now) for c in changes}
    assert by_key["talk_contacts"] == (1, 2)
    assert central.reported.changed_periods() == [Q1]
    # Reported again: the new record is what counts, nothing is listed any more.
    write_report(central, ReportOptions(Q1), tmp_path / "q1-again.xlsx")
    assert central.reported.changes(Q1)[1] == [] and central.reported.changed_periods() == []


def test_a_closed_quarter_holds_the_change_until_approved_and_it_converges(
        stores: tuple[Store, Store, Path], tmp_path: Path) -> None:
    laptop, central, outbox = stores
    first = laptop.talks.create(talk(3)).id
    one = laptop.exchange.export(outbox / "1.forebygg").path
    central.exchange.import_files([one])
    write_report(central, ReportOptions(Q1), tmp_path / "q1.xlsx")
    central.closing.close(Q1, by="Central office")
    laptop.talks.update(first, talk(3, talks=4))  # a change to a closed quarter
    laptop.talks.create(talk(21))  # a new row in it
    laptop.talks.create(talk(5, month=5))  # an open quarter: applied at once
    two = laptop.exchange.export(outbox / "2.forebygg").path
    [dry] = central.exchange.plan_import([two])  # the dry run says so, and holds nothing
    assert dry.held == 2 and central.closing.held() == []
    from dataclasses import replace

    from forebygg_desktop.core.exchange.texts import report_lines

    said = set(report_lines(dry)) - set(report_lines(replace(dry, held=0)))
    assert len(said) == 1 and "2" in said.pop()  # one more line: 2 rows wait
    [report] = central.exchange.import_files([two])
    assert report.committed and report.held == 2
    # The reported figures have not moved; the held changes are listed.
    assert central.reported.changes(Q1)[1] == []
    held = central.closing.held()
    assert {h.period_code for h in held} == {"2026Q1"} and len(held) == 2
    assert central.talks.get(first).talks != 4
    assert len(rows(central, "advice_talk")) == 2  # Q1's first talk and the May one
    # Importing the same file again changes nothing and holds nothing twice.
    central.exchange.import_files([two])
    assert len(central.closing.held()) == 2
    central.closing.approve(by="Anna, central office", period=Q1)
    assert central.closing.held() == []
    [approved, *_] = central.closing.held(include_approved=True)
    assert approved.approved_by == "Anna, central office" and approved.approved_at
    # Now the quarter's figures changed, openly, and the store equals one that never
    # closed anything and took the same files in the other order.
    assert {c.key for c in central.reported.changes(Q1)[1]} >= {"talk_contacts", "talks"}
    other = make_store(tmp_path / "other", role="central")
    share_department_key(central, other)  # the same department, another computer
    enrol(other, laptop)
    try:
        other.exchange.import_files([two, one])
        assert rows(other, "advice_talk") == rows(central, "advice_talk")
        assert rows(central, "advice_talk") == rows(laptop, "advice_talk")
    finally:
        other.close()


def test_an_older_held_version_does_not_undo_a_newer_one(
        stores: tuple[Store, Store, Path]) -> None:
    laptop, central, outbox = stores
    first = laptop.talks.create(talk(3)).id
    central.exchange.import_files([laptop.exchange.export(outbox / "1.forebygg").path])
    central.closing.close(Q1, by="x")
    laptop.talks.update(first, talk(3, talks=2))
    two = laptop.exchange.export(outbox / "2.forebygg").path
    laptop.talks.update(first, talk(3, talks=3))
    three = laptop.exchange.export(outbox / "3.forebygg").path
    central.exchange.import_files([three, two])  # newest first
    central.closing.approve(by="y")
    assert central.talks.get(first).talks == 3
    assert rows(central, "advice_talk") == rows(laptop, "advice_talk")
