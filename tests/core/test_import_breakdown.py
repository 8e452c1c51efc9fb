"""The import dry run's breakdown per kind: new, changed, unchanged, deleted, conflicts.

A deletion travels as an update of the tombstone; it must be counted as deleted, not as a
change. The dry run and the import say the same, the dry run writes nothing, and for every
kind the columns add up to the rows the file holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from forebygg_desktop import cli
from forebygg_desktop.core import i18n
from forebygg_desktop.core.exchange.breakdown import COLUMNS, KindCounts, combined
from forebygg_desktop.core.exchange.service import FileReport
from forebygg_desktop.core.exchange.texts import breakdown_lines, report_lines
from forebygg_desktop.core.store import Store
from forebygg_desktop.core.store.records import DigitalUseData, OpenMeetingData, TalkData


def talk(day: int) -> TalkData:
    return TalkData(first_talk_on=date(2026, 3, day), who_came="mother", language_code="sv")


def database_digest(store: Store) -> str:
    with store.uow.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT id, version, deleted FROM advice_talk ORDER BY id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def adds_up(report: FileReport) -> None:
    """Every row of the file is in exactly one of new/changed/unchanged/deleted/rejected."""
    assert report.manifest is not None
    for kind, rows in report.manifest["counts"].items():
        counts = report.breakdown.get(kind, KindCounts())
        assert (counts.new + counts.changed + counts.unchanged + counts.deleted
                + counts.rejected) == rows, kind


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def test_new_changed_deleted_and_unchanged_per_kind(laptop: Store, central: Store,
                                                     outbox: Path) -> None:
    kept = laptop.talks.create(talk(2)).id
    gone = laptop.talks.create(talk(3)).id
    laptop.open_meetings.create(OpenMeetingData(program_code="CAFE", held_on=date(2026, 3, 4),
                                                locality_code="RIMBO", language_code="sv",
                                                women=5))
    first = laptop.exchange.export(outbox)
    [dry] = central.exchange.plan_import([first.path])
    assert dry.breakdown["advice_talk"] == KindCounts(new=2)
    assert dry.breakdown["open_meeting"] == KindCounts(new=1)
    adds_up(dry)
    central.exchange.import_files([first.path])

    laptop.talks.update(kept, TalkData(first_talk_on=date(2026, 3, 2), who_came="father",
                                       language_code="sv"))
    laptop.talks.delete(gone)
    laptop.digital.create(DigitalUseData("SES", 2026, 1, logins_handed_out=4))
    full = laptop.exchange.export(outbox, full=True)
    before = database_digest(central)
    [dry] = central.exchange.plan_import([full.path])
    assert database_digest(central) == before  # the dry run wrote nothing
    assert dry.breakdown["advice_talk"] == KindCounts(changed=1, deleted=1)
    assert dry.breakdown["open_meeting"] == KindCounts(unchanged=1)
    assert dry.breakdown["digital_use"] == KindCounts(new=1)
    adds_up(dry)
    [done] = central.exchange.import_files([full.path])
    assert done.breakdown == dry.breakdown  # the import did what the dry run said
    # Imported again: all of it is already here.
    [again] = central.exchange.plan_import([full.path])
    assert again.already_imported_at is not None
    assert all(c.unchanged and not (c.new or c.changed or c.deleted)
               for c in again.breakdown.values() if c.any)
    adds_up(again)


def test_a_row_deleted_before_it_ever_travelled_counts_as_deleted(
        laptop: Store, central: Store, outbox: Path) -> None:
    row = laptop.talks.create(talk(5)).id
    laptop.talks.delete(row)
    path = laptop.exchange.export(outbox).path
    [dry] = central.exchange.plan_import([path])
    assert dry.breakdown["advice_talk"] == KindCounts(deleted=1)


def test_independent_edits_show_as_conflicts(laptop: Store, central: Store,
                                             outbox: Path) -> None:
    row = laptop.talks.create(talk(6)).id
    central.exchange.import_files([laptop.exchange.export(outbox).path])
    # Corrected at the centre and on the laptop, neither knowing of the other.
    central.talks.update(row, TalkData(first_talk_on=date(2026, 3, 6), who_came="both_parents",
                                       language_code="sv"))
    laptop.talks.update(row, TalkData(first_talk_on=date(2026, 3, 6), who_came="father",
                                      language_code="sv"))
    [dry] = central.exchange.plan_import([laptop.exchange.export(outbox).path])
    assert dry.breakdown["advice_talk"].conflicts == 1
    adds_up(dry)


@pytest.fixture
def english() -> Iterator[None]:
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


def test_the_text_names_each_kind_and_says_what_unchanged_means(english: None) -> None:
    breakdown = combined([{"advice_talk": KindCounts(new=2, deleted=1)},
                          {"advice_talk": KindCounts(unchanged=3),
                           "group_series": KindCounts(changed=1)},
                          {"meeting": KindCounts()}])
    assert list(breakdown) == ["group_series", "meeting", "advice_talk"]  # format order
    assert breakdown["advice_talk"] == KindCounts(new=2, unchanged=3, deleted=1)
    lines = breakdown_lines(breakdown)
    assert lines[0].split() == ["Kind", *[c.capitalize() for c in COLUMNS]]
    assert lines[1].startswith("Group series") and lines[2].startswith("Advice talks")
    assert not any(line.startswith("Meetings") for line in lines)  # nothing to say there
    assert lines[2].split()[-6:] == ["2", "0", "3", "1", "0", "0"]
    assert "Unchanged" in lines[-1] and "changes nothing" in lines[-1]
    assert breakdown_lines({}) == []


def test_cli_dry_run_prints_the_breakdown(laptop: Store, central: Store, outbox: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    gone = laptop.talks.create(talk(7)).id
    laptop.talks.create(talk(8))
    first = laptop.exchange.export(outbox).path
    central.exchange.import_files([first])
    laptop.talks.delete(gone)
    second = laptop.exchange.export(outbox, full=True).path
    assert central.data_dir is not None
    data_dir = central.data_dir
    before = database_digest(central)
    code = cli.main(["--data-dir", str(data_dir), "--ui-language", "en", "import",
                     "--dry-run", str(second)])
    out = capsys.readouterr().out
    assert code == 0
    table = [line.split() for line in out.splitlines()]
    assert ["Advice", "talks", "0", "0", "1", "1", "0", "0"] in table
    assert "“Unchanged” rows are already on this computer" in out
    assert database_digest(central) == before
    [report] = central.exchange.plan_import([second])
    assert "\n".join(report_lines(report)).count("Advice talks") >= 1
