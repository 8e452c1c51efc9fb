"""The import checks a package's rows in one pass (look-ups read once per package, today
asked once): it must refuse exactly the rows the Store's check refuses one row at a time,
each with the same reason.

The reference here is the plain per-row path the import used to take: every row given to
the Store's own check function inside a real write transaction (rolled back), every
look-up a query of its own. A batched check that lets a bad row through, or refuses a good
one, or gives another reason, fails these tests.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n
from forebygg_desktop.core.errors import ValidationError, ValidationErrors
from forebygg_desktop.core.exchange.format import DATA_MEMBER, record_types
from forebygg_desktop.core.exchange.reader import DataPackage
from forebygg_desktop.core.exchange.validation import (
    _SIMPLE,
    VALIDATED,
    _check_answers,
    _series_facts,
    to_data,
)
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.groups import _check_meeting, _check_series
from forebygg_desktop.core.store.records import (
    DigitalUseData,
    MeetingData,
    OpenMeetingData,
    SeriesData,
    TalkData,
)
from forebygg_desktop.core.store.unit import WriteTransaction
from tests.core.conftest import plain_members, repack

TALKS = 40
OPEN_MEETINGS = 30
MEETINGS = 8


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture
def package(laptop: Store, tmp_path: Path) -> Path:
    """Many good rows of every checked kind, from one laptop."""
    series = laptop.groups.create_series(SeriesData(
        "ABC-3-12", "RIMBO", "sv", registered_women=6, registered_men=4,
        planned_start=date(2026, 1, 5)))
    for number in range(1, MEETINGS + 1):
        laptop.groups.register_meeting(series.id, MeetingData(
            number=number, held_on=date(2026, 1, 5) + timedelta(days=7 * number),
            women=4, men=3))
    for i in range(TALKS):
        laptop.talks.create(TalkData(first_talk_on=date(2026, 2, 1) + timedelta(days=i % 20),
                                     who_came="mother", language_code="sv",
                                     talks=1 + i % 3))
    for i in range(OPEN_MEETINGS):
        laptop.open_meetings.create(OpenMeetingData(
            program_code="CAFE", held_on=date(2026, 3, 1) + timedelta(days=i),
            locality_code="HALLSTAVIK", language_code="so", women=i % 9, men=i % 4))
    laptop.digital.create(DigitalUseData("SES", 2026, 1, logins_handed_out=4))
    laptop.digital.create(DigitalUseData("SES", 2026, 2, logins_handed_out=3))
    token = laptop.evaluations.start_round("series", series.id, "group")
    laptop.evaluations.submit_answer(token, "sv", {"overall": 4})
    return laptop.exchange.export(tmp_path / "usb.forebygg").path


def spoiled(package: Path, tmp_path: Path, script: str, sequence: int = 1) -> Path:
    """The package with `script` run on its data; `sequence` 2: the laptop's next (full)
    export, for a store that imported the package already."""
    manifest, members = plain_members(package, tmp_path / "central")
    manifest["sequence"], manifest["full"] = sequence, True
    connection = sqlite3.connect(":memory:")
    connection.deserialize(members[DATA_MEMBER])
    connection.executescript(script)
    members[DATA_MEMBER] = connection.serialize()
    connection.close()
    path = tmp_path / "spoiled.forebygg"
    path.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                            signer_dir=tmp_path / "laptop"))
    return path


class _RolledBack(Exception):
    pass


def per_row_refusals(central: Store, package: DataPackage) -> dict[tuple[str, str], str]:
    """(record type, id) → msgid of every live row the Store's check refuses, one row and
    one transaction at a time, each look-up its own query (the reference)."""
    out: dict[tuple[str, str], str] = {}
    series_rows = {r[0]: r for r in package.rows["group_series"]}
    for name, record_type in record_types().items():
        if name not in VALIDATED:
            continue
        for row in package.rows[name]:
            if row[record_type.index("deleted")]:
                continue
            try:
                with central.uow.write() as outer:
                    tx = WriteTransaction(outer.session, str(row[record_type.index("device_id")]))
                    _check_one(tx, record_type.name, row, series_rows)
                    raise _RolledBack
            except _RolledBack:
                continue
            except ValidationErrors as errors:
                out[(name, row[0])] = errors.errors[0].msgid
            except ValidationError as error:
                out[(name, row[0])] = error.msgid
    return out


def _check_one(tx: WriteTransaction, name: str, row: tuple[object, ...],
               series_rows: dict[str, tuple[object, ...]]) -> None:
    record_type = record_types()[name]
    if name in _SIMPLE:
        check, data_class = _SIMPLE[name]
        check(None, tx, to_data(record_type, row, data_class), row[0])
    elif name == "group_series":
        _check_series(tx, to_data(record_type, row, SeriesData), new=False)
    elif name == "evaluation_response":
        _check_answers(tx, dict(zip(record_type.names, row, strict=True)), {})
    else:
        series_id = str(row[record_type.index("series_id")])
        facts = _series_facts(tx, series_id, series_rows.get(series_id))
        if facts is not None:
            _check_meeting(tx, facts, to_data(record_type, row, MeetingData), str(row[0]))


def import_refusals(central: Store, path: Path) -> dict[tuple[str, str], str]:
    [report] = central.exchange.import_files([path])
    assert report.committed, report.error
    return {(r.record_type, str(r.record_id)): r.msgid for r in report.rejected}


# Bad rows among many good ones: counts and dates a form refuses, and rows that clash with
# what the central store already holds (a meeting number, a quarter of digital use).
SPOILS = """
UPDATE advice_talk SET talks = 0 WHERE rowid = 7;
UPDATE advice_talk SET first_talk_on = '2999-01-01' WHERE rowid = 23;
UPDATE open_meeting SET women = -1 WHERE rowid = 4;
UPDATE open_meeting SET held_on = '2999-03-01' WHERE rowid = 19;
UPDATE meeting SET women = 9, men = 9 WHERE number = 5;
UPDATE meeting SET id = '00000000-0000-4000-8000-000000000003' WHERE number = 3;
UPDATE digital_use SET id = '00000000-0000-4000-8000-000000000001' WHERE quarter = 2;
UPDATE group_series SET started_women = 9;
"""


def test_the_import_refuses_exactly_what_the_per_row_check_refuses(
        central: Store, package: Path, tmp_path: Path) -> None:
    import_refusals(central, package)  # the genuine file first: the store holds its rows
    path = spoiled(package, tmp_path, SPOILS, sequence=2)
    reference = per_row_refusals(central, central.exchange.check_file(path))
    # The reference has teeth: one refusal per spoiled row, none for the good ones.
    assert sorted(reference.values()) == sorted([
        "The number of talks must be between {low} and {high}.",
        "A talk cannot be registered in the future.",
        "A count cannot be negative.",
        "A meeting cannot be registered in the future.",
        "{attendance} attended, but only {registered} are registered.",
        "Meeting {number} is already registered.",
        "This quarter is already registered for the program: edit that row.",
        "More started than registered."])
    # (The series is in the store already: its meetings keep their parent.)
    assert import_refusals(central, path) == reference


def test_one_bad_row_among_many_good_ones_is_refused_with_the_stores_reason(
        central: Store, package: Path, tmp_path: Path, laptop: Store) -> None:
    path = spoiled(package, tmp_path, "UPDATE open_meeting SET men = 10001 WHERE rowid = 17;")
    [report] = central.exchange.import_files([path])
    assert report.committed
    [rejected] = report.rejected
    with pytest.raises(ValidationError) as saved:  # what the laptop's own form says
        laptop.open_meetings.create(OpenMeetingData(
            program_code="CAFE", held_on=date(2026, 3, 1), locality_code="HALLSTAVIK",
            language_code="so", men=10001))
    assert (rejected.record_type, rejected.msgid) == ("open_meeting", saved.value.msgid)
    assert rejected.message() == "A count above 10000 is not plausible."
    assert report.counts["open_meeting"].new == OPEN_MEETINGS - 1
    assert report.counts["advice_talk"].new == TALKS


def test_a_meeting_number_already_in_the_store_is_refused_only_for_another_meeting(
        central: Store, package: Path, tmp_path: Path) -> None:
    """The numbers read once per package exclude the meeting itself, as the query does."""
    import_refusals(central, package)
    edited = spoiled(package, tmp_path, "UPDATE meeting SET minutes = 95 WHERE number = 2;",
                     sequence=2)
    assert import_refusals(central, edited) == {}


@pytest.mark.parametrize("clock", [
    """'{"someone-else": 1}'""",               # does not name the row's own device
    """json_object(device_id, 0)""",           # an edit count below 1
    """json_object(device_id, 1, 'x', 'y')""",  # a count that is not a number
    """'[1]'""", """'not json'""", "7"])
def test_a_bad_clock_among_good_ones_is_refused_by_the_format_check(
        central: Store, package: Path, tmp_path: Path, clock: str) -> None:
    """The clock's rule runs once per distinct clock of the file; a bad one is still found
    on its own row."""
    path = spoiled(package, tmp_path, f"UPDATE advice_talk SET clock = {clock} WHERE rowid = 9;")
    [report] = central.exchange.import_files([path])
    assert report.committed
    assert [(r.record_type, r.params) for r in report.rejected] == [
        ("advice_talk", {"field": "clock"})]
    assert report.counts["advice_talk"].new == TALKS - 1


# Every rule of a talk's and an open meeting's check broken somewhere (the checks are run
# column by column first, store/steps.py): codes the catalogue knows but the rule refuses,
# a bad value shared by two rows, a row with two faults (the first is the reason).
STEP_SPOILS = """
UPDATE advice_talk SET talks = 0 WHERE rowid IN (3, 5);
UPDATE advice_talk SET talks = 21 WHERE rowid = 4;
UPDATE advice_talk SET first_talk_on = '2999-01-01' WHERE rowid = 6;
UPDATE advice_talk SET first_talk_on = '1999-12-31' WHERE rowid = 8;
UPDATE advice_talk SET who_came = 'nobody' WHERE rowid = 10;
UPDATE advice_talk SET outcome = 'vanished' WHERE rowid = 11;
UPDATE advice_talk SET outcome = 'referred', referred_to = NULL WHERE rowid = 12;
UPDATE advice_talk SET outcome = 'referred', referred_to = 'moon' WHERE rowid = 13;
UPDATE advice_talk SET outcome = 'moved_to_group', moved_to_program = NULL WHERE rowid = 14;
UPDATE advice_talk SET talks = 0, who_came = 'nobody' WHERE rowid = 15;
UPDATE advice_talk SET talks = 0, deleted = 1 WHERE rowid = 16;
UPDATE open_meeting SET program_code = 'ABC-3-12' WHERE rowid = 2;
UPDATE open_meeting SET minutes = 0 WHERE rowid = 3;
UPDATE open_meeting SET minutes = 1441 WHERE rowid IN (5, 6);
UPDATE open_meeting SET other_gender = 10001 WHERE rowid = 7;
UPDATE open_meeting SET held_on = '2999-03-01', women = -1 WHERE rowid = 8;
"""


def test_each_rule_of_a_talk_and_an_open_meeting_refuses_its_rows_as_the_store_does(
        central: Store, package: Path, tmp_path: Path) -> None:
    path = spoiled(package, tmp_path, STEP_SPOILS)
    reference = per_row_refusals(central, central.exchange.check_file(path))
    # The reference has teeth: every spoiled live row refused (the tombstone travels),
    # each rule's own reason, and the first of two for the row with two faults.
    assert sorted(reference.values()) == sorted([
        *["The number of talks must be between {low} and {high}."] * 4,
        "A talk cannot be registered in the future.",
        "The date must lie between {first} and {last}.",
        "Unknown choice: {code}.", "Unknown choice: {code}.", "Choose a value.",
        "Unknown choice: {code}.", "Choose the group program.",
        "Choose a café or lecture.", *["Minutes must be between {low} and {high}."] * 3,
        "A count above {limit} is not plausible.",
        "A meeting cannot be registered in the future."])
    assert import_refusals(central, path) == reference


def test_a_step_verdict_follows_the_catalogue_it_was_given(
        central: Store, package: Path, tmp_path: Path) -> None:
    """Verdicts are kept across packages: a changed catalogue must not get an old one."""
    from forebygg_desktop.core.exchange.validation import registration_errors
    from forebygg_desktop.core.validation import same_day

    rows = central.exchange.check_file(package).rows["open_meeting"]
    record_type = record_types()["open_meeting"]
    with central.uow.write() as tx, same_day():
        connection = tx.session.connection()
        assert registration_errors(connection, record_type, rows, {}) == {}
        connection.exec_driver_sql("UPDATE program SET kind = 'group' WHERE code = 'CAFE'")
        refused = registration_errors(connection, record_type, rows, {})
        assert {e.msgid for e in refused.values()} == {"Choose a café or lecture."}
        assert set(refused) == {r[0] for r in rows}
        tx.session.rollback()


def test_unknown_codes_and_a_missing_parent_are_refused_row_by_row_with_the_first_reason(
        central: Store, package: Path, tmp_path: Path) -> None:
    """References are screened column by column first; the rows that fail still get the
    reason of their first unresolved column."""
    path = spoiled(package, tmp_path, """
        UPDATE advice_talk SET theme_code = 'NOPE' WHERE rowid = 2;
        UPDATE advice_talk SET language_code = 'zz', locality_code = 'NOWHERE' WHERE rowid = 3;
        UPDATE open_meeting SET locality_code = 'NOWHERE' WHERE rowid IN (4, 9);
        UPDATE meeting SET series_id = '00000000-0000-4000-8000-00000000abcd' WHERE number = 2;
    """)
    [report] = central.exchange.import_files([path])
    assert report.committed
    reasons = sorted((r.record_type, r.params.get("field", ""), r.params.get("code", ""))
                     for r in report.rejected)
    talk = record_types()["advice_talk"].names
    first = min(("language_code", "locality_code"), key=talk.index)
    assert reasons == sorted([
        ("advice_talk", "theme_code", "NOPE"),
        ("advice_talk", first, {"language_code": "zz", "locality_code": "NOWHERE"}[first]),
        ("open_meeting", "locality_code", "NOWHERE"), ("open_meeting", "locality_code", "NOWHERE"),
        ("meeting", "", "")])
    assert report.counts["advice_talk"].new == TALKS - 2
    assert report.counts["meeting"].new == MEETINGS - 1
