"""The evaluation activity picker's order and the kiosk's rule: running first, then by start
(latest first); the kiosk never offers what has not started."""

from __future__ import annotations

from datetime import date, timedelta

from forebygg_desktop.core.activity_choices import (
    has_started,
    open_meeting_activities,
    series_activities,
)
from forebygg_desktop.core.store.groups import SeriesRow
from forebygg_desktop.core.store.records import OpenMeetingRecord

TODAY = date(2027, 3, 10)


def row(id: str, status: str, start: date | None = None, first: date | None = None,
        held: int = 0) -> SeriesRow:
    return SeriesRow(id=id, program_code="ABC-3-12", locality_code="RIMBO", venue="Kyrkan",
                     language_code="sv", status=status, planned_meetings=4, meetings_held=held,
                     first_meeting=first, last_meeting=first, planned_start=start,
                     needs_attention=False)


def test_running_first_then_by_start_latest_first() -> None:
    rows = [row("done", "completed", first=date(2026, 9, 1), held=4),
            row("old-run", "running", first=date(2027, 1, 5), held=2),
            row("future", "planned", start=TODAY + timedelta(days=30)),
            row("new-run", "running", first=date(2027, 2, 20), held=1),
            row("cancelled", "cancelled", start=date(2027, 1, 1))]
    order = [a.id for a in series_activities(rows, TODAY)]
    assert order == ["new-run", "old-run", "future", "done", "cancelled"]


def test_the_kiosk_never_offers_a_series_that_has_not_started() -> None:
    rows = [row("future", "planned", start=TODAY + timedelta(days=1)),
            row("undated", "planned"),
            row("today", "planned", start=TODAY),
            row("held", "planned", start=TODAY + timedelta(days=9), held=1),
            row("cancelled-early", "cancelled", start=TODAY - timedelta(days=5)),
            row("running", "running", first=TODAY - timedelta(days=7), held=1)]
    offered = {a.id for a in series_activities(rows, TODAY, for_kiosk=True)}
    assert offered == {"today", "held", "running"}
    assert {a.id for a in series_activities(rows, TODAY)} == {r.id for r in rows}
    assert not has_started(row("x", "planned", start=TODAY + timedelta(days=1)), TODAY)


def test_labels_carry_the_venue_and_the_start() -> None:
    activity = series_activities([row("a", "running", first=date(2027, 1, 2), held=1)],
                                 TODAY)[0]
    assert (activity.venue, activity.start) == ("Kyrkan", date(2027, 1, 2))


def test_open_meetings_latest_first_and_none_to_come_in_the_kiosk() -> None:
    def meeting(id: str, day: date) -> OpenMeetingRecord:
        return OpenMeetingRecord(program_code="CAFE", held_on=day, locality_code="RIMBO",
                                 language_code="sv", venue="Café", id=id)

    records = [meeting("past", TODAY - timedelta(days=20)), meeting("today", TODAY),
               meeting("next-week", TODAY + timedelta(days=7))]
    assert [a.id for a in open_meeting_activities(records, TODAY)] == \
        ["next-week", "today", "past"]
    assert [a.id for a in open_meeting_activities(records, TODAY, for_kiosk=True)] == \
        ["today", "past"]
