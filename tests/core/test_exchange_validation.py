"""A row the laptop's own forms would refuse is rejected at import, with the Store's reason.

Each file here is genuine in every other way (signed by the enrolled laptop's key, sealed
to the department): a laptop with a bug, or an old version with looser rules.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from forebygg_desktop.core import i18n
from forebygg_desktop.core.exchange.format import DATA_MEMBER
from forebygg_desktop.core.store import Store
from tests.core.conftest import plain_members, register_some, repack


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture
def package(laptop: Store, tmp_path: Path) -> Path:
    register_some(laptop)
    return laptop.exchange.export(tmp_path / "usb.forebygg").path


def spoiled(package: Path, tmp_path: Path, sql: str) -> Path:
    manifest, members = plain_members(package, tmp_path / "central")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(members[DATA_MEMBER])
    connection.execute(sql)
    connection.commit()
    members[DATA_MEMBER] = connection.serialize()
    path = tmp_path / "spoiled.forebygg"
    path.write_bytes(repack(manifest, members, central_dir=tmp_path / "central",
                            signer_dir=tmp_path / "laptop"))
    return path


def imported(central: Store, path: Path) -> tuple[dict[str, int], list[str]]:
    [report] = central.exchange.import_files([path])
    assert report.ok and report.committed, report.error
    return ({n: c.new for n, c in report.counts.items()},
            [f"{r.record_type}: {r.message()}" for r in report.rejected])


RULES: list[tuple[str, str, str]] = [
    ("UPDATE meeting SET women = -2", "meeting", "A count cannot be negative."),
    ("UPDATE meeting SET women = 9, men = 9", "meeting", "18 attended, but only 10 are "
                                                          "registered."),
    ("UPDATE advice_talk SET first_talk_on = '2999-01-01'", "advice_talk",
     "A talk cannot be registered in the future."),
    ("UPDATE advice_talk SET talks = 0", "advice_talk", "The number of talks must be between"),
    ("UPDATE group_series SET started_women = 9", "group_series",
     "More started than registered."),
    ("UPDATE evaluation_response SET answers = '{\"overall\": 9}'", "evaluation_response",
     "These answers do not fit the questionnaire"),
    ("UPDATE evaluation_response SET answered_on = '2999-01-01'", "evaluation_response",
     "Answers cannot be dated in the future."),
    (f"UPDATE group_series SET venue = '{'x' * 129}'", "group_series",
     "does not follow the exchange format"),
]


@pytest.mark.parametrize(("sql", "record_type", "reason"), RULES,
                         ids=[r[2][:30] for r in RULES])
def test_a_row_the_forms_would_refuse_is_rejected_with_the_reason(
        central: Store, package: Path, tmp_path: Path, sql: str, record_type: str,
        reason: str) -> None:
    new, rejected = imported(central, spoiled(package, tmp_path, sql))
    assert rejected[0].startswith(record_type) and reason in rejected[0], rejected
    # Only what depends on the refused row goes with it (a refused series' meeting).
    assert rejected[1:] == ([] if record_type != "group_series" else
                            ["meeting: It belongs to a group series that is neither in the "
                             "file nor in this store."])
    assert new["advice_talk"] == (0 if record_type == "advice_talk" else 1)
    assert new["evaluation_response"] == (0 if record_type == "evaluation_response" else 1)


def test_a_genuine_file_passes_every_rule(central: Store, package: Path) -> None:
    new, rejected = imported(central, package)
    assert rejected == [] and new["meeting"] == 1 and new["evaluation_response"] == 1


def test_a_tombstone_travels_whatever_it_holds(
        central: Store, package: Path, tmp_path: Path) -> None:
    new, rejected = imported(central, spoiled(
        package, tmp_path, "UPDATE advice_talk SET talks = 0, deleted = 1"))
    assert rejected == [] and new["advice_talk"] == 1


